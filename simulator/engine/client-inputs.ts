import type { WorkflowConfig } from '../../sdk/wire/types.ts';
import { applyMutations, deliverSignal, type Mutations } from './attributes/mutations.ts';
import { mappingProblem } from './attributes/search-attribute-registry.ts';
import { countOperations } from './runs/continue-as-new.ts';
import type { JournalInput } from './runs/run-journal.ts';
import type { WorkflowRun } from './runs/workflow-run.ts';
import { startStateExecutions } from './states/state-execution.ts';

/**
 * Applies a client input that the real server sends to the workflow as a signal (or an update):
 * user signals, publishes, attribute sets, RPC mutations, config updates. Each is journaled so a
 * reset can re-apply it, and counts one operation toward continue-as-new (docs/semantics/lifecycle.md#can-1).
 *
 * @example
 * applyClientInput(run, { kind: 'signal', name: 'approve', value: {} });
 */
export function applyClientInput(run: WorkflowRun, input: JournalInput): void {
  run.journal.recordInput(input);
  // Temporal accepts signals to a run whose workflow tasks fail; they are never processed.
  if (run.workflowTaskRefusal !== undefined) return;
  try {
    switch (input.kind) {
      case 'signal':
        deliverSignal(run, input.name, input.value);
        break;
      case 'mutations':
        applyMutations(run, withoutUnmappableSearch(run, input.mutations));
        if (input.nextStates?.length) startStateExecutions(run, input.nextStates);
        break;
      case 'config':
        applyConfigUpdate(run, input.config);
        break;
    }
  } catch (error) {
    // A request that failed leaves no trace: a reset must not re-apply it.
    run.journal.forgetInput(input);
    throw error;
  }
  countOperations(run, 1);
}

// The server's signal handler ignores the error of iWF's own search attribute mapping: such a list is
// not upserted at all, the rest of the input is applied (measured: the workflow goes on).
function withoutUnmappableSearch(run: WorkflowRun, mutations: Mutations): Mutations {
  const search = mutations.upsertSearchAttributes;
  if (!search?.length || !mappingProblem(search, run.now())) return mutations;
  run.runtime.log(
    `workflow ${run.workflowId}: search attributes ${JSON.stringify(search)} have no value type or an unparsable DATETIME; the server ignores the whole list, as iWF's signal handler does`,
  );
  return { ...mutations, upsertSearchAttributes: undefined };
}

/**
 * `/timer/skip`: the named timer of a waiting state execution counts as fired (reported FIRED), one
 * operation toward continue-as-new; false when the run, the execution or the timer is not there
 * (docs/semantics/client-api.md#timer-skip-1).
 *
 * @example
 * skipTimer(run, 'S1-1', 'reminder', undefined);
 */
export function skipTimer(
  run: WorkflowRun,
  executionId: string,
  commandId: string | undefined,
  index: number | undefined,
): boolean {
  const wait = run.isRunning ? run.threads.find(executionId)?.wait : undefined;
  if (!wait?.skipTimer(commandId, index)) return false;
  // A signal on the real server: a reset re-applies it.
  run.journal.recordInput({
    kind: 'skipTimer',
    executionId,
    ...(commandId === undefined ? { index } : { commandId }),
  });
  countOperations(run, 1);
  return true;
}

/**
 * Overwrites the present fields of the running config (docs/semantics/client-api.md#config-1); `optimizeTimer` is not updatable.
 *
 * @example
 * applyConfigUpdate(run, { continueAsNewThreshold: 10 });
 */
export function applyConfigUpdate(run: WorkflowRun, config: WorkflowConfig): void {
  const { optimizeTimer: _notUpdatable, ...updatable } = config;
  const next = { ...run.config };
  for (const [key, value] of Object.entries(updatable))
    if (value != null) Object.assign(next, { [key]: value });
  run.replaceConfig(next);
  run.history.add('ConfigUpdated', undefined, { config });
}
