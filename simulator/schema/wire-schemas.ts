import {
  COMMAND_WAITING_TYPES,
  CONDITIONAL_CLOSE_TYPES,
  DECIDER_TRIGGER_TYPES,
  EXECUTE_API_FAILURE_POLICIES,
  EXECUTING_STATE_ID_MODES,
  ID_REUSE_POLICIES,
  PERSISTENCE_LOADING_TYPES,
  SEARCH_ATTRIBUTE_VALUE_TYPES,
  START_API_FAILURE_POLICIES,
  WAIT_UNTIL_API_FAILURE_POLICIES,
  WORKFLOW_ID_REUSE_POLICIES,
  WORKFLOW_RESET_TYPES,
  WORKFLOW_STOP_TYPES,
} from '../../sdk/wire/types.ts';
import { arr, bool, enumOf, float, float32, int32, int64, obj, type Schema, str } from './schema-language.ts';

/**
 * Schemas of every client request and worker answer, after the generated Go models of iwf.yaml.
 *
 * @example
 * checkSchema(body, RequestSchemas['/api/v1/workflow/get']!);
 */
export const EncodedObjectSchema = obj('EncodedObject', {
  encoding: str,
  data: str,
  extStoreId: str,
  extPath: str,
});
const KeyValueSchema = obj('KeyValue', { key: str, value: EncodedObjectSchema });
const ValueType = enumOf('SearchAttributeValueType', SEARCH_ATTRIBUTE_VALUE_TYPES);
const SearchAttributeSchema = obj('SearchAttribute', {
  key: str,
  valueType: ValueType,
  stringValue: str,
  integerValue: int64,
  doubleValue: float,
  boolValue: bool,
  stringArrayValue: arr(str),
});
const KeyAndTypeSchema = obj('SearchAttributeKeyAndType', { key: str, valueType: ValueType });
const RetryPolicySchema = obj('RetryPolicy', {
  initialIntervalSeconds: int32,
  backoffCoefficient: float32,
  maximumIntervalSeconds: int32,
  maximumAttempts: int32,
  maximumAttemptsDurationSeconds: int32,
});
const LoadingPolicySchema = obj('PersistenceLoadingPolicy', {
  persistenceLoadingType: enumOf('PersistenceLoadingType', PERSISTENCE_LOADING_TYPES),
  partialLoadingKeys: arr(str),
  lockingKeys: arr(str),
  useKeyAsPrefix: bool,
  lazyLoadingLargeDataAttributes: bool,
});
const StateOptionsSchema: Schema = obj('WorkflowStateOptions', {
  searchAttributesLoadingPolicy: LoadingPolicySchema,
  waitUntilApiSearchAttributesLoadingPolicy: LoadingPolicySchema,
  executeApiSearchAttributesLoadingPolicy: LoadingPolicySchema,
  dataObjectsLoadingPolicy: LoadingPolicySchema,
  dataAttributesLoadingPolicy: LoadingPolicySchema,
  waitUntilApiDataAttributesLoadingPolicy: LoadingPolicySchema,
  executeApiDataAttributesLoadingPolicy: LoadingPolicySchema,
  startApiTimeoutSeconds: int32,
  decideApiTimeoutSeconds: int32,
  waitUntilApiTimeoutSeconds: int32,
  executeApiTimeoutSeconds: int32,
  startApiRetryPolicy: RetryPolicySchema,
  decideApiRetryPolicy: RetryPolicySchema,
  waitUntilApiRetryPolicy: RetryPolicySchema,
  executeApiRetryPolicy: RetryPolicySchema,
  startApiFailurePolicy: enumOf('StartApiFailurePolicy', START_API_FAILURE_POLICIES),
  waitUntilApiFailurePolicy: enumOf('WaitUntilApiFailurePolicy', WAIT_UNTIL_API_FAILURE_POLICIES),
  executeApiFailurePolicy: enumOf('ExecuteApiFailurePolicy', EXECUTE_API_FAILURE_POLICIES),
  executeApiFailureProceedStateId: str,
  executeApiFailureProceedStateOptions: () => StateOptionsSchema,
  skipStartApi: bool,
  skipWaitUntil: bool,
});
const WorkflowConfigSchema = obj('WorkflowConfig', {
  disableSystemSearchAttribute: bool,
  executingStateIdMode: enumOf('ExecutingStateIdMode', EXECUTING_STATE_ID_MODES),
  continueAsNewThreshold: int32,
  continueAsNewPageSizeInBytes: int32,
  optimizeActivity: bool,
  optimizeTimer: bool,
});
const StartOptionsSchema = obj('WorkflowStartOptions', {
  workflowIDReusePolicy: enumOf('WorkflowIDReusePolicy', WORKFLOW_ID_REUSE_POLICIES),
  idReusePolicy: enumOf('IDReusePolicy', ID_REUSE_POLICIES),
  cronSchedule: str,
  workflowStartDelaySeconds: int32,
  retryPolicy: obj('WorkflowRetryPolicy', {
    initialIntervalSeconds: int32,
    backoffCoefficient: float32,
    maximumIntervalSeconds: int32,
    maximumAttempts: int32,
  }),
  searchAttributes: arr(SearchAttributeSchema),
  dataAttributes: arr(KeyValueSchema),
  workflowConfigOverride: WorkflowConfigSchema,
  useMemoForDataAttributes: bool,
  workflowAlreadyStartedOptions: obj('WorkflowAlreadyStartedOptions', {
    ignoreAlreadyStartedError: bool,
    requestId: str,
  }),
});
const PublishingSchema = obj('InterStateChannelPublishing', { channelName: str, value: EncodedObjectSchema });
const StateMovementSchema = obj('StateMovement', {
  stateId: str,
  stateInput: EncodedObjectSchema,
  stateOptions: StateOptionsSchema,
  waitForKey: str,
});
const StateDecisionSchema = obj('StateDecision', {
  nextStates: arr(StateMovementSchema),
  conditionalClose: obj('WorkflowConditionalClose', {
    conditionalCloseType: enumOf('WorkflowConditionalCloseType', CONDITIONAL_CLOSE_TYPES),
    channelName: str,
    closeInput: EncodedObjectSchema,
  }),
});
const run = { workflowId: str, workflowRunId: str };

