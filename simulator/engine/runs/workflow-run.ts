import type {
  StateCompletionOutput,
  WorkflowConfig,
  WorkflowErrorType,
  WorkflowStartRequest,
  WorkflowStatus,
} from '../../../sdk/wire/types.ts';
import type { TimerHandle, TimerOwner } from '../../clock/clock.ts';
import { HistoryLog } from '../../history/history.ts';
import { LockTable } from '../attributes/locks.ts';
import { PersistenceStore } from '../attributes/persistence.ts';
import { ChannelSet } from '../commands/channels.ts';
import type { CommandHost } from '../commands/command-wait.ts';
import { StableList } from '../support/non-shrinking-list.ts';
import { ExecutingStateIds } from '../threads/executing-state-ids.ts';
import { LiveThreads } from '../threads/live-threads.ts';
import { RunJournal } from './run-journal.ts';
import type { EngineRuntime } from './runtime.ts';

/**
 * What the engine does on behalf of a run.
 *
 * @example
 * run.hooks?.continueAsNew(run);
 */
export interface RunHooks {
  /** Continues the run as new under a fresh run id. */
  continueAsNew(run: WorkflowRun): void;
  /** A state registered for `/waitForStateCompletion` completed; `key` is `<stateId>_<waitForKey>` or its execution id. */
  stateCompleted(run: WorkflowRun, key: string): void;
}

/**
 * One run of a workflow and all its state (semantics §4): status, outputs, channels, data, locks,
 * pending timers, threads and the waiters of long polls.
 *
 * @example
 * const run = new WorkflowRun(runtime, request, 'wf-1', runId);
 * run.close('CANCELED');
 */
export class WorkflowRun implements CommandHost, TimerOwner {
  status: WorkflowStatus = 'RUNNING';
  errorType: WorkflowErrorType | undefined;
  errorMessage: string | undefined;
  /** True when `results` are part of the failure (force fail): served as `[]` even when empty. */
  failureCarriesResults = false;
  closedAt: number | undefined;
  readonly outputs: StateCompletionOutput[] = [];
  readonly workflowType: string;
  readonly workerUrl: string;
  /** Start of the workflow, as contexts carry it: kept across continue-as-new and resets (measured). */
  startedAt: number;
  /** When this run id began: the start, or the continue-as-new that created it. */
  runStartedAt: number;
  /** The run id state API contexts carry: the first run of a continue-as-new chain (§5.11). */
  firstRunId: string;
  /** Set on the closed stand-in of a run id that continued as new: the run that carries on. */
  continuedTo: WorkflowRun | undefined;
  /** Live threads in creation order, with where each stands (for reset checkpoints) and its wait. */
  readonly threads = new LiveThreads();
  journal = new RunJournal(undefined);
  /** Operations counted toward the continue-as-new threshold (§5.11). */
  operationCount = 0;
  continueAsNewRequested = false;
  stateApiCallsInFlight = 0;
  /** Locking RPCs accepted and not answered yet (running or waiting for their keys). */
  lockingRpcsInProgress = 0;
  /** What the engine does for a run (one object for every run): continue-as-new, state completions. */
  hooks: RunHooks | undefined;
  readonly executingStateIds = new ExecutingStateIds();
  /** Started by a cron schedule (such runs carry no IwfWorkflowType). */
  scheduled = false;
  /** One of the server's own helper workflows (`__IwfSystem_…`): no IwfWorkflowType, no states. */
  systemWorkflow = false;
  /** Why every workflow task of this run fails (it makes no progress), when it does. */
  stuck: string | undefined;
  readonly persistence = new PersistenceStore();
  /** System search attributes (IwfWorkflowType): visible to searchattributes/get and search, not to workers. */
  readonly systemSearch = new PersistenceStore(false);
  readonly signals = new ChannelSet();
  readonly internalChannels = new ChannelSet();
  readonly locks = new LockTable();
  readonly history: HistoryLog;
  config: WorkflowConfig;
  runningThreads = 0;
  gracefulCompletionRequested = false;
  requestId: string | undefined;
  private executionCounters = new Map<string, number>();
  private countersShared = false;
  // Retry backoffs and start delays (created on the first); a list that keeps its storage (a Set
  // reallocated its table). Command timers are their wait's, the timeout has its own field.
  private timers: StableList<TimerHandle> | undefined;
  private timeoutTimer: TimerHandle | undefined;
  private closeListeners: (() => void)[] | undefined;

  constructor(
    readonly runtime: EngineRuntime,
    readonly request: WorkflowStartRequest,
    readonly workflowId: string,
    public runId: string,
  ) {
    this.workflowType = request.iwfWorkflowType ?? '';
    this.workerUrl = (request.iwfWorkerUrl ?? '').replace(/\/$/, '');
    this.startedAt = runtime.clock.now();
    this.runStartedAt = this.startedAt;
    this.firstRunId = runId;
    this.continuedTo = undefined;
    this.history = runtime.recordHistory
      ? new HistoryLog(
          () => runtime.clock.now(),
          true,
          runtime.historyObserver && { source: this, observer: runtime.historyObserver },
        )
      : HistoryLog.DISABLED;
    this.config = {
      continueAsNewThreshold: 100,
      ...(request.workflowStartOptions?.workflowConfigOverride ?? {}),
    };
  }

