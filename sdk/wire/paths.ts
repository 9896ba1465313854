/**
 * The paths of the iWF REST API: the client API the server serves, and the three worker endpoints
 * the server calls.
 *
 * @example
 * await fetch(serverUrl + ApiPaths.start, { method: 'POST', body });
 */
export const ApiPaths = {
  start: '/api/v1/workflow/start',
  waitForStateCompletion: '/api/v1/workflow/waitForStateCompletion',
  signal: '/api/v1/workflow/signal',
  publishToInternalChannel: '/api/v1/workflow/publishToInternalChannel',
  stop: '/api/v1/workflow/stop',
  get: '/api/v1/workflow/get',
  getWithWait: '/api/v1/workflow/getWithWait',
  dataObjectsGet: '/api/v1/workflow/dataobjects/get',
  dataObjectsSet: '/api/v1/workflow/dataobjects/set',
  searchAttributesGet: '/api/v1/workflow/searchattributes/get',
  searchAttributesSet: '/api/v1/workflow/searchattributes/set',
  search: '/api/v1/workflow/search',
  reset: '/api/v1/workflow/reset',
  skipTimer: '/api/v1/workflow/timer/skip',
  dump: '/api/v1/workflow/internal/dump',
  configUpdate: '/api/v1/workflow/config/update',
  triggerContinueAsNew: '/api/v1/workflow/triggerContinueAsNew',
  rpc: '/api/v1/workflow/rpc',
  healthcheck: '/info/healthcheck',
} as const;

/** The three endpoints every iWF worker serves, relative to its `iwfWorkerUrl`. */
export const WorkerPaths = {
  waitUntil: '/api/v1/workflowState/start',
  execute: '/api/v1/workflowState/decide',
  rpc: '/api/v1/workflowWorker/rpc',
} as const;

/** Reserved state ids that close a workflow or end a thread instead of naming a state. */
export const SystemStateIds = {
  gracefulComplete: '_SYS_GRACEFUL_COMPLETING_WORKFLOW',
  forceComplete: '_SYS_FORCE_COMPLETING_WORKFLOW',
  forceFail: '_SYS_FORCE_FAILING_WORKFLOW',
  deadEnd: '_SYS_DEAD_END',
} as const;

/** Special HTTP statuses of the iWF server: 420 (long-poll timeout or RPC worker error), 450 (lock). */
export const IwfHttpStatus = {
  longPollTimeoutOrWorkerError: 420,
  rpcLockFailure: 450,
} as const;
