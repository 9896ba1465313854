import { WorkerPaths } from '../../../sdk/wire/paths.ts';
import type {
  Context,
  EncodedObject,
  PersistenceLoadingPolicy,
  WorkflowStateDecideResponse,
  WorkflowStateStartResponse,
} from '../../../sdk/wire/types.ts';
import { sharedAttributes } from '../../history/history.ts';
import { lockKeys } from '../attributes/locks.ts';
import { lockingKeysOf } from '../attributes/persistence.ts';
import { stepPause } from '../runs/after-reply.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';
import { answerExceedsBlobLimit } from './blob-limit.ts';
import { effectiveRetryPolicy, nextRetryDelayMs, retryDeadline, retryPolicyProblem } from './retry-policy.ts';
import { callRunWorker } from './run-worker-call.ts';
import type { ResolvedStateOptions } from './state-options.ts';
import {
  checkStateApiOutcome,
  oversizedAnswerMessage,
  type StateApi,
  timeoutMessage,
} from './worker-failures.ts';

/**
 * The outcome of a state API call after all retries: the answer, the final failure text, or
 * `abandoned` when the run closed meanwhile.
 *
 * @example
 * const result = await callStateApi(run, call);
 * if (result === 'abandoned') return;
 */
export type StateApiResult<T> = { ok: true; response: T } | { ok: false; message: string } | 'abandoned';

/**
 * What one state API call sends besides the context; `body` gets `context`, and the loaded
 * attributes under `dataField`.
 *
 * @example
 * const call: StateApiCall = { api: 'waitUntil', executionId: 'S1-1', stateId: 'S1', stateInput, options, extra: {} };
 */
export interface StateApiCall {
  api: StateApi;
  executionId: string;
  stateId: string;
  stateInput: EncodedObject | undefined | null;
  options: ResolvedStateOptions;
  /** Extra fields of the execute request (`commandResults`, `stateLocals`). */
  extra: Record<string, unknown>;
  /** The movement's `waitForKey` (execute: names the completion `/waitForStateCompletion` sees). */
  waitForKey?: string | undefined;
  /**
   * Applies a successful answer's upserts before the locks are released, in the same step (docs/semantics/persistence.md#locks-1).
   * A shared function taking the call, not a closure per call.
   */
  applyBeforeRelease: (
    run: WorkflowRun,
    call: StateApiCall,
    response: WorkflowStateStartResponse & WorkflowStateDecideResponse,
  ) => void;
}

// The attributes of nearly every attempt event.
const FIRST_ATTEMPT_OK = sharedAttributes({ attempt: 1, outcome: 'ok' });

/** Resolves never: a call Temporal would refuse to schedule leaves the state stuck (docs/semantics/faults.md#b24). */
const STUCK = new Promise<never>(() => {});

/**
 * Runs one state API per docs/semantics/worker-failures.md#failures-2 and docs/semantics/persistence.md#locks-1: wait for locks (SA keys then DA keys), load
 * attributes once, call with per-attempt timeouts and the retry policy on the workflow clock, then
 * release the locks. The caller applies the answer's upserts right after, in the same step.
 *
 * @example
 * const result = await callStateApi(run, { api: 'execute', ... });
 */
