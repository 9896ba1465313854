/**
 * The iWF REST protocol as JSON types, named after the official IDL (`iwf.yaml`).
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

// ---- client → server -------------------------------------------------------------------------

export interface WorkflowStartRequest {
  workflowId: string;
  iwfWorkflowType: string;
  workflowTimeoutSeconds: number;
  iwfWorkerUrl: string;
  startStateId?: string;
  waitForCompletionStateIds?: string[];
  waitForCompletionStateExecutionIds?: string[];
  stateInput?: EncodedObject;
  stateOptions?: WorkflowStateOptions;
  workflowStartOptions?: WorkflowStartOptions;
}
export interface WorkflowStartResponse {
  workflowRunId?: string;
}

export interface WorkflowSignalRequest {
  workflowId: string;
  workflowRunId?: string;
  signalChannelName: string;
  signalValue?: EncodedObject;
}

export interface InterStateChannelPublishing {
  channelName: string;
  value?: EncodedObject;
}
export interface PublishToInternalChannelRequest {
  workflowId: string;
  workflowRunId?: string;
  messages?: InterStateChannelPublishing[];
}

export const WORKFLOW_STOP_TYPES = ['CANCEL', 'TERMINATE', 'FAIL'] as const;
export type WorkflowStopType = (typeof WORKFLOW_STOP_TYPES)[number];
export interface WorkflowStopRequest {
  workflowId: string;
  workflowRunId?: string;
  reason?: string;
  stopType?: WorkflowStopType;
}

export interface WorkflowGetDataObjectsRequest {
  workflowId: string;
  workflowRunId?: string;
  keys?: string[];
  useMemoForDataAttributes?: boolean;
}
export interface WorkflowGetDataObjectsResponse {
  objects?: KeyValue[];
}
export interface WorkflowSetDataObjectsRequest {
  workflowId: string;
  workflowRunId?: string;
  objects?: KeyValue[];
}

export interface WorkflowGetSearchAttributesRequest {
  workflowId: string;
  workflowRunId?: string;
  keys?: SearchAttributeKeyAndType[];
}
export interface WorkflowGetSearchAttributesResponse {
  searchAttributes?: SearchAttribute[];
}
export interface WorkflowSetSearchAttributesRequest {
  workflowId: string;
  workflowRunId?: string;
  searchAttributes?: SearchAttribute[];
}

export interface WorkflowGetRequest {
  workflowId: string;
  workflowRunId?: string;
  needsResults?: boolean;
  waitTimeSeconds?: number;
}

export const WORKFLOW_STATUSES = [
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'TIMEOUT',
  'TERMINATED',
  'CANCELED',
  'CONTINUED_AS_NEW',
] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export const WORKFLOW_ERROR_TYPES = [
  'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
  'CLIENT_API_FAILING_WORKFLOW_ERROR_TYPE',
  'STATE_API_FAIL_ERROR_TYPE',
  'INVALID_USER_WORKFLOW_CODE_ERROR_TYPE',
  'RPC_ACQUIRE_LOCK_FAILURE',
  'SERVER_INTERNAL_ERROR_TYPE',
] as const;
export type WorkflowErrorType = (typeof WORKFLOW_ERROR_TYPES)[number];

export interface StateCompletionOutput {
  completedStateId: string;
  completedStateExecutionId: string;
  completedStateOutput?: EncodedObject;
}

export interface WorkflowGetResponse {
  workflowRunId: string;
  workflowStatus: WorkflowStatus;
  results?: StateCompletionOutput[];
  errorType?: WorkflowErrorType;
  errorMessage?: string;
}

export interface WorkflowSearchRequest {
  query: string;
  pageSize?: number;
  nextPageToken?: string;
}
export interface WorkflowSearchResponseEntry {
  workflowId: string;
  workflowRunId: string;
}
export interface WorkflowSearchResponse {
  workflowExecutions?: WorkflowSearchResponseEntry[];
  nextPageToken?: string;
}

export const WORKFLOW_RESET_TYPES = [
  'HISTORY_EVENT_ID',
  'BEGINNING',
  'HISTORY_EVENT_TIME',
  'STATE_ID',
  'STATE_EXECUTION_ID',
] as const;
export type WorkflowResetType = (typeof WORKFLOW_RESET_TYPES)[number];
export interface WorkflowResetRequest {
  workflowId: string;
  workflowRunId?: string;
  resetType: WorkflowResetType;
  historyEventId?: number;
  reason?: string;
  historyEventTime?: string;
  stateId?: string;
  stateExecutionId?: string;
  skipSignalReapply?: boolean;
  skipUpdateReapply?: boolean;
}
export interface WorkflowResetResponse {
  workflowRunId: string;
}

export interface WorkflowSkipTimerRequest {
  workflowId: string;
  workflowRunId?: string;
  workflowStateExecutionId: string;
  timerCommandId?: string;
  timerCommandIndex?: number;
}

export interface WorkflowConfigUpdateRequest {
  workflowId: string;
  workflowRunId?: string;
  workflowConfig: WorkflowConfig;
}

export interface TriggerContinueAsNewRequest {
  workflowId: string;
  workflowRunId?: string;
}

export interface WorkflowDumpRequest {
  workflowId: string;
  workflowRunId: string;
  pageSizeInBytes: number;
  pageNum: number;
}
export interface WorkflowDumpResponse {
  checksum: string;
  totalPages: number;
  jsonData: string;
}

export interface WorkflowRpcRequest {
  workflowId: string;
  workflowRunId?: string;
  rpcName: string;
  input?: EncodedObject;
  searchAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  dataAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  timeoutSeconds?: number;
  useMemoForDataAttributes?: boolean;
  searchAttributes?: SearchAttributeKeyAndType[];
}
export interface WorkflowRpcResponse {
  output?: EncodedObject;
}

export interface WorkflowWaitForStateCompletionRequest {
  workflowId: string;
  stateExecutionId?: string;
  stateId?: string;
  waitForKey?: string;
  waitTimeSeconds?: number;
}
export interface WorkflowWaitForStateCompletionResponse {
  stateCompletionOutput?: StateCompletionOutput;
}

// ---- server → worker -------------------------------------------------------------------------

/** Context of a worker call; `stateExecutionId`, `attempt` and `firstAttemptTimestamp` are absent in RPCs. */
export interface Context {
  workflowId: string;
  workflowRunId: string;
  workflowStartedTimestamp: number;
  stateExecutionId?: string;
  firstAttemptTimestamp?: number;
  attempt?: number;
}

