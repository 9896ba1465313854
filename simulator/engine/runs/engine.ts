import type { WorkflowStartRequest } from '../../../sdk/wire/types.ts';
import type { TimerHandle, TimerOwner } from '../../clock/clock.ts';
import { indexSearchAttributes } from '../attributes/mutations.ts';
import { CronSchedules } from '../schedules/cron-schedules.ts';
import { startStateExecution } from '../threads/state-execution.ts';
import { afterReply } from './after-reply.ts';
import { RunJournal, takeSnapshot } from './run-journal.ts';
import type { EngineRuntime } from './runtime.ts';
import { signalStateCompletionWorkflow, stateCompletionWorkflowId } from './state-completion-workflows.ts';
import { type RunHooks, WorkflowRun } from './workflow-run.ts';

// Captured at load: a real-time long-poll cap must not follow a test's fake timers.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/**
 * Where a long poll gives up: a deadline on the simulator's clock (epoch ms), an amount of real
 * time (the server's own cap while auto-advance runs a virtual clock, design §4), or a passive
 * deadline on the simulator's clock (the server's own cap on a skipping clock: never skipped to).
 *
 * @example
 * const limits: LongPollLimit[] = [clock.now() + 30_000, { realMs: 60_000 }, { passiveAt: clock.now() + 60_000 }];
 */
export type LongPollLimit = number | { realMs: number } | { passiveAt: number };

/** Owner of the passive long-poll caps: a skip goes past them, never to them. */
const PASSIVE: TimerOwner = { passive: true, forgetTimer: () => {} };

/**
 * Hooks the engine calls so the simulator knows when a client waits inside a request (auto-advance
 * may move virtual time only then).
 *
 * @example
 * const hooks: WaitHooks = { waitStarted: () => count++, waitEnded: () => count-- };
 */
export interface WaitHooks {
  waitStarted(): void;
  waitEnded(): void;
}

/**
 * The registry of workflows and their runs, and the primitives the client API is built on.
 *
 * @example
 * const engine = new Engine(runtime, hooks);
 * const run = engine.createRun(request, 'wf-1');
 * engine.beginRun(run);
 */
export class Engine implements RunHooks {
  private readonly workflows = new Map<string, WorkflowRun[]>();
  private readonly runsInOrder: WorkflowRun[] = [];
  readonly schedules = new CronSchedules();

  constructor(
    readonly runtime: EngineRuntime,
    private readonly hooks: WaitHooks,
  ) {}

  /** The current (latest) run of a workflow id. */
  currentRun(workflowId: string): WorkflowRun | undefined {
    const runs = this.workflows.get(workflowId);
    return runs?.[runs.length - 1];
  }

  /** A run by id, or the current run when `runId` is empty. */
  findRun(workflowId: string, runId: string | undefined | null): WorkflowRun | undefined {
    if (!runId) return this.currentRun(workflowId);
    return this.workflows.get(workflowId)?.find((run) => run.runId === runId);
  }

  runsOf(workflowId: string): readonly WorkflowRun[] {
    return this.workflows.get(workflowId) ?? [];
  }

  /** Every run ever created, oldest first. */
  allRuns(): readonly WorkflowRun[] {
    return this.runsInOrder;
  }

  /** Registers a new run (not started yet) as the current run of its workflow id. */
  createRun(request: WorkflowStartRequest, workflowId: string): WorkflowRun {
    const run = new WorkflowRun(this.runtime, request, workflowId, this.runtime.ids.next());
    const runs = this.workflows.get(workflowId);
    if (runs) runs.push(run);
    else this.workflows.set(workflowId, [run]);
    this.runsInOrder.push(run);
    run.hooks = this;
    return run;
  }

  /**
   * Continue-as-new (§5.11): the live run takes a new run id and carries everything on; its old id
   * stays describable as a closed CONTINUED_AS_NEW run whose journal keeps the old reset points.
   */
  /** The server signals-with-start the state's helper workflow (see state-completion-workflows.ts). */
  stateCompleted(run: WorkflowRun, key: string): void {
    signalStateCompletionWorkflow(this, stateCompletionWorkflowId(run.workflowId, key));
  }

