import type {
  EncodedObject,
  StateCompletionOutput,
  WorkflowConfig,
  WorkflowErrorType,
  WorkflowStartRequest,
  WorkflowStatus,
} from '../../../sdk/wire/types.ts';
import { HistoryLog } from '../../history/history.ts';
import { LockTable } from '../attributes/locks.ts';
import { PersistenceStore } from '../attributes/persistence.ts';
import { ChannelSet } from '../commands/channels.ts';
import type { CommandHost } from '../commands/command-wait.ts';
import { ExecutingStateIds } from '../threads/executing-state-ids.ts';
import { ExecutionCounters } from '../threads/execution-counters.ts';
import { LiveThreads } from '../threads/live-threads.ts';
import { refusedWorkflowTaskText } from './refused-workflow-task.ts';
import { RunJournal, type RunSnapshot, takeSnapshot } from './run-journal.ts';
import type { RunOrigin } from './run-origin.ts';
import type { RunOutcome } from './run-outcome.ts';
import { RunProgress } from './run-progress.ts';
import { RunTimers } from './run-timers.ts';
import type { EngineRuntime } from './runtime.ts';
import { WorkflowTaskGate } from './workflow-task-gate.ts';

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
 * How a run is created besides its request.
 *
 * @example
 * const options: RunOptions = { origin: 'client', requestId: 'r-1', hooks: engine };
 */
export interface RunOptions {
  origin?: RunOrigin;
  /** `workflowAlreadyStartedOptions.requestId` of the start. */
  requestId?: string | undefined;
  hooks?: RunHooks | undefined;
  /**
   * The run whose identity this one carries (the run a reset rebuilds, or the live run of a
   * continue-as-new for its closed stand-in): first run id, start time and request id (measured).
   */
  carriedFrom?: WorkflowRun | undefined;
}

/**
 * One run of a workflow and all its state (docs/semantics/execution.md#loop-2): status, outputs,
 * channels, data, locks, timers, threads
 * and the counters that decide a continue-as-new. Its parts (persistence, channels, threads, locks,
 * timers, history) are objects with their own rules; the run's own fields change only through its
 * methods, which keep them consistent (a run closes once; a continue-as-new moves it to a new run id
 * and leaves a closed stand-in for the old one; config objects are replaced, never changed).
 *
 * @example
 * const run = new WorkflowRun(runtime, request, 'wf-1', runId);
 * run.close('CANCELED');
 */
export class WorkflowRun implements CommandHost {
  readonly workflowType: string;
  readonly workerUrl: string;
  readonly origin: RunOrigin;
  readonly requestId: string | undefined;
  readonly hooks: RunHooks | undefined;
  readonly history: HistoryLog;
  readonly timers: RunTimers;
  /** Live threads in creation order, with where each stands (for reset checkpoints) and its wait. */
  readonly threads = new LiveThreads();
  readonly executionCounters = new ExecutionCounters();
  readonly progress = new RunProgress();
  readonly executingStateIds = new ExecutingStateIds();
  readonly persistence = new PersistenceStore();
  /** System search attributes (IwfWorkflowType): visible to searchattributes/get and search, not to workers. */
  readonly systemSearch = new PersistenceStore(false);
  readonly signals = new ChannelSet();
  readonly internalChannels = new ChannelSet();
  readonly locks = new LockTable();
  /** Open while a workflow task delivering locking RPCs runs (the workflow is frozen meanwhile). */
  readonly workflowTask = new WorkflowTaskGate();
  private currentRunId: string;
  private closing: RunOutcome | undefined = undefined;
  private readonly closingOutputs: StateCompletionOutput[] = [];
  /** Start of the workflow, as contexts carry it: kept across continue-as-new and resets (measured). */
  readonly startedAt: number;
  /** The run id state API contexts carry: the first run of a continue-as-new chain (docs/semantics/lifecycle.md#can-1). */
  readonly firstRunId: string;
  private runStartedAtMs: number;
  private currentJournal = new RunJournal(undefined);
  private currentConfig: WorkflowConfig;
  private refusal: string | undefined = undefined;
  private closeListeners: (() => void)[] | undefined;

  constructor(
    readonly runtime: EngineRuntime,
    readonly request: WorkflowStartRequest,
    readonly workflowId: string,
    runId: string,
    options: RunOptions = {},
  ) {
    this.currentRunId = runId;
    this.workflowType = request.iwfWorkflowType ?? '';
    this.workerUrl = (request.iwfWorkerUrl ?? '').replace(/\/$/, '');
    this.origin = options.origin ?? 'client';
    this.hooks = options.hooks;
    const carried = options.carriedFrom;
    this.requestId = carried ? carried.requestId : options.requestId;
    this.runStartedAtMs = runtime.clock.now();
    this.startedAt = carried ? carried.startedAt : this.runStartedAtMs;
    this.firstRunId = carried ? carried.firstRunId : runId;
    this.timers = new RunTimers(runtime.clock);
    this.history = runtime.recordHistory
      ? new HistoryLog(
          () => runtime.clock.now(),
          true,
          runtime.historyObserver && { source: this, observer: runtime.historyObserver },
        )
      : HistoryLog.DISABLED;
    this.currentConfig = {
      continueAsNewThreshold: 100,
      ...(request.workflowStartOptions?.workflowConfigOverride ?? {}),
    };
  }

