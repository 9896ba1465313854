import type { Engine } from './engine.ts';
import type { WorkflowRun } from './workflow-run.ts';

/** Prefix of the real server's own workflow ids (`service.IwfSystemConstPrefix`). */
export const IWF_SYSTEM_PREFIX = '__IwfSystem_';

/** How long the helper started by `/waitForStateCompletion` waits (hard-coded on the server). */
const API_TIMEOUT_SECONDS = 60 * 60;
/** The helper started by a completing state's signal-with-start (it completes at once anyway). */
const SIGNAL_TIMEOUT_SECONDS = 60;

/**
 * The id of the helper workflow the real server keeps for a state completion (`waitForOn: old`, its
 * default; `utils.GetWorkflowIdForWaitForStateExecution`): `__IwfSystem_<workflowId>_<key>`, the key
 * being `<stateId>_<waitForKey>` or the state execution id. Clients can `get` it like any workflow.
 *
 * @example
 * stateCompletionWorkflowId('order-1', 'S1-1'); // '__IwfSystem_order-1_S1-1'
 */
export function stateCompletionWorkflowId(workflowId: string, key: string): string {
  return `${IWF_SYSTEM_PREFIX}${workflowId}_${key}`;
}

/**
 * `/waitForStateCompletion` starts the helper, with reuse policy ALLOW_DUPLICATE_FAILED_ONLY: a run of
 * that id that is running or completed is the one to wait on; otherwise (none, or one that timed out)
 * a new one starts, RUNNING until the state completes or an hour passes.
 *
 * @example
 * const helper = startStateCompletionWorkflow(engine, '__IwfSystem_wf_S1-1');
 */
export function startStateCompletionWorkflow(engine: Engine, workflowId: string): WorkflowRun {
  const current = engine.currentRun(workflowId);
  if (current && (current.isRunning || current.status === 'COMPLETED')) return current;
  return startHelper(engine, workflowId, API_TIMEOUT_SECONDS);
}

/**
 * True when the helper completed (the state it stands for did).
 *
 * @example
 * if (isStateCompleted(helper)) return done;
 */
export function isStateCompleted(helper: WorkflowRun): boolean {
  return helper.status === 'COMPLETED';
}

/**
 * A registered state completed (its execute succeeded): the server signals-with-start the helper, so
 * a running one completes, and otherwise a new one starts and completes at once.
 *
 * @example
 * signalStateCompletionWorkflow(engine, stateCompletionWorkflowId(run.workflowId, 'S1-1'));
 */
export function signalStateCompletionWorkflow(engine: Engine, workflowId: string): void {
  const current = engine.currentRun(workflowId);
  const helper = current?.isRunning ? current : startHelper(engine, workflowId, SIGNAL_TIMEOUT_SECONDS);
  helper.close('COMPLETED');
}

function startHelper(engine: Engine, workflowId: string, timeoutSeconds: number): WorkflowRun {
  const run = engine.createRun(
    { workflowId, iwfWorkflowType: '', iwfWorkerUrl: '', workflowTimeoutSeconds: timeoutSeconds },
    workflowId,
  );
  // Not an iWF workflow: no IwfWorkflowType, no states.
  run.systemWorkflow = true;
  engine.openRun(run);
  return run;
}
