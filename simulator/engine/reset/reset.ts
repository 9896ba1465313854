import type { WorkflowResetRequest } from '../../../sdk/wire/types.ts';
import { applyClientInput } from '../runs/client-inputs.ts';
import type { Engine } from '../runs/engine.ts';
import { type Checkpoint, type RunJournal, startedIds, threadRecords } from '../runs/run-journal.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';
import { resumeThreads } from '../threads/state-execution.ts';

/**
 * Resets a run (docs/semantics/lifecycle.md#reset-2): a new current run rebuilt at the reset point without calling the
 * worker for what happened before it, then live. BEGINNING restarts from the run's start (or from
 * the continue-as-new that began it); STATE_ID / STATE_EXECUTION_ID from the first start of that
 * state / execution. Client inputs after the point are re-applied unless skipped. A running current
 * run is terminated. Returns the new run, or the error text the server answers 500 with.
 *
 * @example
 * const fresh = resetRun(engine, run, { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S2' });
 */
export function resetRun(
  engine: Engine,
  target: WorkflowRun,
  request: WorkflowResetRequest,
): WorkflowRun | string {
  const journal = target.journal;
  let checkpoint: Checkpoint | undefined;
  switch (request.resetType) {
    case 'BEGINNING':
      break;
    case 'STATE_ID':
      checkpoint = journal.find('stateId', request.stateId ?? '');
      if (!checkpoint) return 'Get historyEventId failed, no historyEventId';
      break;
    case 'STATE_EXECUTION_ID':
      checkpoint = journal.find('executionId', request.stateExecutionId ?? '');
      if (!checkpoint) return 'Get historyEventId failed, no historyEventId';
      break;
    default:
      return `reset type ${request.resetType ?? ''} is not supported by the iWF simulator (it has no Temporal event ids); use BEGINNING, STATE_ID or STATE_EXECUTION_ID`;
  }
  const current = engine.currentRun(target.workflowId);
  current?.close('TERMINATED');
  // Measured: state API contexts after a reset keep the first run id and the original start time.
  const fresh = engine.createRun(target.request, target.workflowId, { carriedFrom: target });
  fresh.history.add('WorkflowReset', undefined, {
    fromRunId: target.runId,
    resetType: request.resetType,
    stateId: request.stateId,
    stateExecutionId: request.stateExecutionId,
    reason: request.reason,
  });
  const snapshot = checkpoint ?? journal.beginning;
  if (snapshot) {
    fresh.restartJournal(journal.beginning);
    const before = checkpoint ? journal.checkpoints.indexOf(checkpoint) : 0;
    fresh.journal.checkpoints.push(...journal.checkpoints.slice(0, before));
    engine.openRun(fresh);
    fresh.restore(snapshot);
    fresh.executionCounters.restore(journal.countersAt(checkpoint));
    const inputCount = checkpoint?.inputCount ?? 0;
    fresh.journal.inputs.push(...journal.inputs.slice(0, inputCount));
    const launch = resumeThreads(fresh, threadRecords(snapshot));
    // Temporal puts re-applied signals before the restarted activities, so a later reset to the
    // same point keeps them even with skipSignalReapply (measured): checkpoint after them.
    reapplyInputs(fresh, journal, inputCount, request);
    if (checkpoint) fresh.journal.checkpoint(fresh, startedIds(checkpoint));
    launch();
  } else {
    engine.beginRun(fresh, () => reapplyInputs(fresh, journal, 0, request));
  }
  engine.runtime.log(
    `workflow ${target.workflowId} reset (${request.resetType}) from run ${target.runId}: new run ${fresh.runId}`,
  );
  return fresh;
}

// Temporal re-applies signals (iWF's client writes are signals) and updates (locking RPCs) after the point.
function reapplyInputs(
  run: WorkflowRun,
  journal: RunJournal,
  from: number,
  request: WorkflowResetRequest,
): void {
  for (let i = from; i < journal.inputs.length; i++) {
    if (!run.isRunning) return;
    const input = journal.inputs[i]!;
    const isUpdate = input.kind === 'mutations' && input.update;
    if (isUpdate ? request.skipUpdateReapply : request.skipSignalReapply) continue;
    applyClientInput(run, input);
  }
}