  get runId(): string {
    return this.currentRunId;
  }
  get status(): WorkflowStatus {
    return this.closing === undefined ? 'RUNNING' : this.closing.status;
  }
  get isRunning(): boolean {
    return this.closing === undefined;
  }
  /** How the run closed; undefined while it runs. */
  get outcome(): RunOutcome | undefined {
    return this.closing;
  }
  /** The outputs of closing decisions, in order. */
  get outputs(): readonly StateCompletionOutput[] {
    return this.closingOutputs;
  }
  /** When this run id began: the start, or the continue-as-new that created it. */
  get runStartedAt(): number {
    return this.runStartedAtMs;
  }
  /** Reset points and re-appliable inputs of this run id. */
  get journal(): RunJournal {
    return this.currentJournal;
  }
  get config(): WorkflowConfig {
    return this.currentConfig;
  }
  /** Why every workflow task of this run fails (it makes no progress), when it does. */
  get workflowTaskRefusal(): string | undefined {
    return this.refusal;
  }

  now(): number {
    return this.runtime.clock.now();
  }

  /** A thread ended; the last one after a graceful completion was asked for closes the run (true). */
  threadEnded(): boolean {
    return this.progress.threadEnded() && this.close('COMPLETED');
  }

  /** Keeps the output of a closing decision; a null one is not kept (docs/semantics/execution.md#decisions-8). */
  addOutput(stateId: string, executionId: string, output: EncodedObject | undefined | null): void {
    if (output == null) return;
    this.closingOutputs.push({
      completedStateId: stateId,
      completedStateExecutionId: executionId,
      completedStateOutput: output,
    });
  }

  /** Replaces the config: a new object, never a change of the old one, which reset checkpoints share. */
  replaceConfig(config: WorkflowConfig): void {
    this.currentConfig = config;
  }

  /**
   * Every workflow task of the run fails from now on, as when Temporal refuses one: nothing more
   * happens, the run stays RUNNING until its timeout or a stop. The cause goes to history and log.
   */
  refuseWorkflowTasks(cause: string, executionId?: string): void {
    if (this.refusal !== undefined || !this.isRunning) return;
    const text = refusedWorkflowTaskText(cause);
    this.refusal = text;
    this.threads.abandonWaits();
    this.history.add('Diagnostic', executionId, { problem: text });
    this.runtime.log(`workflow ${this.workflowId} (${this.currentRunId}): ${text}`);
  }

  /** Starts a new journal (a reset rebuilds the run from `beginning`). */
  restartJournal(beginning: RunSnapshot | undefined): RunJournal {
    this.currentJournal = new RunJournal(beginning);
    return this.currentJournal;
  }

  /** Puts a snapshot's data into this fresh run (threads are resumed by the caller). */
  restore(snapshot: RunSnapshot): void {
    const data = snapshot.data;
    this.persistence.restore(data.persistence);
    this.signals.restoreBuffers(data.signals);
    this.internalChannels.restoreBuffers(data.internalChannels);
    this.closingOutputs.push(...data.outputs);
    this.progress.requestGracefulCompletion(data.gracefulCompletionRequested);
    this.currentConfig = { ...data.config };
  }

  /**
   * Continue-as-new: this live run takes `newRunId` and carries everything on; the returned closed
   * stand-in keeps the old run id as CONTINUED_AS_NEW, with the old journal and the data of then.
   */
  continueAsNew(newRunId: string): WorkflowRun {
    const oldRunId = this.currentRunId;
    const now = this.runtime.clock.now();
    const frozen = new WorkflowRun(this.runtime, this.request, this.workflowId, oldRunId, {
      origin: this.origin,
      hooks: this.hooks,
      carriedFrom: this,
    });
    frozen.closing = { status: 'CONTINUED_AS_NEW', closedAt: now };
    frozen.runStartedAtMs = this.runStartedAtMs;
    frozen.currentJournal = this.currentJournal;
    frozen.persistence.restore(this.persistence.mark());
    frozen.systemSearch.restore(this.systemSearch.mark());
    // The new run's history starts here: checkpoints before it belong to the old run id.
    this.persistence.rebase();
    this.currentRunId = newRunId;
    this.runStartedAtMs = now;
    // The new run starts the carried timers again from its own start, in whole seconds
    // (docs/semantics/execution.md#commands-5).
    for (let i = 0; i < this.threads.size; i++) this.threads.at(i).wait?.restartTimers();
    this.progress.continuedAsNew();
    this.currentJournal = new RunJournal({ ...takeSnapshot(this), counters: this.executionCounters.share() });
    this.history.add('ContinuedAsNew', undefined, { previousRunId: oldRunId, runId: newRunId });
    return frozen;
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
    if (this.closing !== undefined) return false;
    const closedAt = this.runtime.clock.now();
    this.closing = failure
      ? {
          status,
          closedAt,
          errorType: failure.errorType,
          errorMessage: failure.errorMessage || undefined,
          failureCarriesResults: failure.carriesResults === true,
        }
      : { status, closedAt };
    this.timers.cancelAll();
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
    this.runtime.log(`workflow ${this.workflowId} (${this.currentRunId}) ${status}${suffix}`);
    const listeners = this.closeListeners;
    this.closeListeners = undefined;
    if (listeners) for (const listener of listeners) listener();
    return true;
  }
}
