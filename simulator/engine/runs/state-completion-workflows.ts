import type { WorkflowRun } from './workflow-run.ts';

/**
 * What the helper workflows need of the engine: the current run of an id, and starting a helper.
 *
 * @example
 * const runs: HelperWorkflowHost = engine;
 */
export interface HelperWorkflowHost {
  currentRun(workflowId: string): WorkflowRun | undefined;
  /** Starts one of the server's own workflows: no type, no states, closed as TIMEOUT after `timeoutSeconds`. */
  startSystemRun(workflowId: string, timeoutSeconds: number): WorkflowRun;
}

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
export function startStateCompletionWorkflow(engine: HelperWorkflowHost, workflowId: string): WorkflowRun {
  const current = engine.currentRun(workflowId);
  if (current && (current.isRunning || current.status === 'COMPLETED')) return current;
  return engine.startSystemRun(workflowId, API_TIMEOUT_SECONDS);
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
export function signalStateCompletionWorkflow(engine: HelperWorkflowHost, workflowId: string): void {
  const current = engine.currentRun(workflowId);
  const helper = current?.isRunning ? current : engine.startSystemRun(workflowId, SIGNAL_TIMEOUT_SECONDS);
  helper.close('COMPLETED');
}
