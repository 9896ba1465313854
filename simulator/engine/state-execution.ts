import type { CommandResults, StateMovement, WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import { CommandWait } from './command-wait.ts';
import { continueAsNewIfDue } from './continue-as-new.ts';
import { interpretDecision } from './decisions.ts';
import { applyMutations } from './mutations.ts';
import { callStateApi } from './state-api-call.ts';
import { type ResolvedStateOptions, resolveStateOptions } from './state-options.ts';
import type { ThreadRecord } from './thread-record.ts';
import type { WorkflowRun } from './workflow-run.ts';

/**
 * Starts state executions together (one decision's next states), each as its own thread (semantics
 * §5.2, §5.6), numbered `<stateId>-<n>` in order, then records the reset point right before their
 * first state API calls (§2.13).
 *
 * @example
 * startStateExecutions(run, [{ stateId: 'A' }, { stateId: 'B' }]); // ['A-1', 'B-1']
 */
export function startStateExecutions(run: WorkflowRun, movements: readonly StateMovement[]): string[] {
  if (movements.length === 0) return [];
  const ids: string[] = [];
  const stateIds: string[] = [];
  const records: ThreadRecord[] = [];
  for (const movement of movements) {
    const stateId = movement.stateId ?? '';
    const executionId = run.nextExecutionId(stateId);
    const options = resolveStateOptions(movement.stateOptions);
    const record: ThreadRecord = {
      movement,
      stateId,
      executionId,
      phase: options.skipWaitUntil ? 'execute' : 'waitUntil',
    };
    registerThread(run, record, options);
    run.history.add('StateExecutionStarted', executionId, { stateId });
    ids.push(executionId);
    stateIds.push(stateId);
    records.push(record);
  }
  // Snapshot before any thread runs, so every thread of the batch is at its start in it.
  run.journal.checkpoint(run, ids, stateIds);
  // The server continues as new between steps, carrying queued states over (§5.11).
  continueAsNewIfDue(run);
  for (const record of records) launch(run, record);
  return ids;
}

/**
 * Starts one state execution; see `startStateExecutions`.
 *
 * @example
 * startStateExecution(run, { stateId: 'S1', stateInput });
 */
export function startStateExecution(run: WorkflowRun, movement: StateMovement): string {
  return startStateExecutions(run, [movement])[0]!;
}

/**
 * Resumes threads restored from a reset point, each at the phase it stood at. They are registered
 * at once and run only when `launch` is called, so re-applied inputs can land first.
 *
 * @example
 * const launch = resumeThreads(run, checkpoint.snapshot.threads);
 * launch();
 */
export function resumeThreads(run: WorkflowRun, records: readonly ThreadRecord[]): () => void {
  const copies = records.map((record) => ({ ...record }));
  for (const record of copies) registerThread(run, record, resolveStateOptions(record.movement.stateOptions));
  return () => {
    for (const record of copies) launch(run, record);
  };
}

function registerThread(run: WorkflowRun, record: ThreadRecord, options: ResolvedStateOptions): void {
  run.runningThreads++;
  run.threads.set(record.executionId, record);
  run.executingStateIds.started(
    run.systemSearch,
    run.config.executingStateIdMode,
    record.stateId,
    record.executionId,
    options.skipWaitUntil,
  );
}

function launch(run: WorkflowRun, record: ThreadRecord): void {
  runThread(run, record).catch((error: unknown) => {
    // A bug of the simulator must not leave the workflow silently stuck.
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    run.close('FAILED', {
      errorType: 'SERVER_INTERNAL_ERROR_TYPE',
      errorMessage: `iWF simulator internal error: ${message}`,
    });
  });
}

// Runs a thread from its phase to its end; stops quietly when the run closes underneath it.
async function runThread(run: WorkflowRun, record: ThreadRecord): Promise<void> {
  const { movement, stateId, executionId } = record;
  const options = resolveStateOptions(movement.stateOptions);
  const stateInput = movement.stateInput;
  if (record.phase === 'waitUntil') {
    const result = await callStateApi(run, {
      api: 'waitUntil',
      executionId,
      stateId,
      stateInput,
      options,
      extra: {},
      applyBeforeRelease: (response) => applyMutations(run, response, executionId),
    });
    if (result === 'abandoned' || !run.isRunning) return;
    if (!result.ok) {
      if (!options.proceedOnWaitUntilFailure) {
        run.close('FAILED', { errorType: 'STATE_API_FAIL_ERROR_TYPE', errorMessage: result.message });
        return;
      }
      record.commandResults = { stateStartApiSucceeded: false, stateWaitUntilFailed: true };
      record.phase = 'execute';
    } else {
      record.waitUntilResponse = result.response;
      record.stateLocals = result.response.upsertStateLocals ?? undefined;
      record.phase = 'commands';
      continueAsNewIfDue(run);
    }
  }
  if (record.phase === 'commands') {
    const commandResults = await waitForCommands(run, record, record.waitUntilResponse ?? {});
    if (!commandResults || !run.isRunning) return;
    record.commandResults = commandResults;
    record.progress = undefined;
    record.phase = 'execute';
  }
  const result = await callStateApi(run, {
    api: 'execute',
    executionId,
    stateId,
    stateInput,
    options,
    extra: { stateLocals: record.stateLocals, commandResults: record.commandResults },
    applyBeforeRelease: (response) => {
      noteStateCompletion(run, stateId, executionId, movement.waitForKey);
      applyMutations(run, response, executionId);
    },
  });
  if (result === 'abandoned' || !run.isRunning) return;
  if (!result.ok) {
    if (options.executeFailureProceedStateId === undefined) {
      run.close('FAILED', { errorType: 'STATE_API_FAIL_ERROR_TYPE', errorMessage: result.message });
      return;
    }
    run.history.add('StateExecutionFinished', executionId, {
      proceedTo: options.executeFailureProceedStateId,
    });
    endThread(run, record, [
      {
        stateId: options.executeFailureProceedStateId,
        stateInput: stateInput ?? undefined,
        stateOptions: options.executeFailureProceedStateOptions,
      },
    ]);
    return;
  }
  const response = result.response;
  const next = interpretDecision(run, stateId, executionId, response.stateDecision ?? {});
  if (!run.isRunning) return;
  run.history.add('StateExecutionFinished', executionId);
  endThread(run, record, next);
  return;
}

async function waitForCommands(
  run: WorkflowRun,
  record: ThreadRecord,
  response: WorkflowStateStartResponse,
): Promise<CommandResults | undefined> {
  const request = response.commandRequest;
  if (!request) return { stateStartApiSucceeded: true, stateWaitUntilFailed: false };
  const { executionId } = record;
  const wait = new CommandWait(run, executionId, request, record.progress);
  run.history.add('CommandsRequested', executionId, {
    timers: request.timerCommands?.length,
    signals: request.signalCommands?.length,
    internalChannels: request.interStateChannelCommands?.length,
  });
  if (!wait.start()) {
    run.activeWaits.set(executionId, wait);
    await new Promise<void>((resolve) => {
      wait.onDone = resolve;
    });
    run.activeWaits.delete(executionId);
  }
  return run.isRunning ? wait.results() : undefined;
}

// Registered states signal `/waitForStateCompletion` waiters once their execute succeeded (§2.17).
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
  run.markStateCompleted(waitForKey ? `${stateId}_${waitForKey}` : executionId);
}

// The thread leaves before its next states start, so a continue-as-new between them carries the
// next states and not this finished thread; the running count drops last so a graceful completion
// waits for the next states.
function endThread(run: WorkflowRun, record: ThreadRecord, next: readonly StateMovement[]): void {
  run.threads.delete(record.executionId);
  run.executingStateIds.ended(run.systemSearch, record.executionId);
  run.operationCount += resolveStateOptions(record.movement.stateOptions).skipWaitUntil ? 1 : 2;
  if (next.length > 0) startStateExecutions(run, next);
  run.runningThreads--;
  if (run.isRunning && run.runningThreads === 0 && run.gracefulCompletionRequested) run.close('COMPLETED');
  else if (next.length === 0) continueAsNewIfDue(run);
}
