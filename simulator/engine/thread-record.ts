import type {
  CommandResults,
  KeyValue,
  StateMovement,
  WorkflowStateStartResponse,
} from '../../sdk/wire/types.ts';
import type { CommandProgress } from './command-wait.ts';

/** Where a state execution thread stands: what it calls or waits for next. */
export type ThreadPhase = 'waitUntil' | 'commands' | 'execute';

/**
 * The resumable position of one state execution thread: enough to restart it at the same phase
 * after a reset (semantics §2.13), without calling the worker for what already happened.
 *
 * @example
 * const record: ThreadRecord = { movement, stateId: 'S1', executionId: 'S1-1', phase: 'waitUntil' };
 */
export interface ThreadRecord {
  readonly movement: StateMovement;
  readonly stateId: string;
  readonly executionId: string;
  phase: ThreadPhase;
  waitUntilResponse?: WorkflowStateStartResponse;
  stateLocals?: KeyValue[];
  commandResults?: CommandResults;
  /** Commands completed so far, when the snapshot was taken during the command phase. */
  progress?: CommandProgress;
}

/**
 * A copy of a thread record that later progress of the live thread does not change.
 *
 * @example
 * const frozen = copyThreadRecord(record, run.activeWaits.get(record.executionId)?.progress());
 */
export function copyThreadRecord(record: ThreadRecord, progress: CommandProgress | undefined): ThreadRecord {
  const copy: ThreadRecord = { ...record };
  if (progress) copy.progress = progress;
  return copy;
}
