/**
 * What the history and the log say when Temporal refuses a run's workflow task (e.g. a search
 * attribute upsert of the wrong type, docs/semantics/client-api.md#search-attributes-3): on the real server the task is retried forever, nothing more
 * happens and the run stays RUNNING until its timeout or a stop, silently. The simulator says so,
 * with the fix (`WorkflowRun.refuseWorkflowTasks` puts the run in that state).
 *
 * @example
 * refusedWorkflowTaskText('invalid value for search attribute CustomIntField of type Int: abc');
 */
export function refusedWorkflowTaskText(cause: string): string {
  return `workflow task fails and is retried forever: ${cause}. The workflow stays RUNNING until it times out or is stopped (as on a real server). Fix: upsert the type the attribute is registered with, or register the attribute.`;
}
