import type {
  CommandResults,
  KeyValue,
  StateMovement,
  WorkflowStateStartResponse,
} from '../../sdk/wire/types.ts';
import { CommandWait } from './command-wait.ts';
import { interpretDecision } from './decisions.ts';
import { applyMutations } from './mutations.ts';
import { callStateApi } from './state-api-call.ts';
import { resolveStateOptions } from './state-options.ts';
import type { WorkflowRun } from './workflow-run.ts';

/**
 * Starts one state execution as its own thread (semantics §5.2, §5.6): numbered `<stateId>-<n>`
 * at once, then waitUntil → commands → execute → decision, concurrently with other threads.
 *
 * @example
 * startStateExecution(run, { stateId: 'S1', stateInput });
 */
export function startStateExecution(run: WorkflowRun, movement: StateMovement): string {
  const stateId = movement.stateId ?? '';
  const executionId = run.nextExecutionId(stateId);
  run.runningThreads++;
  run.history.add('StateExecutionStarted', executionId, { stateId });
  runThread(run, movement, stateId, executionId).then(
    (ended) => {
      if (ended) endThread(run, executionId);
    },
    (error: unknown) => {
      // A bug of the simulator must not leave the workflow silently stuck.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      run.close('FAILED', {
        errorType: 'SERVER_INTERNAL_ERROR_TYPE',
        errorMessage: `iWF simulator internal error: ${message}`,
      });
    },
  );
  return executionId;
}

/** True when the thread ended normally (counted down); false when the run closed underneath it. */
async function runThread(
  run: WorkflowRun,
  movement: StateMovement,
  stateId: string,
  executionId: string,
): Promise<boolean> {
  const options = resolveStateOptions(movement.stateOptions);
  const stateInput = movement.stateInput;
  let commandResults: CommandResults | undefined;
  let stateLocals: KeyValue[] | undefined;
  if (!options.skipWaitUntil) {
    const result = await callStateApi(run, {
      api: 'waitUntil',
      executionId,
      stateId,
      stateInput,
      options,
      extra: {},
      applyBeforeRelease: (response) => applyMutations(run, response, executionId),
    });
    if (result === 'abandoned' || !run.isRunning) return false;
    if (!result.ok) {
      if (!options.proceedOnWaitUntilFailure) {
        run.close('FAILED', { errorType: 'STATE_API_FAIL_ERROR_TYPE', errorMessage: result.message });
        return false;
      }
      commandResults = { stateStartApiSucceeded: false, stateWaitUntilFailed: true };
    } else {
      stateLocals = result.response.upsertStateLocals ?? undefined;
      commandResults = await waitForCommands(run, executionId, result.response);
      if (!commandResults || !run.isRunning) return false;
    }
  }
  const result = await callStateApi(run, {
    api: 'execute',
    executionId,
    stateId,
    stateInput,
    options,
    extra: { stateLocals, commandResults },
    applyBeforeRelease: (response) => {
      noteStateCompletion(run, stateId, executionId, movement.waitForKey);
      applyMutations(run, response, executionId);
    },
  });
  if (result === 'abandoned' || !run.isRunning) return false;
  if (!result.ok) {
    if (options.executeFailureProceedStateId === undefined) {
      run.close('FAILED', { errorType: 'STATE_API_FAIL_ERROR_TYPE', errorMessage: result.message });
      return false;
    }
    run.history.add('StateExecutionFinished', executionId, {
      proceedTo: options.executeFailureProceedStateId,
    });
    startStateExecution(run, {
      stateId: options.executeFailureProceedStateId,
      stateInput: stateInput ?? undefined,
      stateOptions: options.executeFailureProceedStateOptions,
    });
    return true;
  }
  const response = result.response;
  const next = interpretDecision(run, stateId, executionId, response.stateDecision ?? {});
  if (!run.isRunning) return false;
  run.history.add('StateExecutionFinished', executionId);
  for (const movement of next) startStateExecution(run, movement);
  return true;
}

async function waitForCommands(
  run: WorkflowRun,
  executionId: string,
  response: WorkflowStateStartResponse,
): Promise<CommandResults | undefined> {
  const request = response.commandRequest;
  if (!request) return { stateStartApiSucceeded: true, stateWaitUntilFailed: false };
  const wait = new CommandWait(run, executionId, request);
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

function endThread(run: WorkflowRun, executionId: string): void {
  run.runningThreads--;
  void executionId;
  if (run.isRunning && run.runningThreads === 0 && run.gracefulCompletionRequested) run.close('COMPLETED');
}
