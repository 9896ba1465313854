import type { WorkflowStateDecideResponse, WorkflowStateStartResponse } from '../../../sdk/wire/types.ts';
import { applyMutations } from '../attributes/mutations.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';
import type { StateApiCall } from '../worker-calls/state-api-call.ts';

/**
 * Applies a waitUntil answer's upserts and publishes, before the call releases its locks.
 *
 * @example
 * callStateApi(run, { api: 'waitUntil', ..., applyBeforeRelease: applyWaitUntilAnswer });
 */
export function applyWaitUntilAnswer(
  run: WorkflowRun,
  call: StateApiCall,
  response: WorkflowStateStartResponse,
): void {
  applyMutations(run, response, call.executionId);
}

/**
 * Applies an execute answer before the call releases its locks: the state's completion (for
 * `/waitForStateCompletion`), then its upserts and publishes.
 *
 * @example
 * callStateApi(run, { api: 'execute', ..., applyBeforeRelease: applyExecuteAnswer });
 */
export function applyExecuteAnswer(
  run: WorkflowRun,
  call: StateApiCall,
  response: WorkflowStateDecideResponse,
): void {
  noteStateCompletion(run, call.stateId, call.executionId, call.waitForKey);
  applyMutations(run, response, call.executionId);
}

// Registered states signal `/waitForStateCompletion` waiters once their execute succeeded (docs/semantics/client-api.md#wait-state-1).
function noteStateCompletion(
  run: WorkflowRun,
  stateId: string,
  executionId: string,
  waitForKey: string | undefined,
): void {
  const request = run.request;
  const byId = request.waitForCompletionStateIds?.includes(stateId);
  const byExecution = request.waitForCompletionStateExecutionIds?.includes(executionId);
  if (!byId && !byExecution) return;
  run.hooks?.stateCompleted(run, waitForKey ? `${stateId}_${waitForKey}` : executionId);
}
