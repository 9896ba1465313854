/**
 * Values and options shared by both APIs of the iWF protocol, named after the official IDL (`iwf.yaml`).
 *
 * These types are the only thing the SDK and the simulator share: the simulator speaks the wire,
 * never the SDK's workflow API, so it serves workers written with any iWF SDK.
 *
 * @example
 * const value: EncodedObject = { encoding: 'json/plain', data: '"done"' };
 */

/** A value as it travels: `data` is JSON text, so a string `done` is `"\"done\""`. */
export interface EncodedObject {
  encoding?: string;
  data?: string;
  extStoreId?: string;
  extPath?: string;
}

/** A data attribute, state local or recorded event: a key and an encoded value. */
export interface KeyValue {
  key?: string;
  value?: EncodedObject;
}

export const SEARCH_ATTRIBUTE_VALUE_TYPES = [
  'KEYWORD',
  'TEXT',
  'DATETIME',
  'INT',
  'DOUBLE',
  'BOOL',
  'KEYWORD_ARRAY',
] as const;
/** The seven search attribute types of iWF. */
export type SearchAttributeValueType = (typeof SEARCH_ATTRIBUTE_VALUE_TYPES)[number];

export interface SearchAttributeKeyAndType {
  key?: string;
  valueType?: SearchAttributeValueType;
}

/** A typed, indexed attribute; the value sits in the field that matches `valueType`. */
export interface SearchAttribute {
  key?: string;
  valueType?: SearchAttributeValueType;
  stringValue?: string;
  integerValue?: number;
  doubleValue?: number;
  boolValue?: boolean;
  stringArrayValue?: string[];
}

export interface RetryPolicy {
  initialIntervalSeconds?: number;
  backoffCoefficient?: number;
  maximumIntervalSeconds?: number;
  maximumAttempts?: number;
  maximumAttemptsDurationSeconds?: number;
}

export interface WorkflowRetryPolicy {
  initialIntervalSeconds?: number;
  backoffCoefficient?: number;
  maximumIntervalSeconds?: number;
  maximumAttempts?: number;
}

export const EXECUTE_API_FAILURE_POLICIES = [
  'FAIL_WORKFLOW_ON_EXECUTE_API_FAILURE',
  'PROCEED_TO_CONFIGURED_STATE',
] as const;
export type ExecuteApiFailurePolicy = (typeof EXECUTE_API_FAILURE_POLICIES)[number];
export const START_API_FAILURE_POLICIES = [
  'FAIL_WORKFLOW_ON_START_API_FAILURE',
  'PROCEED_TO_DECIDE_ON_START_API_FAILURE',
] as const;
export type StartApiFailurePolicy = (typeof START_API_FAILURE_POLICIES)[number];
export const WAIT_UNTIL_API_FAILURE_POLICIES = ['FAIL_WORKFLOW_ON_FAILURE', 'PROCEED_ON_FAILURE'] as const;
export type WaitUntilApiFailurePolicy = (typeof WAIT_UNTIL_API_FAILURE_POLICIES)[number];

export const PERSISTENCE_LOADING_TYPES = [
  'LOAD_ALL_WITHOUT_LOCKING',
  'LOAD_PARTIAL_WITHOUT_LOCKING',
  'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
  'LOAD_NONE',
  'LOAD_ALL_WITH_PARTIAL_LOCK',
] as const;
export type PersistenceLoadingType = (typeof PERSISTENCE_LOADING_TYPES)[number];

export interface PersistenceLoadingPolicy {
  persistenceLoadingType?: PersistenceLoadingType;
  partialLoadingKeys?: string[];
  lockingKeys?: string[];
  useKeyAsPrefix?: boolean;
  lazyLoadingLargeDataAttributes?: boolean;
}

