import type {
  EncodedObject,
  StateCompletionOutput,
  StateMovement,
  WorkflowConfig,
  WorkflowRpcRequest,
} from '../../../sdk/wire/types.ts';
import type { Mutations } from '../attributes/mutations.ts';
import type { PersistenceMark, PersistenceStore } from '../attributes/persistence.ts';
import type { ChannelSet } from '../commands/channels.ts';
import type { LiveThreads } from '../threads/live-threads.ts';
import { stateIdOfExecution, type ThreadRecord } from '../threads/thread-record.ts';

/**
 * What a checkpoint reads of a workflow run.
 *
 * @example
 * const source: CheckpointSource = run;
 */
export interface CheckpointSource {
  readonly persistence: PersistenceStore;
  readonly signals: ChannelSet;
  readonly internalChannels: ChannelSet;
  readonly outputs: readonly StateCompletionOutput[];
  readonly progress: { readonly gracefulCompletionRequested: boolean };
  readonly config: WorkflowConfig;
  readonly threads: LiveThreads;
  /** The run's clock, epoch ms (a checkpoint notes when it was taken). */
  now(): number;
}

/**
 * What a run holds at one instant besides its threads: attributes, channel buffers, outputs and
 * config. Consecutive checkpoints share one object while none of it changes.
 *
 * @example
 * const data = takeRunData(run);
 */
export interface RunData {
  readonly persistence: PersistenceMark;
  readonly signals: ReadonlyMap<string, readonly (EncodedObject | undefined)[]> | undefined;
  readonly internalChannels: ReadonlyMap<string, readonly (EncodedObject | undefined)[]> | undefined;
  readonly outputs: readonly StateCompletionOutput[];
  readonly gracefulCompletionRequested: boolean;
  readonly config: WorkflowConfig;
  /** Channel versions the buffers were copied at (to tell whether they changed since). */
  readonly signalsVersion: number;
  readonly internalChannelsVersion: number;
}

/**
 * Everything a run holds at one instant that a reset must restore (docs/semantics/lifecycle.md#reset-2): its data and
 * where each thread stood.
 *
 * @example
 * const snapshot = takeSnapshot(run);
 * restoreSnapshot(freshRun, snapshot);
 */
export interface RunSnapshot {
  readonly data: RunData;
  /** Execution counters: in beginning snapshots only; a checkpoint's follow from the checkpoints before it. */
  readonly counters?: ReadonlyMap<string, number>;
  /** Where each thread stood: a lone thread's record is kept without an array (see `threadRecords`). */
  readonly threads: ThreadRecord | readonly ThreadRecord[];
}

/**
 * The thread records of a snapshot, as a list.
 *
 * @example
 * const launch = resumeThreads(run, threadRecords(checkpoint));
 */
export function threadRecords(snapshot: RunSnapshot): readonly ThreadRecord[] {
  const threads = snapshot.threads;
  return isRecordList(threads) ? threads : [threads];
}

function isRecordList(threads: RunSnapshot['threads']): threads is readonly ThreadRecord[] {
  return Array.isArray(threads);
}

/**
 * A client input that a reset re-applies after its point (Temporal re-applies signals, and iWF
 * sends all of these as signals, timer skips included; locking RPCs are updates, kept with their
 * request because a reset runs them again).
 *
 * @example
 * const input: JournalInput = { kind: 'signal', name: 'approve', value: {} };
 */
export type JournalInput =
  | { kind: 'signal'; name: string; value: EncodedObject }
  | {
      kind: 'mutations';
      mutations: Mutations;
      nextStates?: StateMovement[];
      update: boolean;
      /** The locking RPC (an update) whose answer these mutations are. */
      rpc?: WorkflowRpcRequest;
    }
  | { kind: 'config'; config: WorkflowConfig }
  | { kind: 'skipTimer'; executionId: string; commandId?: string; index?: number };

/**
 * One reset point: the instant a batch of state executions was started, right before their first
 * state API calls. A compact record: the run's data is shared with the previous checkpoint when
 * unchanged, thread records are shared with the live threads (they are immutable), and state ids
 * follow from the execution ids.
 *
 * @example
 * journal.checkpoints.find((c) => startedIds(c).includes('S2-4'));
 */
export interface Checkpoint extends RunSnapshot {
  /** When the batch started (epoch ms): the time of the workflow task a HISTORY_EVENT_TIME reset finds. */
  readonly at: number;
  /** The executions the batch started: one id kept without an array (see `startedIds`). */
  readonly executionIds: string | readonly string[];
  /** Number of journal inputs received before this point. */
  readonly inputCount: number;
}

/**
 * Per-run log of reset points and re-appliable inputs. Cleared on continue-as-new, as a Temporal
 * history is.
 *
 * @example
 * run.journal.recordInput({ kind: 'signal', name: 'go', value: {} });
 */
