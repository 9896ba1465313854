import type { CommandResults, StateMovement } from '../../sdk/wire/types.ts';
import { CommandWait } from './command-wait.ts';
import { compactCommandRequest } from './compact-command-request.ts';
import { compactMovement } from './compact-movement.ts';
import { continueAsNewIfDue } from './continue-as-new.ts';
import { interpretDecision } from './decisions.ts';
import { applyMutations } from './mutations.ts';
import { callStateApi } from './state-api-call.ts';
import { type ResolvedStateOptions, resolveStateOptions } from './state-options.ts';
import { stateIdOf, type ThreadRecord } from './thread-record.ts';
import type { WorkflowRun } from './workflow-run.ts';

/**
 * Starts state executions together (one decision's next states), each as its own thread (semantics
 * §5.2, §5.6), numbered `<stateId>-<n>` in order, then records the reset point right before their
 * first state API calls (§2.13). `from` is the movement of the thread that decided them, whose
 * state options equal ones are shared.
 *
 * @example
 * startStateExecutions(run, [{ stateId: 'A' }, { stateId: 'B' }]); // ['A-1', 'B-1']
 */
export function startStateExecutions(
  run: WorkflowRun,
  movements: readonly StateMovement[],
  from?: StateMovement,
): string[] {
  if (movements.length === 0) return [];
  const ids: string[] = new Array(movements.length);
  const records: ThreadRecord[] = new Array(movements.length);
  for (let i = 0; i < movements.length; i++) {
    const movement = compactMovement(movements[i]!, from);
    const stateId = movement.stateId ?? '';
    const executionId = run.nextExecutionId(stateId);
    const options = resolveStateOptions(movement.stateOptions);
    const record: ThreadRecord = {
      movement,
      executionId,
      phase: options.skipWaitUntil ? 'execute' : 'waitUntil',
    };
    registerThread(run, record, options);
    run.history.add('StateExecutionStarted', executionId, { stateId });
    ids[i] = executionId;
    records[i] = record;
  }
  // Snapshot before any thread runs, so every thread of the batch is at its start in it.
  run.journal.checkpoint(run, ids);
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
 * const launch = resumeThreads(run, checkpoint.threads);
 * launch();
 */
export function resumeThreads(run: WorkflowRun, records: readonly ThreadRecord[]): () => void {
  for (const record of records)
    registerThread(run, record, resolveStateOptions(record.movement.stateOptions));
  return () => {
    for (const record of records) launch(run, record);
  };
}

function registerThread(run: WorkflowRun, record: ThreadRecord, options: ResolvedStateOptions): void {
  run.runningThreads++;
  run.threads.set(record.executionId, record);
  // Lock waiters are granted in thread creation order (§5.9): number the threads that may wait.
  if (options.locksKeys) run.locks.enroll(record.executionId);
  run.executingStateIds.started(
    run.systemSearch,
    run.config.executingStateIdMode,
    stateIdOf(record),
    record.executionId,
    options.skipWaitUntil,
  );
}

// A thread moves on: its new (immutable) record replaces the old one.
function advance(run: WorkflowRun, record: ThreadRecord): ThreadRecord {
  run.threads.set(record.executionId, record);
  return record;
}

// Runs a thread from its phase: waitUntil, then commands (a wait that holds no async frame: the
// command wait calls `resumeAfterCommands` when it completes), then execute.
function launch(run: WorkflowRun, record: ThreadRecord): void {
  if (record.phase === 'waitUntil')
    runWaitUntil(run, record).catch((error: unknown) => failInternally(run, error));
  else if (record.phase === 'commands') beginCommands(run, record);
  else launchExecute(run, record);
}

function launchExecute(run: WorkflowRun, record: ThreadRecord): void {
  runExecute(run, record).catch((error: unknown) => failInternally(run, error));
}

// A bug of the simulator must not leave the workflow silently stuck.
function failInternally(run: WorkflowRun, error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  run.close('FAILED', {
    errorType: 'SERVER_INTERNAL_ERROR_TYPE',
    errorMessage: `iWF simulator internal error: ${message}`,
  });
}

const NO_EXTRA: Record<string, unknown> = {};

const WAIT_UNTIL_FAILED: CommandResults = { stateStartApiSucceeded: false, stateWaitUntilFailed: true };

// Stops quietly when the run closes underneath it.
async function runWaitUntil(run: WorkflowRun, record: ThreadRecord): Promise<void> {
  const { movement, executionId } = record;
  const options = resolveStateOptions(movement.stateOptions);
  const result = await callStateApi(run, {
    api: 'waitUntil',
    executionId,
    stateId: stateIdOf(record),
    stateInput: movement.stateInput,
    options,
    extra: NO_EXTRA,
    applyBeforeRelease: (response) => applyMutations(run, response, executionId),
  });
  if (result === 'abandoned' || !run.isRunning) return;
  if (!result.ok) {
    if (!options.proceedOnWaitUntilFailure) {
      run.close('FAILED', { errorType: 'STATE_API_FAIL_ERROR_TYPE', errorMessage: result.message });
      return;
    }
    launchExecute(
      run,
      advance(run, { movement, executionId, phase: 'execute', commandResults: WAIT_UNTIL_FAILED }),
    );
    return;
  }
  const response = result.response;
  const next = advance(run, {
    movement,
    executionId,
    phase: 'commands',
    commandRequest: compactCommandRequest(response.commandRequest, run.now()),
    stateLocals: response.upsertStateLocals ?? undefined,
  });
  continueAsNewIfDue(run);
  beginCommands(run, next);
}

// Starts the command wait; proceeds to execute at once when the trigger is already met.
function beginCommands(run: WorkflowRun, record: ThreadRecord): void {
  const request = record.commandRequest;
  if (!request) {
    proceedToExecute(run, record, { stateStartApiSucceeded: true, stateWaitUntilFailed: false });
    return;
  }
  const { executionId } = record;
  const wait = new CommandWait(run, executionId, request, record.progress);
  run.history.add('CommandsRequested', executionId, {
    timers: request.timerCommands?.length,
    signals: request.signalCommands?.length,
    internalChannels: request.interStateChannelCommands?.length,
  });
  if (wait.start()) {
    if (run.isRunning) proceedToExecute(run, record, wait.results());
    return;
  }
  run.activeWaits.set(executionId, wait);
  wait.onDone = resumeAfterCommands;
}

// The trigger was met: continue in a microtask, as a resumed await would, never inside the timer or
// delivery that met it.
function resumeAfterCommands(wait: CommandWait): void {
  void Promise.resolve(wait).then(continueAfterCommands);
}

function continueAfterCommands(wait: CommandWait): void {
  const run = wait.host as WorkflowRun;
  run.activeWaits.delete(wait.executionId);
  const record = run.threads.get(wait.executionId);
  if (!run.isRunning || !record) return;
  proceedToExecute(run, record, wait.results());
}

function proceedToExecute(run: WorkflowRun, record: ThreadRecord, commandResults: CommandResults): void {
  launchExecute(
    run,
    advance(run, {
      movement: record.movement,
      executionId: record.executionId,
      phase: 'execute',
      stateLocals: record.stateLocals,
      commandResults,
    }),
  );
}

async function runExecute(run: WorkflowRun, record: ThreadRecord): Promise<void> {
  const { movement, executionId } = record;
  const stateId = stateIdOf(record);
  const options = resolveStateOptions(movement.stateOptions);
  const stateInput = movement.stateInput;
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
  const next = interpretDecision(run, stateId, executionId, result.response.stateDecision ?? {});
  if (!run.isRunning) return;
  run.history.add('StateExecutionFinished', executionId);
  endThread(run, record, next);
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
  run.locks.leave(record.executionId);
  run.executingStateIds.ended(run.systemSearch, record.executionId);
  run.operationCount += resolveStateOptions(record.movement.stateOptions).skipWaitUntil ? 1 : 2;
  if (next.length > 0) startStateExecutions(run, next, record.movement);
  run.runningThreads--;
  if (run.isRunning && run.runningThreads === 0 && run.gracefulCompletionRequested) run.close('COMPLETED');
  else if (next.length === 0) continueAsNewIfDue(run);
}
