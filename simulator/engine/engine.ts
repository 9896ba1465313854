import type { WorkflowStartRequest } from '../../sdk/wire/types.ts';
import type { TimerHandle, TimerOwner } from '../clock/clock.ts';
import { indexSearchAttributes } from './attributes/mutations.ts';
import { afterReply } from './runs/after-reply.ts';
import { closedBefore } from './runs/retention.ts';
import type { EngineRuntime } from './runs/runtime.ts';
import {
  signalStateCompletionWorkflow,
  stateCompletionWorkflowId,
} from './runs/state-completion-workflows.ts';
import { type RunHooks, type RunOptions, WorkflowRun } from './runs/workflow-run.ts';
import { CronSchedules } from './schedules/cron-schedules.ts';
import { startStateExecution } from './states/state-execution.ts';

// Captured at load: a real-time long-poll cap must not follow a test's fake timers.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/**
 * Where a long poll gives up: a deadline on the simulator's clock (epoch ms), an amount of real
 * time (the server's own cap while auto-advance runs a virtual clock), or a passive
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
  readonly schedules: CronSchedules;

  constructor(
    readonly runtime: EngineRuntime,
    private readonly hooks: WaitHooks,
  ) {
    this.schedules = new CronSchedules({
      clock: runtime.clock,
      log: runtime.log,
      startScheduledRun: (request, workflowId) => {
        // Measured: runs started by the schedule carry no IwfWorkflowType search attribute.
        const run = this.createRun(request, workflowId, { origin: 'schedule' });
        this.beginRun(run);
        return run;
      },
    });
  }

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

  /**
   * Forgets runs closed before `instant` (retention): a workflow id whose runs are all forgotten
   * is unknown again, as on a real server after its retention. Returns how many runs went.
   */
  forgetClosedRuns(instant: number): number {
    const before = this.runsInOrder.length;
    let kept = 0;
    for (const run of this.runsInOrder) if (!closedBefore(run, instant)) this.runsInOrder[kept++] = run;
    this.runsInOrder.length = kept;
    if (kept === before) return 0;
    for (const [workflowId, runs] of this.workflows) {
      const remaining = runs.filter((run) => !closedBefore(run, instant));
      if (remaining.length === 0) this.workflows.delete(workflowId);
      else if (remaining.length !== runs.length) this.workflows.set(workflowId, remaining);
    }
    this.runtime.log(
      `retention: forgot ${before - kept} run(s) closed before ${new Date(instant).toISOString()}`,
    );
    return before - kept;
  }

  /** Every run ever created (and not forgotten by retention), oldest first. */
  allRuns(): readonly WorkflowRun[] {
    return this.runsInOrder;
  }

  /** Registers a new run (not started yet) as the current run of its workflow id. */
  createRun(
    request: WorkflowStartRequest,
    workflowId: string,
    options: Omit<RunOptions, 'hooks'> = {},
  ): WorkflowRun {
    const run = new WorkflowRun(this.runtime, request, workflowId, this.runtime.ids.next(), {
      ...options,
      hooks: this,
    });
    const runs = this.workflows.get(workflowId);
    if (runs) runs.push(run);
    else this.workflows.set(workflowId, [run]);
    this.runsInOrder.push(run);
    return run;
  }

  /** Starts one of the server's own helper workflows (`__IwfSystem_…`): no type, no states, a timeout. */
  startSystemRun(workflowId: string, timeoutSeconds: number): WorkflowRun {
    const request = {
      workflowId,
      iwfWorkflowType: '',
      iwfWorkerUrl: '',
      workflowTimeoutSeconds: timeoutSeconds,
    };
    const run = this.createRun(request, workflowId, { origin: 'system' });
    this.openRun(run);
    return run;
  }

  /** The server signals-with-start the state's helper workflow (see state-completion-workflows.ts). */
  stateCompleted(run: WorkflowRun, key: string): void {
    signalStateCompletionWorkflow(this, stateCompletionWorkflowId(run.workflowId, key));
  }

  /**
   * Continue-as-new (docs/semantics/lifecycle.md#can-1): the live run takes a new run id and carries everything on; its old id
   * stays describable as a closed CONTINUED_AS_NEW run whose journal keeps the old reset points.
   */
  continueAsNew(run: WorkflowRun): void {
    const frozen = run.continueAsNew(this.runtime.ids.next());
    const runs = this.workflows.get(run.workflowId)!;
    runs.splice(runs.length - 1, 0, frozen);
    this.runsInOrder.push(frozen);
    this.runtime.log(`workflow ${run.workflowId} continued as new: run ${frozen.runId} → ${run.runId}`);
  }

  /**
   * Seeds initial attributes, arms the workflow timeout and starts the first state, after the start
   * delay if any (docs/semantics/client-api.md#start-1, docs/semantics/lifecycle.md#timeout-1), and always after the start request has answered. Without a
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
      run.timers.schedule(() => startStateExecution(run, movement), delaySeconds * 1000);
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
    if (run.origin === 'client')
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
    if (timeoutSeconds > 0) run.timers.armTimeout(timeOutRun, timeoutSeconds * 1000, run);
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

function timeOutRun(run: WorkflowRun): void {
  run.close('TIMEOUT');
}
