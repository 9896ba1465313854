import type { WorkflowRun } from './workflow-run.ts';

/**
 * Puts a run in the state the real server leaves it in when Temporal refuses a workflow task
 * (e.g. a search attribute upsert of the wrong type, docs/semantics/client-api.md#search-attributes-3): the task is retried
 * forever, nothing more happens, the run stays RUNNING until its timeout or a stop. Unlike the
 * real server, the cause and the fix go to the history and the log.
 *
 * @example
 * markStuck(run, 'invalid value for search attribute CustomIntField of type Int: abc');
 */
export function markStuck(run: WorkflowRun, cause: string, executionId?: string): void {
  if (run.stuck !== undefined || !run.isRunning) return;
  const text = `workflow task fails and is retried forever: ${cause}. The workflow stays RUNNING until it times out or is stopped (as on a real server). Fix: upsert the type the attribute is registered with, or register the attribute.`;
  run.stuck = text;
  run.threads.abandonWaits();
  run.history.add('Diagnostic', executionId, { problem: text });
  run.runtime.log(`workflow ${run.workflowId} (${run.runId}): ${text}`);
}