export const DECIDER_TRIGGER_TYPES = [
  'ALL_COMMAND_COMPLETED',
  'ANY_COMMAND_COMPLETED',
  'ANY_COMMAND_COMBINATION_COMPLETED',
] as const;
export type DeciderTriggerType = (typeof DECIDER_TRIGGER_TYPES)[number];
export const COMMAND_WAITING_TYPES = ['ALL_COMPLETED', 'ANY_COMPLETED', 'ANY_COMBINATION_COMPLETED'] as const;
/** The newer name of the trigger; it wins over `deciderTriggerType` when both are present. */
export type CommandWaitingType = (typeof COMMAND_WAITING_TYPES)[number];

export interface TimerCommand {
  commandId?: string;
  firingUnixTimestampSeconds?: number;
  durationSeconds?: number;
}
export interface SignalCommand {
  commandId?: string;
  signalChannelName: string;
  atLeast?: number;
  atMost?: number;
}
export interface InterStateChannelCommand {
  commandId?: string;
  channelName: string;
  atLeast?: number;
  atMost?: number;
}
export interface CommandCombination {
  commandIds?: string[];
}
export interface CommandRequest {
  deciderTriggerType?: DeciderTriggerType;
  commandWaitingType?: CommandWaitingType;
  timerCommands?: TimerCommand[];
  signalCommands?: SignalCommand[];
  interStateChannelCommands?: InterStateChannelCommand[];
  commandCombinations?: CommandCombination[];
}

