import type { WorkflowResetRequest } from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import { parseIwfDatetime } from '../../engine/attributes/search-attribute-registry.ts';
import type { Engine } from '../../engine/engine.ts';
import { resetRun } from '../../engine/reset/reset.ts';
import { invokeRpc } from '../../engine/rpcs/invoke-rpc.ts';
import { stepPause } from '../../engine/runs/after-reply.ts';
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
  // With a run id the server works out the reset point before it looks anything up; without one it
  // first describes the workflow to learn its run id (measured).
  const pointProblem = resetPointProblem(request, engine.runtime.clock.now());
  if (pointProblem && request.workflowRunId) return Replies.internal(pointProblem);
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) {
    const notFound = Replies.workflowNotFound(request.workflowId, request.workflowRunId);
    // With a run id, a reset to a state or a time reads that run's history first: its error,
    // wrapped (measured; BEGINNING and HISTORY_EVENT_ID do not read it).
    const readsHistory =
      request.resetType === 'STATE_ID' ||
      request.resetType === 'STATE_EXECUTION_ID' ||
      request.resetType === 'HISTORY_EVENT_TIME';
    if (!request.workflowRunId || !readsHistory) return notFound;
    const detail = (notFound.body as { detail: string }).detail;
    return Replies.internal(`GetWorkflowExecutionHistory failed, ${detail}`);
  }
  if (pointProblem) return Replies.internal(pointProblem);
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

// What the server's reset-point switch refuses before it needs the run: no reset type (a panic it
// recovers from, measured) or a HISTORY_EVENT_TIME its time parser cannot read.
function resetPointProblem(request: WorkflowResetRequest, nowMs: number): string | undefined {
  if (!request.resetType) return 'panic object is not error: "not supported resetType"';
  if (request.resetType === 'HISTORY_EVENT_TIME') {
    const parsed = parseIwfDatetime(request.historyEventTime ?? '', nowMs);
    if (typeof parsed === 'string') return parsed;
  }
  return undefined;
}
