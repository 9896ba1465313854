import type { ControllableClock, TimerHandle, TimerOwner } from './clock.ts';
import { type TimerEntry, TimerQueue } from './timer-queue.ts';

// Captured at load so a test that fakes globals later cannot stall or bend the clock.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetImmediate = globalThis.setImmediate;
const realDateNow = Date.now;
const realPerformance = globalThis.performance;
/** Node fires a longer setTimeout at once (TimeoutOverflowWarning): long waits are re-armed. */
const MAX_TIMEOUT_MS = 2_147_483_647;
/**
 * Node fires a timeout up to a ms before `performance.now()` says it is due. A timer whose real
 * timeout fired is taken as come due when it is that close: the clock moves the last fraction of a
 * ms to its instant (it never fires before it), so it still fires before a real timeout set for the
 * same moment right after it (a worker call's own deadline in the HTTP transport).
 */
const REAL_TIMER_SLACK_MS = 2;
/** Most timers one skip fires at one instant (as the virtual clock's batches). */
const MAX_BATCH = 16;

/**
 * Time that runs as the wall clock and can jump forward: `now()` is real time (monotonic) plus
 * everything skipped so far. Timers fire when real time reaches them, or earlier in real time when
 * the simulator skips to them because it is idle and a client waits; never before their instant on
 * this clock, and always in (due time, creation) order. Timers whose owner is `passive` (long-poll
 * caps) are never a skip's target: a skip to a later timer fires them on the way, at their own
 * instants.
 *
 * @example
 * const clock = new SkippingClock();
 * clock.setTimer(() => console.log('a day later, at once'), 86_400_000);
 * clock.skipToNextActiveTimer(); // now() is a day later
 */
export class SkippingClock implements ControllableClock {
  readonly controllable = true as const;
  private readonly sequence = { next: 0 };
  /** Timers a skip may jump to. */
  private readonly active = new TimerQueue(this.sequence);
  /** Timers of passive owners: fired on the way, never jumped to. */
  private readonly passive = new TimerQueue(this.sequence);
  private readonly startMs: number;
  private readonly startPerf = realPerformance.now();
  private skippedMs = 0;
  private armed: { due: number; cancel: () => void } | undefined;
  private closed = false;

  /** @param startMs the clock's time now (default: the real time). */
  constructor(startMs: number = realDateNow()) {
    this.startMs = startMs;
  }

  now(): number {
    return Math.floor(this.startMs + (realPerformance.now() - this.startPerf) + this.skippedMs);
  }

  /** Milliseconds jumped over so far (how much waiting the skips saved). */
  get skipped(): number {
    return this.skippedMs;
  }

  setTimer(fn: () => void, ms: number, owner?: TimerOwner): TimerHandle;
  setTimer<A>(fn: (arg: A) => void, ms: number, owner: TimerOwner | undefined, arg: A): TimerHandle;
  setTimer(fn: (arg: unknown) => void, ms: number, owner?: TimerOwner, arg?: unknown): TimerHandle {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const queue = owner?.passive ? this.passive : this.active;
    const entry = queue.push(this.now() + delay, fn, owner, arg);
    if (!this.armed || entry.due < this.armed.due) this.arm();
    return entry;
  }

  clearTimer(handle: TimerHandle): void {
    const entry = handle as TimerEntry;
    this.active.remove(entry);
    this.passive.remove(entry);
  }

  nextDueTime(): number | undefined {
    return this.earliest()?.entry.due;
  }

  /** Due time of the earliest timer a skip may jump to (passive ones left out). */
  nextSkipTarget(): number | undefined {
    return this.active.peek()?.due;
  }

  /** Whether the next timer a skip would jump to is a step pause (see `TimerOwner.stepPause`). */
  nextSkipIsStepPause(): boolean {
    return this.active.peek()?.owner?.stepPause === true;
  }

  fireNext(): boolean {
    const next = this.earliest();
    if (!next) return false;
    next.queue.pop();
    this.fire(next.entry);
    this.arm();
    return true;
  }

  fireNextBatch(): number {
    const next = this.earliest();
    if (!next) return 0;
    if (next.queue === this.passive) {
      next.queue.pop();
      this.fire(next.entry);
      this.arm();
      return 1;
    }
    const fired = this.fireActiveBatch();
    this.arm();
    return fired;
  }