  continueAsNew(run: WorkflowRun): void {
    const oldRunId = run.runId;
    const frozen = new WorkflowRun(this.runtime, run.request, run.workflowId, oldRunId);
    frozen.status = 'CONTINUED_AS_NEW';
    frozen.closedAt = this.runtime.clock.now();
    frozen.runStartedAt = run.runStartedAt;
    frozen.firstRunId = run.firstRunId;
    frozen.continuedTo = run;
    frozen.requestId = run.requestId;
    frozen.journal = run.journal;
    frozen.persistence.restore(run.persistence.mark());
    frozen.systemSearch.restore(run.systemSearch.mark());
    // The new run's history starts here: checkpoints before it belong to the old run id.
    run.persistence.rebase();
    const runs = this.workflows.get(run.workflowId)!;
    runs.splice(runs.length - 1, 0, frozen);
    this.runsInOrder.push(frozen);
    run.runId = this.runtime.ids.next();
    run.runStartedAt = this.runtime.clock.now();
    // The new run starts the carried timers again from its own start, in whole seconds (§7.15).
    for (let i = 0; i < run.threads.size; i++) run.threads.at(i).wait?.restartTimers();
    run.operationCount = 0;
    run.continueAsNewRequested = false;
    run.journal = new RunJournal({ ...takeSnapshot(run), counters: run.shareExecutionCounters() });
    run.history.add('ContinuedAsNew', undefined, { previousRunId: oldRunId, runId: run.runId });
    this.runtime.log(`workflow ${run.workflowId} continued as new: run ${oldRunId} → ${run.runId}`);
  }

  /**
   * Seeds initial attributes, arms the workflow timeout and starts the first state, after the start
   * delay if any (semantics §2.1, §5.12), and always after the start request has answered. Without a
   * start state the run idles until an RPC moves it.
   */
  beginRun(run: WorkflowRun, beforeFirstState?: () => void): void {
    const request = run.request;
    const options = request.workflowStartOptions;
    indexSearchAttributes(run, options?.searchAttributes ?? []);
    run.persistence.upsertData(options?.dataAttributes);
    this.openRun(run);
    beforeFirstState?.();
    if (request.startStateId == null) return;
    const movement = {
      stateId: request.startStateId,
      stateInput: request.stateInput,
      stateOptions: request.stateOptions,
    };
    const delaySeconds = options?.workflowStartDelaySeconds ?? 0;
    if (delaySeconds > 0) {
      run.history.add('WorkflowStartDelayed', undefined, { seconds: delaySeconds });
      run.schedule(() => startStateExecution(run, movement), delaySeconds * 1000);
    } else {
      // The start reply goes out first, as on a real server.
      afterReply(this.runtime, () => {
        if (run.isRunning) startStateExecution(run, movement);
      });
    }
  }

  /** What every new run gets, whether started or rebuilt by a reset: system attributes, history, timeout. */
  openRun(run: WorkflowRun): void {
    const request = run.request;
    const delaySeconds = request.workflowStartOptions?.workflowStartDelaySeconds ?? 0;
    if (!run.scheduled && !run.systemWorkflow)
      run.systemSearch.upsertSearch([
        { key: 'IwfWorkflowType', valueType: 'KEYWORD', stringValue: run.workflowType },
      ]);
    run.history.add('WorkflowStarted', undefined, {
      workflowType: run.workflowType,
      runId: run.runId,
      startStateId: request.startStateId,
      timeoutSeconds: request.workflowTimeoutSeconds || undefined,
      startDelaySeconds: delaySeconds || undefined,
    });
    this.runtime.log(`workflow ${run.workflowId} (${run.runId}) started, type ${run.workflowType}`);
    const timeoutSeconds = request.workflowTimeoutSeconds ?? 0;
    if (timeoutSeconds > 0) run.armTimeout(timeoutSeconds * 1000);
  }

  /**
   * Waits (as a client long poll) until `register` calls its `resolve`, or until the limit: a
   * deadline on the simulator's clock (epoch ms), or `{ realMs }` of real time. While waiting,
   * auto-advance may move virtual time, never past a deadline on the simulator's clock.
   *
   * @example
   * const outcome = await engine.longPoll(deadline, (done) => run.onClose(() => done('closed')));
   */
  longPoll<T>(
    limit: LongPollLimit,
    register: (resolve: (value: T) => void) => () => void,
  ): Promise<T | 'timeout'> {
    const clock = this.runtime.clock;
    return new Promise<T | 'timeout'>((resolve) => {
      let settled = false;
      let unregister: (() => void) | undefined;
      const finish = (value: T | 'timeout'): void => {
        if (settled) return;
        settled = true;
        if (typeof limit === 'object' && 'realMs' in limit)
          realClearTimeout(timer as ReturnType<typeof realSetTimeout>);
        else clock.clearTimer(timer as TimerHandle);
        unregister?.();
        this.activePolls.delete(abort);
        this.hooks.waitEnded();
        resolve(value);
      };
      const abort = (): void => finish('timeout');
      this.hooks.waitStarted();
      this.activePolls.add(abort);
      const timer =
        typeof limit === 'number'
          ? clock.setTimer(abort, limit - clock.now())
          : 'realMs' in limit
            ? realSetTimeout(abort, limit.realMs)
            : clock.setTimer(abort, limit.passiveAt - clock.now(), PASSIVE);
      const cleanup = register((value) => finish(value));
      if (settled) cleanup();
      else unregister = cleanup;
    });
  }

  /** Ends every pending long poll as timed out (the simulator is closing). */
  endAllLongPolls(): void {
    for (const abort of [...this.activePolls]) abort();
  }

  private readonly activePolls = new Set<() => void>();
}