export function callStateApi(
  run: WorkflowRun,
  call: StateApiCall & { api: 'waitUntil' },
): Promise<StateApiResult<WorkflowStateStartResponse>>;
export function callStateApi(
  run: WorkflowRun,
  call: StateApiCall & { api: 'execute' },
): Promise<StateApiResult<WorkflowStateDecideResponse>>;
export async function callStateApi(
  run: WorkflowRun,
  call: StateApiCall,
): Promise<StateApiResult<WorkflowStateStartResponse | WorkflowStateDecideResponse>> {
  const { api, options } = call;
  const searchPolicy = api === 'waitUntil' ? options.waitUntilSearchPolicy : options.executeSearchPolicy;
  const dataPolicy = api === 'waitUntil' ? options.waitUntilDataPolicy : options.executeDataPolicy;
  const searchLocks = lockingKeysOf(searchPolicy);
  const dataLocks = lockingKeysOf(dataPolicy);
  const keys = lockKeys(searchLocks, dataLocks);
  const pause = stepPause(run.runtime);
  if (pause) {
    await pause;
    // The step was scheduled before the pause (a real server's activity is dispatched once its
    // workflow task completed): a run closed meanwhile still gets the call, and drops its answer
    // (measured: a stop sent right after start still sees the first waitUntil). A call that must
    // first take locks would not have been scheduled.
    if (!run.isRunning && keys.length > 0) return 'abandoned';
  }
  if (run.workflowTaskRefusal !== undefined) return STUCK;
  const ordinal = keys.length === 0 ? 0 : run.locks.ordinalOf(call.executionId);
  const pendingLock =
    searchLocks.length > 0 && dataLocks.length > 0
      ? run.locks.acquireInOrder(lockKeys(searchLocks, []), lockKeys([], dataLocks), ordinal)
      : run.locks.acquire(keys, ordinal);
  if (pendingLock) {
    run.history.add('LockWaiting', call.executionId, { api, keys });
    await pendingLock;
    if (!run.isRunning) {
      run.locks.release(keys, ordinal);
      return 'abandoned';
    }
  }
  const retryPolicy = api === 'waitUntil' ? options.waitUntilRetry : options.executeRetry;
  const problem = retryPolicyProblem(retryPolicy);
  if (problem) {
    // The real server accepts this at start, then every workflow task fails and the worker is never called.
    const text = `${api} of ${call.executionId} can never be scheduled: ${problem} Fix the state's retry policy; the workflow stays RUNNING until it times out or is stopped.`;
    run.history.add('Diagnostic', call.executionId, { problem: text });
    run.runtime.log(`workflow ${run.workflowId}: ${text}`);
    return STUCK;
  }
  // The workflow is frozen while a workflow task delivering locking RPCs runs: the activity is
  // scheduled when that task completes.
  if (run.workflowTask.busy) {
    await run.workflowTask.whenEnds();
    if (!run.isRunning) {
      run.locks.release(keys, ordinal);
      return 'abandoned';
    }
  }
  const body = buildBody(run, call, searchPolicy, dataPolicy);
  // In-flight calls hold back a continue-as-new, as the server drains activities first (docs/semantics/lifecycle.md#can-1).
  run.progress.stateApiCallStarted();
  // The attempts run in this frame (no nested async function per call: one promise less).
  const policy = effectiveRetryPolicy(retryPolicy);
  const { runtime } = run;
  const firstAttemptAt = runtime.clock.now();
  const deadline = retryDeadline(firstAttemptAt, policy, run.request.workflowTimeoutSeconds);
  const path = api === 'waitUntil' ? WorkerPaths.waitUntil : WorkerPaths.execute;
  const eventType = api === 'waitUntil' ? 'WaitUntilAttempt' : 'ExecuteAttempt';
  const timeoutMs = options[api === 'waitUntil' ? 'waitUntilTimeoutMs' : 'executeTimeoutMs'];
  let result: StateApiResult<WorkflowStateStartResponse | WorkflowStateDecideResponse>;
  for (let attempt = 1; ; attempt++) {
    const context: Context = {
      workflowId: run.workflowId,
      workflowRunId: run.firstRunId,
      workflowStartedTimestamp: Math.floor(run.startedAt / 1000),
      stateExecutionId: call.executionId,
      firstAttemptTimestamp: Math.floor(firstAttemptAt / 1000),
      attempt,
    };
    // The first attempt sends the body itself; a retry a copy, so each request keeps its context.
    const request = attempt === 1 ? body : { ...body };
    request.context = context;
    const attemptTimeout = Math.min(timeoutMs, deadline - runtime.clock.now());
    const calledAt = runtime.clock.now();
    const outcome = await callRunWorker(
      run,
      api,
      call.stateId,
      call.executionId,
      path,
      request,
      attemptTimeout,
    );
    if (!run.isRunning) {
      result = 'abandoned';
      break;
    }
    const checked =
      api === 'waitUntil'
        ? checkStateApiOutcome('waitUntil', outcome)
        : checkStateApiOutcome('execute', outcome);
    if (checked.ok) {
      if (answerExceedsBlobLimit(checked.response)) {
        // Temporal refuses the activity result itself: no retry, nothing of it applied (docs/semantics/faults.md#b23).
        const message = oversizedAnswerMessage(api);
        run.history.add(eventType, call.executionId, {
          attempt,
          outcome: 'failed',
          error: message,
          tookMs: runtime.clock.now() - calledAt,
        });
        result = giveUp(run, call, `${message}`);
        break;
      }
      if (run.history.enabled) {
        // Shared constant for the common instant answer (virtual time): no object per event.
        const tookMs = runtime.clock.now() - calledAt;
        run.history.add(
          eventType,
          call.executionId,
          attempt === 1 && tookMs === 0 ? FIRST_ATTEMPT_OK : { attempt, outcome: 'ok', tookMs },
        );
      }
      result = checked;
      break;
    }
    run.history.add(eventType, call.executionId, {
      attempt,
      outcome: 'failed',
      error: checked.message,
      tookMs: runtime.clock.now() - calledAt,
    });
    if (policy.maximumAttempts > 0 && attempt >= policy.maximumAttempts) {
      // Measured: a timeout after retries is said twice, a lone attempt's once (Go SDK traffic, docs/semantics/faults.md#b20).
      const message =
        checked.timeout && attempt >= 2 ? timeoutMessage(api, 'lastOfRetries') : checked.message;
      result = giveUp(run, call, message);
      break;
    }
    const delay = nextRetryDelayMs(policy, attempt);
    // Temporal gives up when now + delay is after the deadline; a real attempt always ends a few ms
    // after it began, so at an exact boundary the real server gives up (measured): `>=` here.
    if (runtime.clock.now() + delay >= deadline) {
      result = giveUp(run, call, checked.timeout ? timeoutMessage(api, 'noTimeForRetry') : checked.message);
      break;
    }
    run.history.add('StateApiRetryScheduled', call.executionId, {
      api,
      nextAttempt: attempt + 1,
      delayMs: delay,
    });
    await run.timers.sleep(delay);
    if (!run.isRunning) {
      result = 'abandoned';
      break;
    }
  }
  // An answer that comes back during such a task is processed after it (the workflow is frozen).
  if (result !== 'abandoned' && run.workflowTask.busy) {
    await run.workflowTask.whenEnds();
    if (!run.isRunning) result = 'abandoned';
  }
  run.progress.stateApiCallEnded();
  if (result !== 'abandoned' && result.ok) call.applyBeforeRelease(run, call, result.response);
  run.locks.release(keys, ordinal);
  if (run.workflowTaskRefusal !== undefined) return STUCK;
  return result;
}

function buildBody(
  run: WorkflowRun,
  call: StateApiCall,
  searchPolicy: PersistenceLoadingPolicy | undefined,
  dataPolicy: PersistenceLoadingPolicy | undefined,
): Record<string, unknown> {
  // `context` first (filled per attempt), as the real server orders the request.
  const body: Record<string, unknown> = {
    context: undefined,
    workflowType: run.workflowType,
    workflowStateId: call.stateId,
  };
  if (call.stateInput != null) body.stateInput = call.stateInput;
  const search = run.persistence.loadSearch(searchPolicy);
  if (search) body.searchAttributes = search;
  const data = run.persistence.loadData(dataPolicy);
  if (data) body[call.api === 'waitUntil' ? 'dataObjects' : 'DataObjects'] = data;
  for (const key in call.extra) if (call.extra[key] !== undefined) body[key] = call.extra[key];
  return body;
}

function giveUp(run: WorkflowRun, call: StateApiCall, message: string): { ok: false; message: string } {
  run.history.add('StateApiFailed', call.executionId, { api: call.api, error: message });
  run.runtime.log(`workflow ${run.workflowId}: ${call.api} of ${call.executionId} failed: ${message}`);
  return { ok: false, message };
}
