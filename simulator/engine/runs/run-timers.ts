import type { Clock, TimerHandle, TimerOwner } from '../../clock/clock.ts';
import { NonShrinkingList } from '../support/non-shrinking-list.ts';

/**
 * The timers of one workflow run on the simulator's clock. Retry backoffs and a start delay are
 * tracked here and cancelled when the run closes; the workflow timeout has its own slot; command
 * timers are held (and cancelled) by their command wait, so firing one touches nothing else of the
 * run. This object is the clock's owner of all of them: the clock fires timers of one owner one at
 * a time, those of different runs may fire in one batch.
 *
 * @example
 * const timers = new RunTimers(clock);
 * await timers.sleep(1_000);
 * timers.cancelAll();
 */
export class RunTimers implements TimerOwner {
  // Created on the first; a list that keeps its storage (a Set reallocated its table).
  private tracked: NonShrinkingList<TimerHandle> | undefined;
  private timeout: TimerHandle | undefined;

  constructor(private readonly clock: Clock) {}

  /** A timer cancelled when the run closes (a retry backoff, a start delay). */
  schedule(fn: () => void, delayMs: number): TimerHandle {
    const handle = this.clock.setTimer(fn, delayMs, this);
    this.tracked ??= new NonShrinkingList();
    this.tracked.push(handle);
    return handle;
  }

  /**
   * A timer its holder cancels (a command wait, which the run abandons when it closes). Not tracked:
   * firing it touches nothing else of the run, which matters when thousands of workflows take turns
   * and each turn's objects are out of the CPU's caches.
   */
  scheduleHeld<A>(fn: (arg: A) => void, delayMs: number, arg: A): TimerHandle {
    return this.clock.setTimer(fn, delayMs, this, arg);
  }

  unscheduleHeld(handle: TimerHandle): void {
    this.clock.clearTimer(handle);
  }

  /** Arms the workflow timeout (docs/semantics/lifecycle.md#timeout-1): `onTimeout(arg)` after `delayMs`. */
  armTimeout<A>(onTimeout: (arg: A) => void, delayMs: number, arg: A): void {
    this.timeout = this.clock.setTimer(onTimeout, delayMs, this, arg);
  }

  /** Resolves after `delayMs` of workflow time (never, if the run closes first). */
  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.schedule(resolve, delayMs));
  }

  /** Called by the clock right before one of these timers fires. */
  forgetTimer(handle: TimerHandle): void {
    this.tracked?.remove(handle);
  }

  /** Cancels the tracked timers and the timeout (the run closed); held timers are their holders'. */
  cancelAll(): void {
    const tracked = this.tracked;
    if (tracked) {
      for (let i = 0; i < tracked.size; i++) this.clock.clearTimer(tracked.at(i));
      tracked.clear();
    }
    if (this.timeout) this.clock.clearTimer(this.timeout);
    this.timeout = undefined;
  }
}
