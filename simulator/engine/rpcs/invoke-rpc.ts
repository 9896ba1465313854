import type { WorkflowRpcRequest } from '../../../sdk/wire/types.ts';
import { lockKeys } from '../attributes/locks.ts';
import { lockingKeysOf } from '../attributes/persistence.ts';
import type { Engine } from '../engine.ts';
import { lockingRpcTasksOf } from './locking-rpc-tasks.ts';
import type { RpcOutcome } from './rpc-outcome.ts';
import { applyRpcAnswer, callWorkerRpc } from './worker-rpc.ts';

const LOCKING_TYPES = new Set(['LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK', 'LOAD_ALL_WITH_PARTIAL_LOCK']);

/**
 * Runs an RPC the way the real server does (docs/semantics/rpc.md#rpc-2, #rpc-4). Non-locking: load a
 * snapshot, call the worker, apply the mutations after it returned (a read-only RPC works on a
 * closed run). Locking (either policy locks): a Temporal update, delivered by a workflow task of
 * its run together with the others admitted meanwhile, refused with 450 when a key is held at
 * validation (see `LockingRpcTasks`).
 *
 * @example
 * const outcome = await invokeRpc(engine, { workflowId: 'wf', rpcName: 'describe' });
 */
export async function invokeRpc(engine: Engine, request: WorkflowRpcRequest): Promise<RpcOutcome> {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return { kind: 'notFound' };
  const dataPolicy = request.dataAttributesLoadingPolicy ?? undefined;
  const searchPolicy = request.searchAttributesLoadingPolicy ?? undefined;
  const locking =
    LOCKING_TYPES.has(dataPolicy?.persistenceLoadingType ?? '') ||
    LOCKING_TYPES.has(searchPolicy?.persistenceLoadingType ?? '');
  if (!locking) {
    const calledAt = run.runtime.clock.now();
    const answer = await callWorkerRpc(run, request);
    return applyRpcAnswer(run, request, answer, false, calledAt);
  }
  if (!run.isRunning) return { kind: 'alreadyCompleted' };
  const keys = lockKeys(lockingKeysOf(searchPolicy), lockingKeysOf(dataPolicy));
  return lockingRpcTasksOf(run).deliver(request, keys);
}
