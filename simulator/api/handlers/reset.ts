import type { WorkflowResetRequest } from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import { resetRun } from '../../engine/reset/reset.ts';
import { invokeRpc } from '../../engine/rpcs/invoke-rpc.ts';
import { stepPause } from '../../engine/runs/after-reply.ts';
import type { Engine } from '../../engine/runs/engine.ts';
import { Replies } from '../replies.ts';

/**
 * `POST /api/v1/workflow/reset` (docs/semantics/lifecycle.md#reset-1): every reset type, on running or closed runs; answers the
 * new run id, or 500 with the server's text when the reset point does not exist. Locking RPCs after
 * the point are run again, as Temporal re-applies updates.
 *
 * @example
 * await handleReset(engine, { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S2' });
 */
export async function handleReset(engine: Engine, request: WorkflowResetRequest): Promise<ApiReply> {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  const fresh = resetRun(engine, run, request, {
    // The request names the new run already; its answer is journaled with this very object.
    rerunUpdate: (_target, rpc) => {
      invokeRpc(engine, rpc).then(
        (outcome) =>
          engine.runtime.log(`locking RPC ${rpc.rpcName ?? ''} re-run after the reset: ${outcome.kind}`),
        (error: unknown) =>
          engine.runtime.log(`locking RPC ${rpc.rpcName ?? ''} re-run failed: ${String(error)}`),
      );
    },
  });
  if (typeof fresh === 'string') return Replies.internal(fresh);
  // On the wall clock the answer leaves a step later than the reset took effect, as a real server's
  // does (measured: its reset events are written 5-40 ms before the answer), so the new run's
  // timeout, counted from the reset, never ends after the answer plus the timeout.
  const pause = stepPause(engine.runtime);
  if (pause) await pause;
  return Replies.ok({ workflowRunId: fresh.runId });
}
