import type {
  EncodedObject,
  KeyValue,
  PersistenceLoadingPolicy,
  SearchAttribute,
  SearchAttributeKeyAndType,
  WorkflowConfig,
  WorkflowStartOptions,
  WorkflowStateOptions,
} from './common-types.ts';

/**
 * The client API of the iWF server (client → server): requests and responses.
 *
 * @example
 * const request: WorkflowGetRequest = { workflowId: 'alice', needsResults: true };
 */

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
