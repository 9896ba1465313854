import type { ThreadRecord } from '../threads/thread-record.ts';
import type { JournalInput } from './run-journal.ts';
import type { WorkflowRun } from './workflow-run.ts';

/**
 * A timer skip as the workflow receives it (a system signal naming a state execution and a timer
 * by command id or index).
 *
 * @example
 * const skip: TimerSkip = { kind: 'skipTimer', executionId: 'S1-1', index: 0 };
 */
export type TimerSkip = Extract<JournalInput, { kind: 'skipTimer' }>;

// Skips that named no waiting timer when they arrived, per run (continue-as-new keeps the run
// object, and the server carries them over too). A WeakMap keeps runs free of a field only resets use.
const pendingSkips = new WeakMap<WorkflowRun, TimerSkip[]>();

/**
 * Delivers a timer skip that a reset re-applies: the server sends skips as signals, and a skip
 * whose timer does not exist yet (a reset to before the state waited) is held and applied when that
 * state's timers start, so a workflow whose timers were skipped skips them again (measured).
 *
 * @example
 * reapplyTimerSkip(run, { kind: 'skipTimer', executionId: 'S1-1', index: 0 });
 */
export function reapplyTimerSkip(run: WorkflowRun, skip: TimerSkip): void {
  run.journal.recordInput(skip);
  const wait = run.threads.find(skip.executionId)?.wait;
  if (wait?.skipTimer(skip.commandId, skip.index)) return;
  const held = pendingSkips.get(run);
  if (held) held.push(skip);
  else pendingSkips.set(run, [skip]);
}

/**
 * A command wait as far as skipping its timers goes.
 *
 * @example
 * const wait: SkippableWait = thread.wait;
 */
export interface SkippableWait {
  skipTimer(commandId: string | undefined, index: number | undefined): boolean;
}

/**
 * Applies the held skips of a state execution whose command wait just started (the server retries
 * its stale skips when a timer starts waiting); each skip is used once.
 *
 * @example
 * applyHeldTimerSkips(run, 'S1-1', wait);
 */
export function applyHeldTimerSkips(run: WorkflowRun, executionId: string, wait: SkippableWait): void {
  const held = pendingSkips.get(run);
  if (!held) return;
  for (let i = 0; i < held.length; i++) {
    const skip = held[i]!;
    if (skip.executionId !== executionId || !wait.skipTimer(skip.commandId, skip.index)) continue;
    held.splice(i--, 1);
  }
  if (held.length === 0) pendingSkips.delete(run);
}

/**
 * Holds again, in a run reset to a checkpoint, the skips received before that point whose state
 * had not started its timers yet: the server rebuilds its held skips by replaying the signals
 * before the point, so a reset to where such a state starts skips its timers again (measured).
 *
 * @example
 * holdSkipsPendingAt(fresh, journal.inputs.slice(0, checkpoint.inputCount), threadRecords(checkpoint));
 */
export function holdSkipsPendingAt(
  run: WorkflowRun,
  inputsBefore: readonly JournalInput[],
  threads: readonly ThreadRecord[],
): void {
  for (const input of inputsBefore) {
    if (input.kind !== 'skipTimer') continue;
    const waiting = threads.some((t) => t.executionId === input.executionId && t.phase === 'waitUntil');
    if (!waiting) continue;
    const held = pendingSkips.get(run);
    if (held) held.push(input);
    else pendingSkips.set(run, [input]);
  }
}