export type TimerStatus = 'SCHEDULED' | 'FIRED';
export type ChannelRequestStatus = 'WAITING' | 'RECEIVED';
export interface TimerResult {
  commandId: string;
  timerStatus: TimerStatus;
}
export interface SignalResult {
  commandId: string;
  signalChannelName: string;
  signalRequestStatus: ChannelRequestStatus;
  signalValue?: EncodedObject;
}
export interface InterStateChannelResult {
  commandId: string;
  channelName: string;
  requestStatus: ChannelRequestStatus;
  value?: EncodedObject;
}
export interface CommandResults {
  timerResults?: TimerResult[];
  signalResults?: SignalResult[];
  interStateChannelResults?: InterStateChannelResult[];
  stateStartApiSucceeded?: boolean;
  stateWaitUntilFailed?: boolean;
}

export const CONDITIONAL_CLOSE_TYPES = [
  'FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY',
  'FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY',
  'GRACEFUL_COMPLETE_ON_ALL_CHANNELS_EMPTY',
] as const;
export type WorkflowConditionalCloseType = (typeof CONDITIONAL_CLOSE_TYPES)[number];
export interface WorkflowConditionalClose {
  conditionalCloseType?: WorkflowConditionalCloseType;
  channelName?: string;
  closeInput?: EncodedObject;
}
export interface StateMovement {
  stateId: string;
  stateInput?: EncodedObject;
  stateOptions?: WorkflowStateOptions;
  waitForKey?: string;
}
export interface StateDecision {
  nextStates?: StateMovement[];
  conditionalClose?: WorkflowConditionalClose;
}

/** waitUntil request (`/api/v1/workflowState/start`). */
export interface WorkflowStateStartRequest {
  context: Context;
  workflowType: string;
  workflowStateId: string;
  stateInput?: EncodedObject;
  searchAttributes?: SearchAttribute[];
  dataObjects?: KeyValue[];
}
export interface WorkflowStateStartResponse {
  commandRequest?: CommandRequest;
  upsertSearchAttributes?: SearchAttribute[];
  upsertDataObjects?: KeyValue[];
  upsertStateLocals?: KeyValue[];
  recordEvents?: KeyValue[];
  publishToInterStateChannel?: InterStateChannelPublishing[];
  localActivityInput?: string;
}

/** execute request (`/api/v1/workflowState/decide`); note the capital D of `DataObjects`. */
export interface WorkflowStateDecideRequest {
  context: Context;
  workflowType: string;
  workflowStateId: string;
  stateInput?: EncodedObject;
  searchAttributes?: SearchAttribute[];
  DataObjects?: KeyValue[];
  stateLocals?: KeyValue[];
  commandResults?: CommandResults;
}
export interface WorkflowStateDecideResponse {
  stateDecision?: StateDecision;
  upsertSearchAttributes?: SearchAttribute[];
  upsertDataObjects?: KeyValue[];
  recordEvents?: KeyValue[];
  upsertStateLocals?: KeyValue[];
  publishToInterStateChannel?: InterStateChannelPublishing[];
  localActivityInput?: string;
}

export interface ChannelInfo {
  size?: number;
}
export interface WorkflowWorkerRpcRequest {
  context: Context;
  workflowType: string;
  rpcName: string;
  input?: EncodedObject;
  searchAttributes?: SearchAttribute[];
  dataAttributes?: KeyValue[];
  signalChannelInfos?: Record<string, ChannelInfo>;
  internalChannelInfos?: Record<string, ChannelInfo>;
}
export interface WorkflowWorkerRpcResponse {
  output?: EncodedObject;
  stateDecision?: StateDecision;
  upsertSearchAttributes?: SearchAttribute[];
  upsertDataAttributes?: KeyValue[];
  recordEvents?: KeyValue[];
  upsertStateLocals?: KeyValue[];
  publishToInterStateChannel?: InterStateChannelPublishing[];
}
