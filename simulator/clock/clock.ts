/**
 * The simulator's notion of time: every timer of the engine (durable timers, retry backoff, start
 * delays, workflow timeouts, long-poll deadlines, worker call timeouts) goes through a `Clock`.
 *
 * @example
 * const handle = clock.setTimer(() => console.log('fired'), 1_000);
 * clock.clearTimer(handle);
 */

/** An opaque handle of a scheduled timer. */
export type TimerHandle = object;

/**
 * Who a timer belongs to (a workflow run): told when one of its timers fires, so it can forget the
 * handle without a wrapper closure per timer.
 *
 * @example
 * const owner: TimerOwner = { forgetTimer: (handle) => pending.delete(handle) };
 */
export interface TimerOwner {
  forgetTimer(handle: TimerHandle): void;
  /**
   * True for timers nobody waits for (the server-side cap of a long poll): a skipping clock never
   * jumps to them, it fires them on the way when it jumps to a later timer, or when they come due.
   */
  readonly passive?: boolean;
  /**
   * True for the pause before a workflow step (the simulated step latency): time no workflow asked
   * to wait, so a skipping clock's settle skips it where it keeps every workflow timer.
   */
  readonly stepPause?: boolean;
}

/**
 * A source of time that can schedule callbacks.
 *
 * @example
 * const startedAt = clock.now();
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /**
   * Runs `fn` once `delayMs` milliseconds of this clock's time have passed (a timer is due at
   * `now() + delayMs`). `owner` (a workflow run) is
   * told right before `fn` runs, and tells a controllable clock which timers are independent: due
   * at the same instant, timers of different owners may fire in one batch, those of one owner
   * always fire one at a time.
   */
  setTimer(fn: () => void, delayMs: number, owner?: TimerOwner): TimerHandle;
  /**
   * Like `setTimer`, calling `fn(arg)`: a shared function and its argument instead of a closure per
   * timer (a waiting workflow's timer lives until it fires, often across many other workflows' steps).
   */
  setTimer<A>(fn: (arg: A) => void, delayMs: number, owner: TimerOwner | undefined, arg: A): TimerHandle;
  /** Cancels a timer; cancelling a fired or cancelled timer does nothing. */
  clearTimer(handle: TimerHandle): void;
}

/**
 * A clock whose time moves only when told to: the simulator's virtual clock.
 *
 * @example
 * if (isControllableClock(clock)) clock.fireNext();
 */
export interface ControllableClock extends Clock {
  readonly controllable: true;
  /** Due time of the earliest pending timer, or undefined when none is pending. */
  nextDueTime(): number | undefined;
  /** Moves time to the earliest pending timer (never backwards) and fires it; false when none. */
  fireNext(): boolean;
  /**
   * Like `fireNext`, then also fires the timers due at that same instant that have an owner, as long
   * as no owner repeats; returns how many fired (0 when none was pending).
   */
  fireNextBatch(): number;
  /** Moves time forward to `epochMs` without firing anything (no-op when in the past). */
  moveTo(epochMs: number): void;
  /** Number of pending timers. */
  pendingTimers(): number;
}

/**
 * Tells a controllable (virtual) clock from a real one.
 *
 * @example
 * if (isControllableClock(clock)) await advance(clock);
 */
export function isControllableClock(clock: Clock): clock is ControllableClock {
  return (clock as Partial<ControllableClock>).controllable === true;
}
