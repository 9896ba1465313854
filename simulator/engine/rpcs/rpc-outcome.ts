import type { EncodedObject } from '../../../sdk/wire/types.ts';

/**
 * How the engine settled one RPC; the API layer turns it into the server's HTTP answer.
 *
 * - `answered`: the worker's output (200).
 * - `workerError`: the worker failed or could not be understood (420 WORKER_API_ERROR).
 * - `lockRefused`: a locking RPC found one of its keys held when its workflow task validated it (450).
 * - `notFound`: no such workflow or run (400, or the server's 500 for a malformed run id).
 * - `alreadyCompleted`: the run is closed (400 WORKFLOW_NOT_EXISTS).
 * - `abortedByClose`: a locking RPC whose workflow task had not ended (or not begun) when the run
 *   closed (400).
 * - `internal`: the server's own failure text (500).
 *
 * @example
 * const outcome: RpcOutcome = { kind: 'lockRefused' };
 */
export type RpcOutcome =
  | { kind: 'answered'; output?: EncodedObject }
  | { kind: 'workerError'; detail: string; status: number; errorType: string; workerDetail: string }
  | { kind: 'lockRefused' }
  | { kind: 'notFound' }
  | { kind: 'alreadyCompleted' }
  | { kind: 'abortedByClose' }
  | { kind: 'internal'; detail: string };

/**
 * The refusal of a locking RPC whose keys are held, as the server words it.
 *
 * @example
 * Replies.error(450, LOCK_REFUSED_DETAIL, 'WORKER_API_ERROR');
 */
export const LOCK_REFUSED_DETAIL = 'requested data or search attributes are being locked by other operations';

/**
 * Temporal's failure of an update accepted in the workflow task that also completed the workflow.
 *
 * @example
 * return { kind: 'internal', detail: ACCEPTED_UPDATE_COMPLETED_WORKFLOW };
 */
export const ACCEPTED_UPDATE_COMPLETED_WORKFLOW =
  'Workflow Update failed because the Workflow completed before the Update completed. (type: AcceptedUpdateCompletedWorkflow, retryable: false)';

/**
 * Temporal's answer to an update it had not seen accepted when the workflow closed.
 *
 * @example
 * Replies.error(400, UPDATE_ABORTED_BY_CLOSE, 'WORKFLOW_NOT_EXISTS_SUB_STATUS');
 */
export const UPDATE_ABORTED_BY_CLOSE = 'workflow update was aborted by closing workflow';
