import type { WorkflowRpcRequest } from '../../../sdk/wire/types.ts';

/**
 * A locking RPC admitted to its run and waiting for a workflow task to deliver it (a Temporal
 * update admitted while the workflow is busy).
 *
 * @example
 * const pending: PendingLockingRpc = { request, keys: ['d:counter'], admittedAt: clock.now() };
 */
export interface PendingLockingRpc {
  readonly request: WorkflowRpcRequest;
  /** Its lock keys (`s:`/`d:` prefixed, see `lockKeys`). */
  readonly keys: readonly string[];
  /** Clock time of its admission. */
  readonly admittedAt: number;
}

/**
 * The one choice point of locking RPC delivery: of the RPCs waiting for a workflow task (in the
 * order the server admitted them), how many the next task delivers together, from the front
 * (1 to `pending.length`; anything else is clamped). The rest wait for the task after it.
 *
 * Delivered together means validated together: the first whose keys are free takes them and the
 * others that want one of those keys are refused with 450. So the batching decides how many
 * concurrent locking RPCs a run refuses; an exploration can pick other batchings (by seed) to try
 * the interleavings a real server may produce.
 *
 * @example
 * const oneAtATime: RpcTaskBatching = () => 1; // every RPC in a task of its own: no 450 between RPCs
 */
export type RpcTaskBatching = (pending: readonly PendingLockingRpc[]) => number;

/**
 * What Temporal does: a new workflow task carries every update admitted since the last one
 * started (the server sends all admitted updates, sorted by admission time).
 *
 * @example
 * new Simulator({ workerTransport, rpcTaskBatching: deliverAllPending });
 */
export const deliverAllPending: RpcTaskBatching = (pending) => pending.length;

/**
 * How many of `pending` the next task takes under `batching`: at least one, at most all.
 *
 * @example
 * batchSize(deliverAllPending, pending); // pending.length
 */
export function batchSize(batching: RpcTaskBatching, pending: readonly PendingLockingRpc[]): number {
  const chosen = Math.floor(batching(pending));
  if (!(chosen >= 1)) return 1;
  return Math.min(chosen, pending.length);
}
