import { createClock, type Clock as FakeClock } from '@sinonjs/fake-timers';
import type { ControllableClock, TimerHandle, TimerOwner } from './clock.ts';
import { type TimerEntry, TimerQueue } from './timer-queue.ts';

/**
 * Most timers one batch fires: enough to save most event-loop turns, few enough that the
 * executions they start do not pile up garbage that outlives the young generation (measured with
 * 10,000 sign-ups: 16 is ~15 % faster than 1; 10,000 at once is ~35 % slower).
 */
const MAX_BATCH = 16;

/**
 * Default start of virtual time, 2026-01-01T00:00:00Z: one fixed instant for the simulator, the CLI
 * and the harness, so histories and timestamps repeat run after run.
 */
export const DEFAULT_VIRTUAL_START_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

/**
 * Virtual time. A private `@sinonjs/fake-timers` clock (never installed, no global is patched) holds
 * "now" and offers `fake.Date`, a `Date` that follows virtual time. Timers do not go into its timer
 * heap but into the engine's own `TimerQueue`, for speed and for what the engine needs that the heap
 * does not offer: timers due at one instant share a bucket (on a virtual clock most do: workflows
 * started together wait in step), each timer knows its owner so `fireNextBatch` can fire
 * independent runs' timers in one turn, and `nextDueTime` peeks without firing. Measured with
 * `bench/timer-queue-vs-fake-timers.ts` (10,000 sign-ups, an hourly reminder each, every firing
 * setting the next reminder and setting and clearing a worker-call deadline), this queue fired ~10×
 * as many timers per second as fake-timers 15.5's `setTimeout`/`clearTimeout`/`next` (BENCHMARKS.md).
 *
 * @example
 * const clock = new VirtualClock(Date.UTC(2025, 0, 1));
 * clock.setTimer(() => {}, 5_000);
 * clock.fireNext(); // now is 5 s later
 */
export class VirtualClock implements ControllableClock {
  readonly controllable = true as const;
  /** The underlying fake clock (private: its type would make users install @types/sinonjs__fake-timers). */
  private readonly fake: FakeClock;
  private readonly queue = new TimerQueue();

  constructor(startMs: number = DEFAULT_VIRTUAL_START_MS) {
    this.fake = createClock(startMs);
  }

  now(): number {
    return this.fake.now;
  }

  setTimer(fn: () => void, delayMs: number, owner?: TimerOwner): TimerHandle;
  setTimer<A>(fn: (arg: A) => void, delayMs: number, owner: TimerOwner | undefined, arg: A): TimerHandle;
  setTimer(fn: (arg: unknown) => void, delayMs: number, owner?: TimerOwner, arg?: unknown): TimerHandle {
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    return this.queue.push(this.fake.now + delay, fn, owner, arg);
  }

  clearTimer(handle: TimerHandle): void {
    this.queue.remove(handle as TimerEntry);
  }

  nextDueTime(): number | undefined {
    return this.queue.peek()?.due;
  }

  fireNext(): boolean {
    const entry = this.queue.pop();
    if (!entry) return false;
    this.moveTo(entry.due);
    entry.owner?.forgetTimer(entry);
    entry.fn(entry.arg);
    return true;
  }

  fireNextBatch(): number {
    const first = this.queue.pop();
    if (!first) return 0;
    this.moveTo(first.due);
    first.owner?.forgetTimer(first);
    first.fn(first.arg);
    if (first.owner === undefined) return 1;
    let fired = 1;
    let owners: Set<TimerOwner> | undefined;
    for (;;) {
      const next = this.queue.peek();
      if (fired >= MAX_BATCH) break;
      if (!next || next.due !== first.due || next.owner === undefined || next.owner === first.owner) break;
      owners ??= new Set([first.owner]);
      if (owners.has(next.owner)) break;
      owners.add(next.owner);
      this.queue.pop();
      next.owner.forgetTimer(next);
      next.fn(next.arg);
      fired++;
    }
    return fired;
  }

  moveTo(epochMs: number): void {
    if (epochMs > this.fake.now) this.fake.setSystemTime(epochMs);
  }

  pendingTimers(): number {
    return this.queue.size;
  }

  /** Drops every pending timer (used when the simulator closes). */
  clearAll(): void {
    this.queue.clear();
  }
}