  /**
   * The first half of a skip: fires the passive timers due before the next active timer, each at
   * its own instant; returns how many fired. Let their callbacks' promise chains run (what a long
   * poll answers is decided at its own instant), then call `skipToNextActiveTimer`.
   */
  firePassiveTimersBeforeNextActive(): number {
    const target = this.active.peek();
    if (!target) return 0;
    let fired = 0;
    for (;;) {
      const passive = this.passive.peek();
      if (!passive || !comesFirst(passive, target)) break;
      this.passive.pop();
      this.fire(passive);
      fired++;
    }
    if (fired > 0) this.arm();
    return fired;
  }

  /**
   * The skip itself: jumps to the next active timer and fires it, with the independent timers due
   * at the same instant. Passive timers it jumps over fire right after (late, never early): those
   * were created after `firePassiveTimersBeforeNextActive`. Returns how many active timers fired
   * (0 when none is pending: nothing to skip to).
   */
  skipToNextActiveTimer(): number {
    const fired = this.fireActiveBatch();
    this.arm();
    return fired;
  }

  moveTo(epochMs: number): void {
    // The armed real timeout was measured from the old now: it would fire late.
    if (this.jumpTo(epochMs) && this.armed) this.arm();
  }

  pendingTimers(): number {
    return this.active.size + this.passive.size;
  }

  /** Drops every pending timer and stops firing (used when the simulator closes). */
  clearAll(): void {
    this.closed = true;
    this.armed?.cancel();
    this.armed = undefined;
    this.active.clear();
    this.passive.clear();
  }

  private earliest(): { entry: TimerEntry; queue: TimerQueue } | undefined {
    const active = this.active.peek();
    const passive = this.passive.peek();
    if (!passive) return active && { entry: active, queue: this.active };
    if (!active || comesFirst(passive, active)) return { entry: passive, queue: this.passive };
    return { entry: active, queue: this.active };
  }

  /** Moves now forward to `epochMs`; false when it is not in the future. */
  private jumpTo(epochMs: number): boolean {
    const now = this.now();
    if (epochMs <= now) return false;
    this.skippedMs += epochMs - now;
    return true;
  }

  private fire(entry: TimerEntry): void {
    this.jumpTo(entry.due);
    entry.owner?.forgetTimer(entry);
    entry.fn(entry.arg);
  }

  // Timers of different owners due at one instant are independent, so they fire together.
  private fireActiveBatch(): number {
    const first = this.active.pop();
    if (!first) return 0;
    this.fire(first);
    if (first.owner === undefined) return 1;
    const owners = new Set([first.owner]);
    let fired = 1;
    for (;;) {
      const next = this.active.peek();
      if (fired >= MAX_BATCH || !next || next.due !== first.due || next.owner === undefined) break;
      if (owners.has(next.owner)) break;
      const passive = this.passive.peek();
      if (passive && comesFirst(passive, next)) break;
      owners.add(next.owner);
      this.active.pop();
      this.fire(next);
      fired++;
    }
    return fired;
  }

  // One real timeout, for the earliest timer; when it comes due in real time, it fires like a
  // wall clock's timer, one per turn of the event loop.
  private arm(): void {
    this.armed?.cancel();
    this.armed = undefined;
    if (this.closed) return;
    const next = this.earliest();
    if (!next) return;
    const due = next.entry.due;
    const wait = due - this.now();
    const onTime = (): void => {
      this.armed = undefined;
      const first = this.earliest();
      if (first && first.entry.due <= this.now() + REAL_TIMER_SLACK_MS) {
        first.queue.pop();
        this.fire(first.entry);
      }
      this.arm();
    };
    if (wait <= 0) {
      let cancelled = false;
      realSetImmediate(() => {
        if (!cancelled) onTime();
      });
      this.armed = { due, cancel: () => (cancelled = true) };
    } else {
      const timeout = realSetTimeout(onTime, Math.min(wait, MAX_TIMEOUT_MS));
      this.armed = { due, cancel: () => realClearTimeout(timeout) };
    }
  }
}

/** Whether `a` fires before `b`: earlier due time, or created first at the same instant. */
function comesFirst(a: TimerEntry, b: TimerEntry): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
