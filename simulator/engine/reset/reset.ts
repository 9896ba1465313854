import type {
  WorkflowResetRequest,
  WorkflowRpcRequest,
  WorkflowStartRequest,
} from '../../../sdk/wire/types.ts';
import { applyClientInput } from '../client-inputs.ts';
import type { Engine } from '../engine.ts';
import { type JournalInput, type RunJournal, startedIds, threadRecords } from '../runs/run-journal.ts';
import { holdSkipsPendingAt, reapplyTimerSkip } from '../runs/timer-skips.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';
import { resumeThreads } from '../states/state-execution.ts';
import { findResetPoint } from './reset-point.ts';

/**
 * What a reset needs from the API layer: running a locking RPC again (Temporal re-applies an
 * update by running its handler, so the worker's RPC is called again with the same request).
 *
 * @example
 * const options: ResetOptions = { rerunUpdate: (_run, rpc) => void invokeRpc(engine, rpc) };
 */
export interface ResetOptions {
  /** Runs a locking RPC again on the new run; `rpc` names that run and must be passed on as is. */
  rerunUpdate?: (run: WorkflowRun, rpc: WorkflowRpcRequest) => void;
}

/**
 * Resets a run (docs/semantics/lifecycle.md#reset-2): a new current run rebuilt at the reset point (see
 * `findResetPoint`) without calling the worker for what happened before it, then live. Client
 * inputs after the point are re-applied unless skipped: signals (timer skips among them) and
 * locking RPCs, which run again. The new run keeps the first run id and start time its contexts
 * carry, but not the start delay, and its timeout counts from the reset, as Temporal's does
 * (measured). A running current run is terminated. Returns the new run, or the error text the
 * server answers 500 with.
 *
 * @example
 * const fresh = resetRun(engine, run, { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S2' });
 */
export function resetRun(
  engine: Engine,
  target: WorkflowRun,
  request: WorkflowResetRequest,
  options: ResetOptions = {},
): WorkflowRun | string {
  const journal = target.journal;
  const point = findResetPoint(target, request, engine.runtime.clock.now());
  if ('error' in point) return point.error;
  const checkpoint = point.checkpoint;
  const current = engine.currentRun(target.workflowId);
  current?.close('TERMINATED');
  // Measured: state API contexts after a reset keep the first run id and the original start time.
  const fresh = engine.createRun(withoutStartDelay(target.request), target.workflowId, {
    carriedFrom: target,
  });
  fresh.history.add('WorkflowReset', undefined, {
    fromRunId: target.runId,
    resetType: request.resetType,
    stateId: request.stateId,
    stateExecutionId: request.stateExecutionId,
    historyEventId: request.historyEventId,
    historyEventTime: request.historyEventTime,
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
    const records = threadRecords(snapshot);
    const launch = resumeThreads(fresh, records);
    holdSkipsPendingAt(fresh, fresh.journal.inputs, records);
    // Temporal puts re-applied signals before the restarted activities, so a later reset to the
    // same point keeps them even with skipSignalReapply (measured): checkpoint after them.
    reapplyInputs(fresh, journal, inputCount, request, options);
    if (checkpoint) fresh.journal.checkpoint(fresh, startedIds(checkpoint));
    launch();
  } else {
    engine.beginRun(fresh, () => {
      reapplyInputs(fresh, journal, 0, request, options);
      keptAtBeginning.set(fresh.journal, fresh.journal.inputs.length);
    });
  }
  engine.runtime.log(
    `workflow ${target.workflowId} reset (${request.resetType}) from run ${target.runId}: new run ${fresh.runId}`,
  );
  return fresh;
}

// Measured: the reset run's first workflow task is not delayed again (the delay is the first
// task's backoff, which happened before every reset point).
function withoutStartDelay(request: WorkflowStartRequest): WorkflowStartRequest {
  const options = request.workflowStartOptions;
  if (!options?.workflowStartDelaySeconds) return request;
  return { ...request, workflowStartOptions: { ...options, workflowStartDelaySeconds: undefined } };
}

// Inputs a BEGINNING reset re-applied before the new run's first workflow task, per journal: a
// later BEGINNING reset of that run replays them whatever its skip flags (measured: Temporal puts
// them before the first completed workflow task, the point BEGINNING finds).
const keptAtBeginning = new WeakMap<RunJournal, number>();
// Locking RPCs a reset ran again, and the journal entries that stand for them (their answers are
// journaled too, when they come, and are not run a third time).
const rerunRequests = new WeakSet<WorkflowRpcRequest>();
const rerunMarkers = new WeakSet<JournalInput>();

// Temporal re-applies signals (iWF's client writes and timer skips are signals) and updates
// (locking RPCs) after the point; skipSignalReapply leaves updates in, skipUpdateReapply signals.
function reapplyInputs(
  run: WorkflowRun,
  journal: RunJournal,
  from: number,
  request: WorkflowResetRequest,
  options: ResetOptions,
): void {
  const kept = request.resetType === 'BEGINNING' ? (keptAtBeginning.get(journal) ?? 0) : 0;
  for (let i = from; i < journal.inputs.length; i++) {
    if (!run.isRunning) return;
    const input = journal.inputs[i]!;
    const isUpdate = input.kind === 'mutations' && input.update;
    if (isUpdate && input.rpc && rerunRequests.has(input.rpc) && !rerunMarkers.has(input)) continue;
    if (i >= kept && (isUpdate ? request.skipUpdateReapply : request.skipSignalReapply)) continue;
    if (input.kind === 'skipTimer') reapplyTimerSkip(run, input);
    else if (input.kind === 'mutations' && input.rpc && options.rerunUpdate)
      rerunUpdate(run, input.rpc, options.rerunUpdate);
    else applyClientInput(run, input);
  }
}

function rerunUpdate(
  run: WorkflowRun,
  original: WorkflowRpcRequest,
  rerun: NonNullable<ResetOptions['rerunUpdate']>,
): void {
  const request = { ...original, workflowId: run.workflowId, workflowRunId: run.runId };
  const marker: JournalInput = { kind: 'mutations', mutations: {}, update: true, rpc: request };
  rerunRequests.add(request);
  rerunMarkers.add(marker);
  run.journal.recordInput(marker);
  rerun(run, request);
}