/** Schema of each client endpoint's body, by path. */
export const RequestSchemas: Readonly<Record<string, Schema>> = {
  '/api/v1/workflow/start': obj('WorkflowStartRequest', {
    workflowId: str,
    iwfWorkflowType: str,
    workflowTimeoutSeconds: int32,
    iwfWorkerUrl: str,
    startStateId: str,
    waitForCompletionStateIds: arr(str),
    waitForCompletionStateExecutionIds: arr(str),
    stateInput: EncodedObjectSchema,
    stateOptions: StateOptionsSchema,
    workflowStartOptions: StartOptionsSchema,
  }),
  '/api/v1/workflow/waitForStateCompletion': obj('WorkflowWaitForStateCompletionRequest', {
    workflowId: str,
    stateExecutionId: str,
    stateId: str,
    waitForKey: str,
    waitTimeSeconds: int32,
  }),
  '/api/v1/workflow/signal': obj('WorkflowSignalRequest', {
    ...run,
    signalChannelName: str,
    signalValue: EncodedObjectSchema,
  }),
  '/api/v1/workflow/publishToInternalChannel': obj('PublishToInternalChannelRequest', {
    ...run,
    messages: arr(PublishingSchema),
  }),
  '/api/v1/workflow/stop': obj('WorkflowStopRequest', {
    ...run,
    reason: str,
    stopType: enumOf('WorkflowStopType', WORKFLOW_STOP_TYPES),
  }),
  '/api/v1/workflow/get': obj('WorkflowGetRequest', { ...run, needsResults: bool, waitTimeSeconds: int32 }),
  '/api/v1/workflow/getWithWait': obj('WorkflowGetRequest', {
    ...run,
    needsResults: bool,
    waitTimeSeconds: int32,
  }),
  '/api/v1/workflow/dataobjects/get': obj('WorkflowGetDataObjectsRequest', {
    ...run,
    keys: arr(str),
    useMemoForDataAttributes: bool,
  }),
  '/api/v1/workflow/dataobjects/set': obj('WorkflowSetDataObjectsRequest', {
    ...run,
    objects: arr(KeyValueSchema),
  }),
  '/api/v1/workflow/searchattributes/get': obj('WorkflowGetSearchAttributesRequest', {
    ...run,
    keys: arr(KeyAndTypeSchema),
  }),
  '/api/v1/workflow/searchattributes/set': obj('WorkflowSetSearchAttributesRequest', {
    ...run,
    searchAttributes: arr(SearchAttributeSchema),
  }),
  '/api/v1/workflow/search': obj('WorkflowSearchRequest', {
    query: str,
    pageSize: int32,
    nextPageToken: str,
  }),
  '/api/v1/workflow/reset': obj('WorkflowResetRequest', {
    ...run,
    resetType: enumOf('WorkflowResetType', WORKFLOW_RESET_TYPES, true),
    historyEventId: int32,
    reason: str,
    historyEventTime: str,
    stateId: str,
    stateExecutionId: str,
    skipSignalReapply: bool,
    skipUpdateReapply: bool,
  }),
  '/api/v1/workflow/timer/skip': obj('WorkflowSkipTimerRequest', {
    ...run,
    workflowStateExecutionId: str,
    timerCommandId: str,
    timerCommandIndex: int32,
  }),
  '/api/v1/workflow/internal/dump': obj('WorkflowDumpRequest', {
    ...run,
    pageSizeInBytes: int32,
    pageNum: int32,
  }),
  '/api/v1/workflow/config/update': obj('WorkflowConfigUpdateRequest', {
    ...run,
    workflowConfig: WorkflowConfigSchema,
  }),
  '/api/v1/workflow/triggerContinueAsNew': obj('TriggerContinueAsNewRequest', run),
  '/api/v1/workflow/rpc': obj('WorkflowRpcRequest', {
    ...run,
    rpcName: str,
    input: EncodedObjectSchema,
    searchAttributesLoadingPolicy: LoadingPolicySchema,
    dataAttributesLoadingPolicy: LoadingPolicySchema,
    timeoutSeconds: int32,
    useMemoForDataAttributes: bool,
    searchAttributes: arr(KeyAndTypeSchema),
  }),
};

