import { SystemStateIds } from '../../../sdk/wire/paths.ts';
import type { EncodedObject, StateDecision, StateMovement } from '../../../sdk/wire/types.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';

const CLOSING_IDS: ReadonlySet<string> = new Set(Object.values(SystemStateIds));

/**
 * Whether a state id is one of the reserved `_SYS_*` ids.
 *
 * @example
 * isSystemStateId('_SYS_DEAD_END'); // true
 */
export function isSystemStateId(stateId: string | undefined): boolean {
  return stateId !== undefined && CLOSING_IDS.has(stateId);
}

/**
 * Interprets an execute decision (docs/semantics/execution.md#decisions-1): closes the run, requests graceful completion,
 * ends the thread, or returns the movements to start as new state executions.
 *
 * @example
 * const next = interpretDecision(run, 'S1', 'S1-1', { nextStates: [{ stateId: 'S2' }] });
 */
export function interpretDecision(
  run: WorkflowRun,
  stateId: string,
  executionId: string,
  decision: StateDecision,
): readonly StateMovement[] {
  const next = decision.nextStates ?? [];
  if (run.history.enabled)
    run.history.add('Decision', executionId, {
      nextStates: next.map((m) => m.stateId),
      conditionalClose: decision.conditionalClose?.conditionalCloseType,
    });
  const conditional = decision.conditionalClose;
  if (conditional) {
    const type = conditional.conditionalCloseType;
    if (
      type !== 'FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY' &&
      type !== 'FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY'
    ) {
      failInvalid(run, `invalid state decisions. Unsupported ConditionalCloseType ${type ?? ''}`);
      return [];
    }
    const channels = type === 'FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY' ? run.internalChannels : run.signals;
    if (channels.size(conditional.channelName ?? '') === 0) {
      run.addOutput(stateId, executionId, conditional.closeInput);
      run.close('COMPLETED');
      return [];
    }
    for (const movement of next) {
      if (isSystemStateId(movement.stateId)) {
        failInvalid(run, `invalid ConditionUnmetDecision with stateId: ${movement.stateId}`);
        return [];
      }
    }
    return next;
  }
  const closing = next.find((m) => isSystemStateId(m.stateId));
  if (!closing) return next;
  if (next.length > 1) {
    // The server walks the movements keeping the last closing one's output, then fails the run as
    // invalid, unless one of them force-fails: that error wins and carries the output (docs/semantics/execution.md#decisions-6, measured).
    let output: EncodedObject | undefined | null;
    let forceFail = false;
    for (const movement of next) {
      const id = movement.stateId;
      if (id === SystemStateIds.forceFail) forceFail = true;
      if (
        id === SystemStateIds.forceFail ||
        id === SystemStateIds.forceComplete ||
        id === SystemStateIds.gracefulComplete
      )
        output = movement.stateInput;
    }
    if (forceFail) {
      run.addOutput(stateId, executionId, output);
      run.close('FAILED', { errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE', carriesResults: true });
    } else
      failInvalid(
        run,
        'invalid state decisions. Closing workflow decision cannot be combined with other state decisions',
      );
    return [];
  }
  switch (closing.stateId) {
    case SystemStateIds.gracefulComplete:
      run.addOutput(stateId, executionId, closing.stateInput);
      run.progress.requestGracefulCompletion();
      return [];
    case SystemStateIds.forceComplete:
      run.addOutput(stateId, executionId, closing.stateInput);
      run.close('COMPLETED');
      return [];
    case SystemStateIds.forceFail:
      run.addOutput(stateId, executionId, closing.stateInput);
      run.close('FAILED', { errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE', carriesResults: true });
      return [];
    default:
      return [];
  }
}

function failInvalid(run: WorkflowRun, message: string): void {
  run.close('FAILED', { errorType: 'INVALID_USER_WORKFLOW_CODE_ERROR_TYPE', errorMessage: message });
}
