import type { Clock, TimerHandle } from './clock.ts';

// Captured at load so a test that fakes globals later cannot stall the simulator's real timers.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realDateNow = Date.now;

/**
 * Real time, optionally accelerated: with `speed` 10 a 5 s timer fires after 0.5 s of real time and
 * `now()` moves ten times as fast, starting from the real time at construction.
 *
 * @example
 * const clock = new WallClock(10);
 * clock.setTimer(() => console.log('5 virtual seconds later'), 5_000);
 */
export class WallClock implements Clock {
  private readonly realStart = realDateNow();
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly speed = 1) {
    if (!(speed > 0)) throw new Error(`WallClock speed must be > 0, got ${speed}`);
  }

  now(): number {
    if (this.speed === 1) return realDateNow();
    return Math.floor(this.realStart + (realDateNow() - this.realStart) * this.speed);
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const handle = realSetTimeout(() => {
      this.pending.delete(handle);
      fn();
    }, Math.max(0, ms) / this.speed);
    this.pending.add(handle);
    return handle;
  }

  clearTimer(handle: TimerHandle): void {
    const timeout = handle as ReturnType<typeof setTimeout>;
    this.pending.delete(timeout);
    realClearTimeout(timeout);
  }

  /** Cancels all timers still pending (used when the simulator closes). */
  clearAll(): void {
    for (const handle of this.pending) realClearTimeout(handle);
    this.pending.clear();
  }
}