const worker = {
  upsertSearchAttributes: arr(SearchAttributeSchema),
  recordEvents: arr(KeyValueSchema),
  upsertStateLocals: arr(KeyValueSchema),
  publishToInterStateChannel: arr(PublishingSchema),
};

/** Schema of a worker's waitUntil answer. */
export const WaitUntilResponseSchema = obj('WorkflowStateStartResponse', {
  ...worker,
  localActivityInput: str,
  upsertDataObjects: arr(KeyValueSchema),
  commandRequest: obj('CommandRequest', {
    deciderTriggerType: enumOf('DeciderTriggerType', DECIDER_TRIGGER_TYPES),
    commandWaitingType: enumOf('CommandWaitingType', COMMAND_WAITING_TYPES),
    timerCommands: arr(
      obj('TimerCommand', { commandId: str, firingUnixTimestampSeconds: int64, durationSeconds: int64 }),
    ),
    signalCommands: arr(
      obj('SignalCommand', { commandId: str, signalChannelName: str, atLeast: int32, atMost: int32 }),
    ),
    interStateChannelCommands: arr(
      obj('InterStateChannelCommand', { commandId: str, channelName: str, atLeast: int32, atMost: int32 }),
    ),
    commandCombinations: arr(obj('CommandCombination', { commandIds: arr(str) })),
  }),
});

/** Schema of a worker's execute answer. */
export const ExecuteResponseSchema = obj('WorkflowStateDecideResponse', {
  ...worker,
  localActivityInput: str,
  upsertDataObjects: arr(KeyValueSchema),
  stateDecision: StateDecisionSchema,
});

/** Schema of a worker's RPC answer. */
export const RpcResponseSchema = obj('WorkflowWorkerRpcResponse', {
  ...worker,
  output: EncodedObjectSchema,
  stateDecision: StateDecisionSchema,
  upsertDataAttributes: arr(KeyValueSchema),
});

/** Schema of a worker's error body. */
export const WorkerErrorResponseSchema = obj('WorkerErrorResponse', { detail: str, errorType: str });