  get isRunning(): boolean {
    return this.status === 'RUNNING';
  }

  now(): number {
    return this.runtime.clock.now();
  }

  /** Workflow time in Unix seconds, as contexts carry it. */
  nowSeconds(): number {
    return Math.floor(this.runtime.clock.now() / 1000);
  }

  /** A timer owned by this run: cancelled when the run closes; independent of other runs' timers. */
  schedule(fn: () => void, ms: number): TimerHandle {
    const handle = this.runtime.clock.setTimer(fn, ms, this);
    this.timers ??= new StableList();
    this.timers.push(handle);
    return handle;
  }

  /**
   * A timer of this run that its holder cancels (a command wait, which the run abandons when it
   * closes). Not tracked: firing it touches nothing else of the run, which matters when thousands
   * of workflows take turns and each turn's objects are out of the CPU's caches.
   */
  scheduleHeld<A>(fn: (arg: A) => void, ms: number, arg: A): TimerHandle {
    return this.runtime.clock.setTimer(fn, ms, this, arg);
  }

  unscheduleHeld(handle: TimerHandle): void {
    this.runtime.clock.clearTimer(handle);
  }

  /** Arms the workflow timeout (§2.1): the run closes as TIMEOUT after `ms`. */
  armTimeout(ms: number): void {
    this.timeoutTimer = this.runtime.clock.setTimer(timeOutRun, ms, this, this);
  }

  /** Called by the clock right before one of this run's timers fires. */
  forgetTimer(handle: TimerHandle): void {
    this.timers?.remove(handle);
  }

  unschedule(handle: TimerHandle): void {
    this.timers?.remove(handle);
    this.runtime.clock.clearTimer(handle);
  }

  /** Resolves after `ms` of workflow time (never, if the run closes first). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(resolve, ms));
  }

  /** Next execution id of a state: `<stateId>-<n>`, numbered per state id from 1 (§5.1). */
  nextExecutionId(stateId: string): string {
    if (this.countersShared) {
      this.executionCounters = new Map(this.executionCounters);
      this.countersShared = false;
    }
    const n = (this.executionCounters.get(stateId) ?? 0) + 1;
    this.executionCounters.set(stateId, n);
    // join builds one flat string (a template literal keeps two pieces alive in every checkpoint).
    return [stateId, n].join('-');
  }

  /** The execution counters now, frozen (copy on the next write). */
  shareExecutionCounters(): ReadonlyMap<string, number> {
    this.countersShared = true;
    return this.executionCounters;
  }

  restoreExecutionCounters(counters: ReadonlyMap<string, number>): void {
    this.executionCounters = new Map(counters);
    this.countersShared = false;
  }

  onClose(listener: () => void): () => void {
    this.closeListeners ??= [];
    this.closeListeners.push(listener);
    return () => {
      const list = this.closeListeners;
      if (!list) return;
      const index = list.indexOf(listener);
      if (index >= 0) list.splice(index, 1);
    };
  }

  /** Closes the run once; later calls do nothing and return false. */
  close(
    status: Exclude<WorkflowStatus, 'RUNNING'>,
    failure?: { errorType: WorkflowErrorType; errorMessage?: string; carriesResults?: boolean },
  ): boolean {
    if (this.status !== 'RUNNING') return false;
    this.status = status;
    this.closedAt = this.runtime.clock.now();
    if (failure) {
      this.errorType = failure.errorType;
      if (failure.errorMessage) this.errorMessage = failure.errorMessage;
      this.failureCarriesResults = failure.carriesResults === true;
    }
    const timers = this.timers;
    if (timers) {
      for (let i = 0; i < timers.size; i++) this.runtime.clock.clearTimer(timers.at(i));
      timers.clear();
    }
    if (this.timeoutTimer) this.runtime.clock.clearTimer(this.timeoutTimer);
    this.timeoutTimer = undefined;
    this.threads.abandonWaits();
    this.signals.clearWaiters();
    this.internalChannels.clearWaiters();
    this.history.add('WorkflowClosed', undefined, {
      status,
      errorType: failure?.errorType,
      errorMessage: failure?.errorMessage,
      outputs: this.outputs.length > 0 ? this.outputs : undefined,
    });
    const suffix = failure
      ? ` ${failure.errorType}${failure.errorMessage ? `: ${failure.errorMessage}` : ''}`
      : '';
    this.runtime.log(`workflow ${this.workflowId} (${this.runId}) ${status}${suffix}`);
    const listeners = this.closeListeners;
    this.closeListeners = undefined;
    if (listeners) for (const listener of listeners) listener();
    return true;
  }
}

function timeOutRun(run: WorkflowRun): void {
  run.close('TIMEOUT');
}
