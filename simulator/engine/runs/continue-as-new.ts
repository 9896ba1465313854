import type { WorkflowRun } from './workflow-run.ts';

/** The server's default `continueAsNewThreshold` (`config/config.go: DefaultWorkflowConfig`). */
export const DEFAULT_CONTINUE_AS_NEW_THRESHOLD = 100;

/**
 * Counts operations toward the continue-as-new threshold (docs/semantics/lifecycle.md#can-1): 2 per completed state execution
 * with waitUntil, 1 without, 1 per system signal, signal batch or locking RPC.
 *
 * @example
 * countOperations(run, 1); // a signal was processed
 */
export function countOperations(run: WorkflowRun, n: number): void {
  run.progress.addOperations(n);
  continueAsNewIfDue(run);
}

/**
 * `triggerContinueAsNew`: continue as new at the next opportunity.
 *
 * @example
 * requestContinueAsNew(run);
 */
export function requestContinueAsNew(run: WorkflowRun): void {
  run.history.add('ContinueAsNewRequested');
  run.progress.requestContinueAsNew();
  continueAsNewIfDue(run);
}

/**
 * Continues as new when requested or over the threshold (0 = never) and no state API call is in
 * flight: the server drains in-flight activities first. Called again whenever a call ends.
 *
 * @example
 * continueAsNewIfDue(run);
 */
export function continueAsNewIfDue(run: WorkflowRun): void {
  const progress = run.progress;
  if (!run.isRunning || progress.stateApiCallsInFlight > 0 || run.workflowTask.busy || !run.hooks) return;
  const threshold = run.config.continueAsNewThreshold ?? DEFAULT_CONTINUE_AS_NEW_THRESHOLD;
  const due = progress.continueAsNewRequested || (threshold > 0 && progress.operationCount >= threshold);
  if (due) run.hooks.continueAsNew(run);
}
