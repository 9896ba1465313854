import type { WorkflowRun } from '../runs/workflow-run.ts';

/**
 * How a locking RPC's wait for its keys ended: it holds them, or its run closed first.
 *
 * @example
 * if ((await acquireRpcLock(run, keys, ordinal)) === 'closed') return acceptedUpdateOfClosedWorkflow();
 */
export type RpcLockOutcome = 'granted' | 'closed';

/**
 * Takes the keys of a locking RPC whose update was accepted, waiting behind the holders (the
 * server's update handler awaits its keys). Resolves `closed`, holding nothing, when the run closes
 * before the keys are free.
 *
 * @example
 * const outcome = await acquireRpcLock(run, ['d:status'], run.locks.newOrdinal());
 */
export function acquireRpcLock(
  run: WorkflowRun,
  keys: readonly string[],
  ordinal: number,
): Promise<RpcLockOutcome> {
  const pending = run.locks.acquire(keys, ordinal);
  if (!pending) return Promise.resolve('granted');
  run.history.add('LockWaiting', undefined, { api: 'rpc', keys });
  return new Promise<RpcLockOutcome>((resolve) => {
    let closed = false;
    const stopListening = run.onClose(() => {
      closed = true;
      resolve('closed');
    });
    void pending.then(() => {
      if (closed || !run.isRunning) {
        run.locks.release(keys, ordinal);
        resolve('closed');
        return;
      }
      stopListening();
      resolve('granted');
    });
  });
}
