import type { Clock, TimerHandle, TimerOwner } from './clock.ts';

// Captured at load so a test that fakes globals later cannot stall the simulator's real timers.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realDateNow = Date.now;
/** Node fires a longer setTimeout at once (TimeoutOverflowWarning): long timers go in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** A wall-clock timer: the real timeout currently armed for it (it changes on long delays). */
interface WallTimer {
  timeout: ReturnType<typeof setTimeout> | undefined;
}

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
  private readonly pending = new Set<WallTimer>();

  constructor(private readonly speed = 1) {
    if (!(speed > 0)) throw new Error(`WallClock speed must be > 0, got ${speed}`);
  }

  now(): number {
    if (this.speed === 1) return realDateNow();
    return Math.floor(this.realStart + (realDateNow() - this.realStart) * this.speed);
  }

  setTimer(fn: () => void, delayMs: number, owner?: TimerOwner): TimerHandle;
  setTimer<A>(fn: (arg: A) => void, delayMs: number, owner: TimerOwner | undefined, arg: A): TimerHandle;
  setTimer(fn: (arg: unknown) => void, delayMs: number, owner?: TimerOwner, arg?: unknown): TimerHandle {
    const timer: WallTimer = { timeout: undefined };
    const dueReal = realDateNow() + Math.max(0, delayMs) / this.speed;
    const arm = () => {
      const wait = Math.max(0, dueReal - realDateNow());
      timer.timeout = realSetTimeout(
        () => {
          if (wait > MAX_TIMEOUT_MS) return arm();
          this.pending.delete(timer);
          owner?.forgetTimer(timer);
          fn(arg);
        },
        Math.min(wait, MAX_TIMEOUT_MS),
      );
    };
    arm();
    this.pending.add(timer);
    return timer;
  }

  clearTimer(handle: TimerHandle): void {
    const timer = handle as WallTimer;
    this.pending.delete(timer);
    if (timer.timeout !== undefined) realClearTimeout(timer.timeout);
  }

  /** Cancels all timers still pending (used when the simulator closes). */
  clearAll(): void {
    for (const timer of this.pending) if (timer.timeout !== undefined) realClearTimeout(timer.timeout);
    this.pending.clear();
  }
}