export class RunJournal {
  readonly checkpoints: Checkpoint[] = [];
  readonly inputs: JournalInput[] = [];

  /** `beginning` is undefined for a run started fresh, or the snapshot taken at continue-as-new. */
  constructor(readonly beginning: RunSnapshot | undefined) {}

  recordInput(input: JournalInput): void {
    this.inputs.push(input);
  }

  /** Takes back an input whose request failed, so no reset re-applies it. */
  forgetInput(input: JournalInput): void {
    const at = this.inputs.lastIndexOf(input);
    if (at >= 0) this.inputs.splice(at, 1);
  }

  /**
   * Records a reset point for executions just started together. It lives as long as the run, one
   * per step: a lone execution id and a lone thread are kept without arrays.
   */
  checkpoint(run: CheckpointSource, executionIds: readonly string[]): void {
    const previous = this.checkpoints[this.checkpoints.length - 1] ?? this.beginning;
    const threads = threadsOf(run);
    this.checkpoints.push({
      at: run.now(),
      executionIds: executionIds.length === 1 ? executionIds[0]! : executionIds.slice(),
      inputCount: this.inputs.length,
      data: takeRunData(run, previous?.data),
      threads: threads.length === 1 ? threads[0]! : threads,
    });
  }

  /** Execution counters at a checkpoint (undefined: at the beginning): derived from the ids started up to it. */
  countersAt(checkpoint: Checkpoint | undefined): Map<string, number> {
    const counters = new Map(this.beginning?.counters ?? []);
    if (!checkpoint) return counters;
    for (const each of this.checkpoints) {
      for (const id of startedIds(each))
        counters.set(stateIdOfExecution(id), Number(id.slice(id.lastIndexOf('-') + 1)));
      if (each === checkpoint) break;
    }
    return counters;
  }

  /** The first checkpoint that started the state id (or execution id); undefined when none. */
  find(by: 'stateId' | 'executionId', id: string): Checkpoint | undefined {
    for (const checkpoint of this.checkpoints)
      for (const executionId of startedIds(checkpoint))
        if ((by === 'stateId' ? stateIdOfExecution(executionId) : executionId) === id) return checkpoint;
    return undefined;
  }
}

/**
 * The execution ids a checkpoint's batch started, as a list.
 *
 * @example
 * startedIds(checkpoint); // ['S2-1', 'S3-1']
 */
export function startedIds(checkpoint: Checkpoint): readonly string[] {
  const ids = checkpoint.executionIds;
  return typeof ids === 'string' ? [ids] : ids;
}

const NO_OUTPUTS: readonly StateCompletionOutput[] = [];

/**
 * The run's data now; `previous` itself when nothing changed since it was taken. Attribute values
 * are shared (upserts replace them, never mutate); channel buffers are copied when they changed.
 *
 * @example
 * const data = takeRunData(run, lastCheckpoint?.data);
 */
export function takeRunData(run: CheckpointSource, previous?: RunData): RunData {
  if (
    previous &&
    run.persistence.isAt(previous.persistence) &&
    previous.signalsVersion === run.signals.version &&
    previous.internalChannelsVersion === run.internalChannels.version &&
    previous.outputs.length === run.outputs.length &&
    previous.gracefulCompletionRequested === run.progress.gracefulCompletionRequested &&
    previous.config === run.config
  )
    return previous;
  return {
    persistence: run.persistence.mark(),
    signals: run.signals.copyBuffers(),
    internalChannels: run.internalChannels.copyBuffers(),
    outputs: run.outputs.length === 0 ? NO_OUTPUTS : run.outputs.slice(),
    gracefulCompletionRequested: run.progress.gracefulCompletionRequested,
    // Config updates replace the object, so sharing it is safe.
    config: run.config,
    signalsVersion: run.signals.version,
    internalChannelsVersion: run.internalChannels.version,
  };
}

/**
 * Everything a run holds now (at continue-as-new, the beginning of the next run id).
 *
 * @example
 * const snapshot = takeSnapshot(run);
 */
export function takeSnapshot(run: CheckpointSource): RunSnapshot {
  return { data: takeRunData(run), threads: threadsOf(run) };
}

// The live records (immutable); a thread waiting on commands gets a record with its wait's
// request and progress.
function threadsOf(run: CheckpointSource): ThreadRecord[] {
  const live = run.threads;
  const threads: ThreadRecord[] = new Array(live.size);
  for (let i = 0; i < live.size; i++) {
    const { record, wait } = live.at(i);
    threads[i] =
      record.phase === 'commands' && wait
        ? { ...record, commandRequest: wait.request(), progress: wait.progress() }
        : record;
  }
  return threads;
}
