import type { WorkflowResetRequest } from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import type { Engine } from '../../engine/engine.ts';
import { Replies } from '../replies.ts';

/**
 * `POST /api/v1/workflow/reset` (§2.13). Simplified: `BEGINNING` starts a new run from the original
 * start request (the old run, if still running, is terminated; signals are not re-applied). The
 * other reset types answer 500 naming the limitation.
 *
 * @example
 * handleReset(engine, { workflowId: 'wf', resetType: 'BEGINNING' });
 */
export function handleReset(engine: Engine, request: WorkflowResetRequest): ApiReply {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId);
  if (request.resetType !== 'BEGINNING')
    return Replies.internal(
      `reset type ${request.resetType ?? ''} is not supported by the iWF simulator yet; use BEGINNING`,
    );
  const current = engine.currentRun(run.workflowId);
  current?.close('TERMINATED');
  const fresh = engine.createRun(run.request, run.workflowId);
  fresh.requestId = run.requestId;
  engine.beginRun(fresh);
  return Replies.ok({ workflowRunId: fresh.runId });
}