/** Options of one state; legacy names (`startApi*`, `decideApi*`, `skipStartApi`) win when present. */
export interface WorkflowStateOptions {
  searchAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  waitUntilApiSearchAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  executeApiSearchAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  dataObjectsLoadingPolicy?: PersistenceLoadingPolicy;
  dataAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  waitUntilApiDataAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  executeApiDataAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  startApiTimeoutSeconds?: number;
  decideApiTimeoutSeconds?: number;
  waitUntilApiTimeoutSeconds?: number;
  executeApiTimeoutSeconds?: number;
  startApiRetryPolicy?: RetryPolicy;
  decideApiRetryPolicy?: RetryPolicy;
  waitUntilApiRetryPolicy?: RetryPolicy;
  executeApiRetryPolicy?: RetryPolicy;
  startApiFailurePolicy?: StartApiFailurePolicy;
  waitUntilApiFailurePolicy?: WaitUntilApiFailurePolicy;
  executeApiFailurePolicy?: ExecuteApiFailurePolicy;
  executeApiFailureProceedStateId?: string;
  executeApiFailureProceedStateOptions?: WorkflowStateOptions;
  skipStartApi?: boolean;
  skipWaitUntil?: boolean;
}

export interface WorkflowAlreadyStartedOptions {
  ignoreAlreadyStartedError: boolean;
  requestId?: string;
}

export const WORKFLOW_ID_REUSE_POLICIES = [
  'ALLOW_DUPLICATE_FAILED_ONLY',
  'ALLOW_DUPLICATE',
  'REJECT_DUPLICATE',
  'TERMINATE_IF_RUNNING',
] as const;
export type WorkflowIDReusePolicy = (typeof WORKFLOW_ID_REUSE_POLICIES)[number];
export const ID_REUSE_POLICIES = [
  'ALLOW_IF_PREVIOUS_EXISTS_ABNORMALLY',
  'ALLOW_IF_PREVIOUS_EXITS_ABNORMALLY',
  'ALLOW_IF_NO_RUNNING',
  'DISALLOW_REUSE',
  'ALLOW_TERMINATE_IF_RUNNING',
] as const;
/** The legacy id-reuse policy names; they win over `workflowIDReusePolicy` when both are set. */
export type IDReusePolicy = (typeof ID_REUSE_POLICIES)[number];

export const EXECUTING_STATE_ID_MODES = [
  'ENABLED_FOR_ALL',
  'ENABLED_FOR_STATES_WITH_WAIT_UNTIL',
  'DISABLED',
] as const;
export type ExecutingStateIdMode = (typeof EXECUTING_STATE_ID_MODES)[number];

export interface WorkflowConfig {
  disableSystemSearchAttribute?: boolean;
  executingStateIdMode?: ExecutingStateIdMode;
  continueAsNewThreshold?: number;
  continueAsNewPageSizeInBytes?: number;
  optimizeActivity?: boolean;
  optimizeTimer?: boolean;
}

export interface WorkflowStartOptions {
  workflowIDReusePolicy?: WorkflowIDReusePolicy;
  idReusePolicy?: IDReusePolicy;
  cronSchedule?: string;
  workflowStartDelaySeconds?: number;
  retryPolicy?: WorkflowRetryPolicy;
  searchAttributes?: SearchAttribute[];
  dataAttributes?: KeyValue[];
  workflowConfigOverride?: WorkflowConfig;
  useMemoForDataAttributes?: boolean;
  workflowAlreadyStartedOptions?: WorkflowAlreadyStartedOptions;
}

export const ERROR_SUB_STATUSES = [
  'UNCATEGORIZED_SUB_STATUS',
  'WORKFLOW_ALREADY_STARTED_SUB_STATUS',
  'WORKFLOW_NOT_EXISTS_SUB_STATUS',
  'WORKER_API_ERROR',
  'LONG_POLL_TIME_OUT_SUB_STATUS',
] as const;
export type ErrorSubStatus = (typeof ERROR_SUB_STATUSES)[number];

/** The body of every non-200 answer of the iWF server. */
export interface ErrorResponse {
  detail?: string;
  subStatus?: ErrorSubStatus;
  originalWorkerErrorDetail?: string;
  originalWorkerErrorType?: string;
  originalWorkerErrorStatus?: number;
}

/** What a worker answers when its code failed. */
export interface WorkerErrorResponse {
  detail?: string;
  errorType?: string;
}

export interface HealthInfo {
  condition?: string;
  hostname?: string;
  duration?: number;
}
