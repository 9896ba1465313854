import type { CommandResults, StateMovement } from '../../../sdk/wire/types.ts';
import { sharedAttributes } from '../../history/history.ts';
import { CommandWait } from '../commands/command-wait.ts';
import { continueAsNewIfDue } from '../runs/continue-as-new.ts';
import { applyHeldTimerSkips } from '../runs/timer-skips.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';
import { LiveThread } from '../threads/live-threads.ts';
import { stateIdOf, type ThreadRecord } from '../threads/thread-record.ts';
import { callStateApi } from '../worker-calls/state-api-call.ts';
import { type ResolvedStateOptions, resolveStateOptions } from '../worker-calls/state-options.ts';
import { interpretDecision } from './decisions.ts';
import { applyExecuteAnswer, applyWaitUntilAnswer } from './state-answers.ts';
import { threadMovement } from './thread-movement.ts';

/**
 * Starts state executions together (one decision's next states), each as its own thread (semantics
 * docs/semantics/execution.md#flow-2, #parallel-1), numbered `<stateId>-<n>` in order, then records the reset point right before their
 * first state API calls (docs/semantics/lifecycle.md#reset-2). `from` is the movement of the thread that decided them, whose
 * state options equal ones are shared.
 *
 * @example
 * startStateExecutions(run, [{ stateId: 'A' }, { stateId: 'B' }]); // ['A-1', 'B-1']
 */
