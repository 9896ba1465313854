import type {
  EncodedObject,
  StateCompletionOutput,
  StateMovement,
  WorkflowConfig,
} from '../../sdk/wire/types.ts';
import type { Mutations } from './mutations.ts';
import type { PersistenceMark } from './persistence.ts';
import { copyThreadRecord, type ThreadRecord } from './thread-record.ts';
import type { WorkflowRun } from './workflow-run.ts';

/**
 * Everything a run holds at one instant that a reset must restore (semantics §2.13): attributes,
 * channel buffers, execution counters, outputs, config and where each thread stood.
 *
 * @example
 * const snapshot = takeSnapshot(run);
 * restoreSnapshot(freshRun, snapshot);
 */
export interface RunSnapshot {
  persistence: PersistenceMark;
  signals: Map<string, (EncodedObject | undefined)[]> | undefined;
  internalChannels: Map<string, (EncodedObject | undefined)[]> | undefined;
  /** Execution counters: in beginning snapshots only; a checkpoint's follow from the checkpoints before it. */
  counters?: ReadonlyMap<string, number>;
  outputs: StateCompletionOutput[];
  gracefulCompletionRequested: boolean;
  config: WorkflowConfig;
  threads: ThreadRecord[];
}

/**
 * A client input that a reset re-applies after its point (Temporal re-applies signals, and iWF
 * sends all of these as signals; locking RPCs are updates).
 *
 * @example
 * const input: JournalInput = { kind: 'signal', name: 'approve', value: {} };
 */
export type JournalInput =
  | { kind: 'signal'; name: string; value: EncodedObject }
  | { kind: 'mutations'; mutations: Mutations; nextStates?: StateMovement[]; update: boolean }
  | { kind: 'config'; config: WorkflowConfig };

/**
 * One reset point: the instant a batch of state executions was started, right before their first
 * state API calls.
 *
 * @example
 * journal.checkpoints.find((c) => c.executionIds.includes('S2-4'));
 */
export interface Checkpoint {
  executionIds: readonly string[];
  stateIds: readonly string[];
  /** Number of journal inputs received before this point. */
  inputCount: number;
  snapshot: RunSnapshot;
}

/**
 * Per-run log of reset points and re-appliable inputs. Cleared on continue-as-new, as a Temporal
 * history is, which bounds its size by the continue-as-new threshold.
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

  /** Records a reset point for executions just started together. */
  checkpoint(run: WorkflowRun, executionIds: readonly string[], stateIds: readonly string[]): void {
    this.checkpoints.push({
      executionIds,
      stateIds,
      inputCount: this.inputs.length,
      snapshot: takeSnapshot(run),
    });
  }

  /** Execution counters at a checkpoint (undefined: at the beginning): derived from the ids started up to it. */
  countersAt(checkpoint: Checkpoint | undefined): Map<string, number> {
    const counters = new Map(this.beginning?.counters ?? []);
    if (!checkpoint) return counters;
    for (const each of this.checkpoints) {
      for (let i = 0; i < each.executionIds.length; i++) {
        const id = each.executionIds[i]!;
        counters.set(each.stateIds[i]!, Number(id.slice(id.lastIndexOf('-') + 1)));
      }
      if (each === checkpoint) break;
    }
    return counters;
  }

  /** The first checkpoint that started the state id (or execution id); undefined when none. */
  find(by: 'stateId' | 'executionId', id: string): Checkpoint | undefined {
    for (const checkpoint of this.checkpoints)
      if ((by === 'stateId' ? checkpoint.stateIds : checkpoint.executionIds).includes(id)) return checkpoint;
    return undefined;
  }
}

const NO_OUTPUTS: StateCompletionOutput[] = [];

/**
 * Copies what a run holds now; thread records and channel buffers are copied, attribute values are
 * shared (upserts replace them, never mutate).
 *
 * @example
 * const snapshot = takeSnapshot(run);
 */
export function takeSnapshot(run: WorkflowRun): RunSnapshot {
  const threads: ThreadRecord[] = [];
  for (const record of run.threads.values())
    threads.push(copyThreadRecord(record, run.activeWaits.get(record.executionId)?.progress()));
  return {
    persistence: run.persistence.mark(),
    signals: run.signals.copyBuffers(),
    internalChannels: run.internalChannels.copyBuffers(),
    counters: undefined,
    outputs: run.outputs.length === 0 ? NO_OUTPUTS : run.outputs.slice(),
    gracefulCompletionRequested: run.gracefulCompletionRequested,
    // Config updates replace the object, so sharing it is safe.
    config: run.config,
    threads,
  };
}

/**
 * Puts a snapshot's data into a fresh run (threads are resumed by the caller).
 *
 * @example
 * restoreSnapshot(run, checkpoint.snapshot);
 */
export function restoreSnapshot(run: WorkflowRun, snapshot: RunSnapshot): void {
  run.persistence.restore(snapshot.persistence);
  run.signals.restoreBuffers(snapshot.signals);
  run.internalChannels.restoreBuffers(snapshot.internalChannels);
  run.outputs.push(...snapshot.outputs);
  run.gracefulCompletionRequested = snapshot.gracefulCompletionRequested;
  run.config = { ...snapshot.config };
}
