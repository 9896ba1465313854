import type { CommandRequest, CommandResults, KeyValue, StateMovement } from '../../../sdk/wire/types.ts';
import type { CommandProgress } from '../commands/command-states.ts';

/** Where a state execution thread stands: what it calls or waits for next. */
export type ThreadPhase = 'waitUntil' | 'commands' | 'execute';

/**
 * The resumable position of one state execution thread: enough to restart it at the same phase
 * after a reset (docs/semantics/lifecycle.md#reset-2), without calling the worker for what already happened. Immutable:
 * a thread that moves on gets a new record, so reset checkpoints share records instead of copying.
 *
 * @example
 * const record: ThreadRecord = { movement, executionId: 'S1-1', phase: 'waitUntil' };
 */
export interface ThreadRecord {
  readonly movement: StateMovement;
  readonly executionId: string;
  readonly phase: ThreadPhase;
  /** The commands the waitUntil answer asked for (phase `commands`; none: proceed at once). */
  readonly commandRequest?: CommandRequest;
  readonly stateLocals?: KeyValue[];
  /** What execute is sent (phase `execute`, after commands or a failed waitUntil). */
  readonly commandResults?: CommandResults;
  /** Commands completed so far, when the snapshot was taken during the command phase. */
  readonly progress?: CommandProgress;
}

/**
 * The state id of a thread.
 *
 * @example
 * stateIdOf({ movement: { stateId: 'S1' }, executionId: 'S1-1', phase: 'execute' }); // 'S1'
 */
export function stateIdOf(record: ThreadRecord): string {
  return record.movement.stateId ?? '';
}

/**
 * The state id of an execution id (`<stateId>-<n>`).
 *
 * @example
 * stateIdOfExecution('Verify-State-12'); // 'Verify-State'
 */
export function stateIdOfExecution(executionId: string): string {
  return executionId.slice(0, executionId.lastIndexOf('-'));
}