export function startStateExecutions(
  run: WorkflowRun,
  movements: readonly StateMovement[],
  from?: StateMovement,
  ended?: LiveThread,
): string[] {
  if (movements.length === 0) return [];
  const ids: string[] = new Array(movements.length);
  const threads: LiveThread[] = new Array(movements.length);
  for (let i = 0; i < movements.length; i++) {
    const movement = threadMovement(movements[i]!, from);
    const stateId = movement.stateId ?? '';
    const executionId = run.executionCounters.next(stateId);
    const options = resolveStateOptions(movement.stateOptions);
    const record: ThreadRecord = {
      movement,
      executionId,
      phase: options.skipWaitUntil ? 'execute' : 'waitUntil',
    };
    threads[i] = registerThread(run, record, options, i === 0 ? ended : undefined);
    if (run.history.enabled)
      run.history.add('StateExecutionStarted', executionId, startedAttributes(stateId));
    ids[i] = executionId;
  }
  run.executingStateIds.publish(run.systemSearch);
  // Snapshot before any thread runs, so every thread of the batch is at its start in it.
  run.journal.checkpoint(run, ids);
  // The server continues as new between steps, carrying queued states over (docs/semantics/lifecycle.md#can-1).
  continueAsNewIfDue(run);
  for (const thread of threads) launch(run, thread);
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
 * const launch = resumeThreads(run, threadRecords(checkpoint));
 * launch();
 */
export function resumeThreads(run: WorkflowRun, records: readonly ThreadRecord[]): () => void {
  const threads = records.map((record) =>
    registerThread(run, record, resolveStateOptions(record.movement.stateOptions)),
  );
  run.executingStateIds.publish(run.systemSearch);
  return () => {
    for (const thread of threads) launch(run, thread);
  };
}

function registerThread(
  run: WorkflowRun,
  record: ThreadRecord,
  options: ResolvedStateOptions,
  ended?: LiveThread,
): LiveThread {
  run.progress.threadStarted();
  const counted = run.executingStateIds.started(
    run.config.executingStateIdMode,
    stateIdOf(record),
    options.skipWaitUntil,
  );
  const thread = ended ? ended.continueAs(record, counted) : new LiveThread(record, counted);
  run.threads.add(thread);
  // Lock waiters are granted in thread creation order (docs/semantics/persistence.md#locks-4): number the threads that may wait.
  if (options.locksKeys) run.locks.enroll(record.executionId);
  return thread;
}

// Runs a thread from its phase: waitUntil, then commands (a wait that holds no async frame: the
// command wait calls `resumeAfterCommands` when it completes), then execute.
function launch(run: WorkflowRun, thread: LiveThread): void {
  const phase = thread.record.phase;
  if (phase === 'waitUntil') runWaitUntil(run, thread).catch((error: unknown) => failInternally(run, error));
  else if (phase === 'commands') beginCommands(run, thread);
  else launchExecute(run, thread);
}

function launchExecute(run: WorkflowRun, thread: LiveThread): void {
  runExecute(run, thread).catch((error: unknown) => failInternally(run, error));
}

// One attribute object per state id for its StateExecutionStarted events (a few hundred at most).
const STARTED_ATTRIBUTES = new Map<string, { stateId: string }>();

function startedAttributes(stateId: string): { stateId: string } {
  let attrs = STARTED_ATTRIBUTES.get(stateId);
  if (!attrs) {
    attrs = sharedAttributes({ stateId });
    if (STARTED_ATTRIBUTES.size < 1_000) STARTED_ATTRIBUTES.set(stateId, attrs);
  }
  return attrs;
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
async function runWaitUntil(run: WorkflowRun, thread: LiveThread): Promise<void> {
  const { movement, executionId } = thread.record;
  const options = resolveStateOptions(movement.stateOptions);
  const result = await callStateApi(run, {
    api: 'waitUntil',
    executionId,
    stateId: stateIdOf(thread.record),
    stateInput: movement.stateInput,
    options,
    extra: NO_EXTRA,
    applyBeforeRelease: applyWaitUntilAnswer,
  });
  if (result === 'abandoned' || !run.isRunning) return;
  if (!result.ok) {
    if (!options.proceedOnWaitUntilFailure) {
      run.close('FAILED', { errorType: 'STATE_API_FAIL_ERROR_TYPE', errorMessage: result.message });
      return;
    }
    thread.record = { movement, executionId, phase: 'execute', commandResults: WAIT_UNTIL_FAILED };
    launchExecute(run, thread);
    return;
  }
  const response = result.response;
  // The live record keeps no command request: the wait copies what it needs and rebuilds the
  // request for a snapshot (a continue-as-new right below takes one).
  thread.record = {
    movement,
    executionId,
    phase: 'commands',
    stateLocals: response.upsertStateLocals ?? undefined,
  };
  const request = response.commandRequest;
  if (request) {
    const spare = thread.spareWait;
    thread.spareWait = undefined;
    thread.wait = spare ? spare.reuse(executionId, request) : new CommandWait(run, executionId, request);
  }
  continueAsNewIfDue(run);
  beginCommands(run, thread);
}

// Starts the command wait (a restored thread's from its record); proceeds to execute at once when
// there is none or its trigger is already met.
function beginCommands(run: WorkflowRun, thread: LiveThread): void {
  const record = thread.record;
  const { executionId } = record;
  if (!thread.wait && record.commandRequest)
    thread.wait = new CommandWait(run, executionId, record.commandRequest, record.progress);
  const wait = thread.wait;
  if (!wait) {
    proceedToExecute(run, thread, { stateStartApiSucceeded: true, stateWaitUntilFailed: false });
    return;
  }
  if (run.history.enabled) run.history.add('CommandsRequested', executionId, wait.counts());
  wait.holder = thread;
  if (wait.start()) {
    thread.wait = undefined;
    const results = wait.results();
    thread.spareWait = wait;
    if (run.isRunning) proceedToExecute(run, thread, results);
    return;
  }
  wait.onDone = resumeAfterCommands;
  applyHeldTimerSkips(run, executionId, wait);
}

// The trigger was met: continue in a microtask, as a resumed await would, never inside the timer or
// delivery that met it.
function resumeAfterCommands(wait: CommandWait<LiveThread>): void {
  void Promise.resolve(wait).then(continueAfterCommands);
}

function continueAfterCommands(wait: CommandWait<LiveThread>): void {
  // The wait was created with the thread's run as its host.
  const run = wait.host as WorkflowRun;
  const thread = wait.holder;
  if (!thread || thread.wait !== wait) return;
  thread.wait = undefined;
  if (!run.isRunning) return;
  const results = wait.results();
  thread.spareWait = wait;
  proceedToExecute(run, thread, results);
}

function proceedToExecute(run: WorkflowRun, thread: LiveThread, commandResults: CommandResults): void {
  const { movement, executionId, stateLocals } = thread.record;
  thread.record = { movement, executionId, phase: 'execute', stateLocals, commandResults };
  launchExecute(run, thread);
}

async function runExecute(run: WorkflowRun, thread: LiveThread): Promise<void> {
  const record = thread.record;
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
    waitForKey: movement.waitForKey,
    applyBeforeRelease: applyExecuteAnswer,
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
    endThread(run, thread, [
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
  endThread(run, thread, next);
}

// The thread leaves before its next states start, so a continue-as-new between them carries the
// next states and not this finished thread; the running count drops last so a graceful completion
// waits for the next states.
function endThread(run: WorkflowRun, thread: LiveThread, next: readonly StateMovement[]): void {
  const record = thread.record;
  run.threads.remove(thread);
  run.locks.leave(record.executionId);
  if (thread.countedAsExecuting) run.executingStateIds.ended(stateIdOf(record));
  run.progress.addOperations(resolveStateOptions(record.movement.stateOptions).skipWaitUntil ? 1 : 2);
  // Published once the next states counted themselves: a state that moves to itself changes nothing.
  if (next.length > 0) startStateExecutions(run, next, record.movement, thread);
  else {
    thread.end();
    run.executingStateIds.publish(run.systemSearch);
  }
  if (!run.threadEnded() && next.length === 0) continueAsNewIfDue(run);
}
