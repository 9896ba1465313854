import { createClock, type Clock as FakeClock } from '@sinonjs/fake-timers';
import type { ControllableClock, TimerHandle } from './clock.ts';
import { type TimerEntry, TimerHeap } from './timer-heap.ts';

/** Default start of virtual time: a fixed instant so runs are reproducible. */
export const DEFAULT_VIRTUAL_START_MS = Date.UTC(2025, 0, 1, 0, 0, 0);

/**
 * Virtual time: a private `@sinonjs/fake-timers` clock (never installed, no global is patched) keeps
 * "now" and offers a fake `Date`; our own heap orders timers, because the fake clock looks up the
 * next timer by scanning all of them and the simulator may hold tens of thousands.
 *
 * @example
 * const clock = new VirtualClock(Date.UTC(2025, 0, 1));
 * clock.setTimer(() => {}, 5_000);
 * clock.fireNext(); // now is 5 s later
 */
export class VirtualClock implements ControllableClock {
  readonly controllable = true as const;
  /** The underlying fake clock; its `Date` follows virtual time (for an opt-in Date fake). */
  readonly fake: FakeClock;
  private readonly heap = new TimerHeap();

  constructor(startMs: number = DEFAULT_VIRTUAL_START_MS) {
    this.fake = createClock(startMs);
  }

  now(): number {
    return this.fake.now;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    return this.heap.push(this.fake.now + delay, fn);
  }

  clearTimer(handle: TimerHandle): void {
    this.heap.remove(handle as TimerEntry);
  }

  nextDueTime(): number | undefined {
    return this.heap.peek()?.due;
  }

  fireNext(): boolean {
    const entry = this.heap.pop();
    if (!entry) return false;
    this.moveTo(entry.due);
    entry.fn();
    return true;
  }

  moveTo(epochMs: number): void {
    if (epochMs > this.fake.now) this.fake.setSystemTime(epochMs);
  }

  pendingTimers(): number {
    return this.heap.size;
  }

  /** Drops every pending timer (used when the simulator closes). */
  clearAll(): void {
    this.heap.clear();
  }
}
