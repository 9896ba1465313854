import type { WorkflowGetRequest, WorkflowGetResponse } from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import type { Engine, LongPollLimit } from '../../engine/engine.ts';
import type { WorkflowRun } from '../../engine/runs/workflow-run.ts';
import { Replies } from '../replies.ts';

/**
 * `POST /api/v1/workflow/get` (docs/semantics/client-api.md#get-2): status only, plus results and error details when
 * `needsResults` is set and the run is closed.
 *
 * @example
 * handleGet(engine, { workflowId: 'wf', needsResults: true });
 */
export function handleGet(engine: Engine, request: WorkflowGetRequest): ApiReply {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  if (run.status === 'CONTINUED_AS_NEW' && request.needsResults === true) return continuedRunResult();
  return Replies.ok(describeRun(run, request.needsResults === true));
}

/**
 * `POST /api/v1/workflow/getWithWait`: long-polls until the run closes or the limit of
 * `longPollLimit` passes → 420.
 *
 * @example
 * await handleGetWithWait(engine, { workflowId: 'wf', waitTimeSeconds: 10 });
 */
export async function handleGetWithWait(engine: Engine, request: WorkflowGetRequest): Promise<ApiReply> {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  if (run.status === 'CONTINUED_AS_NEW') return continuedRunResult();
  if (!run.isRunning) return Replies.ok(describeRun(run, true));
  const outcome = await engine.longPoll(longPollLimit(engine, request.waitTimeSeconds), (resolve) =>
    run.onClose(() => resolve('closed')),
  );
  if (outcome === 'timeout' && run.isRunning) return Replies.longPollTimeout();
  return Replies.ok(describeRun(run, true));
}

// Measured: asking for the result of a continued-as-new run id (getWithWait, or get with
// needsResults) answers at once with this 500, whatever the chain does later.
function continuedRunResult(): ApiReply {
  return Replies.internal('impossible/very rare status, maybe caused by racing conditions');
}

/**
 * Limit of a long poll: the deadline `(floor(now s) + min(wait > 0 ? wait : max, max)) * 1000` on
 * the simulator's clock; but without a `waitTimeSeconds` while auto-advance runs a virtual clock,
 * `maxWaitSeconds` of real time, so a client waiting for a 90-day workflow waits once, not 130,000
 * times (auto-advance never jumps past a deadline the test set, and this one it did not set).
 * On a skipping clock that cap is a passive deadline: it ends the poll at its own instant when time
 * passes it, but a skip never stops there, so a client that polls again polls once per workflow
 * event, not once per `maxWaitSeconds`.
 *
 * @example
 * longPollLimit(engine, 5); // now rounded down to the second, plus 5 s
 */
export function longPollLimit(engine: Engine, waitTimeSeconds: number | undefined | null): LongPollLimit {
  const { maxWaitSeconds: max, longPollCap, clock } = engine.runtime;
  const explicit = waitTimeSeconds != null && waitTimeSeconds > 0;
  if (!explicit && longPollCap === 'real') return { realMs: max * 1000 };
  const seconds = explicit ? Math.min(waitTimeSeconds, max) : max;
  const deadline = (Math.floor(clock.now() / 1000) + seconds) * 1000;
  return !explicit && longPollCap === 'passive' ? { passiveAt: deadline } : deadline;
}

/**
 * The `WorkflowGetResponse` of a run (docs/semantics/client-api.md#get-3).
 *
 * @example
 * describeRun(run, true); // { workflowRunId, workflowStatus: 'COMPLETED', results: [...] }
 */
export function describeRun(run: WorkflowRun, withResults: boolean): WorkflowGetResponse {
  const response: WorkflowGetResponse = { workflowRunId: run.runId, workflowStatus: run.status };
  const outcome = run.outcome;
  if (!withResults || !outcome) return response;
  if (outcome.status === 'COMPLETED') {
    if (run.outputs.length > 0) response.results = [...run.outputs];
  } else if (outcome.status === 'FAILED' && outcome.errorType) {
    response.errorType = outcome.errorType;
    if (outcome.failureCarriesResults) response.results = [...run.outputs];
    else if (outcome.errorMessage) response.errorMessage = outcome.errorMessage;
  }
  return response;
}
