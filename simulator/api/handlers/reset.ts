import type { WorkflowResetRequest } from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import { parseIwfDatetime } from '../../engine/attributes/search-attribute-registry.ts';
import { resetRun } from '../../engine/reset/reset.ts';
import type { Engine } from '../../engine/runs/engine.ts';
import { Replies } from '../replies.ts';

/**
 * `POST /api/v1/workflow/reset` (docs/semantics/lifecycle.md#reset-2): BEGINNING, STATE_ID and STATE_EXECUTION_ID, on running
 * or closed runs; answers the new run id. HISTORY_EVENT_ID / HISTORY_EVENT_TIME need Temporal event
 * ids the simulator does not have: 500 naming that.
 *
 * @example
 * handleReset(engine, { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S2' });
 */
export function handleReset(engine: Engine, request: WorkflowResetRequest): ApiReply {
  // With a run id the server works out the reset point before it looks anything up; without one it
  // first describes the workflow to learn its run id (measured).
  const pointProblem = resetPointProblem(request, engine.runtime.clock.now());
  if (pointProblem && request.workflowRunId) return Replies.internal(pointProblem);
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) {
    const notFound = Replies.workflowNotFound(request.workflowId, request.workflowRunId);
    // With a run id, a reset to a state reads that run's history first: its error, wrapped (measured).
    const readsHistory = request.resetType === 'STATE_ID' || request.resetType === 'STATE_EXECUTION_ID';
    if (!request.workflowRunId || !readsHistory) return notFound;
    const detail = (notFound.body as { detail: string }).detail;
    return Replies.internal(`GetWorkflowExecutionHistory failed, ${detail}`);
  }
  if (pointProblem) return Replies.internal(pointProblem);
  const fresh = resetRun(engine, run, request);
  if (typeof fresh === 'string') return Replies.internal(fresh);
  return Replies.ok({ workflowRunId: fresh.runId });
}

// What the server's reset-point switch refuses: no reset type (a panic it recovers from, measured)
// or a HISTORY_EVENT_TIME its time parser cannot read.
function resetPointProblem(request: WorkflowResetRequest, nowMs: number): string | undefined {
  if (!request.resetType) return 'panic object is not error: "not supported resetType"';
  if (request.resetType === 'HISTORY_EVENT_TIME') {
    const parsed = parseIwfDatetime(request.historyEventTime ?? '', nowMs);
    if (typeof parsed === 'string') return parsed;
  }
  return undefined;
}
