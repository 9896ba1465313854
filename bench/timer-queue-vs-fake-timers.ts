/**
 * Why the virtual clock keeps its own timer queue instead of @sinonjs/fake-timers' timer heap:
 * both are driven the way a run of N sign-up workflows drives the clock (each workflow holds one
 * hourly reminder timer; each firing schedules the next reminder and sets and clears one worker-call
 * deadline), and the median firings per second of five rounds are printed. Results are in BENCHMARKS.md.
 *
 * @example
 * // node --import tsx bench/timer-queue-vs-fake-timers.ts 10000
 */
import { createClock } from '@sinonjs/fake-timers';
import { VirtualClock } from '../simulator/clock/virtual-clock.ts';

const workflows = Number(process.argv[2] ?? 10_000);
const firings = workflows * 20;
const HOUR = 3_600_000;

interface Driver {
  name: string;
  set(fn: (arg: number) => void, delayMs: number, arg: number): unknown;
  clear(handle: unknown): void;
  fireNext(): void;
}

function own(): Driver {
  const clock = new VirtualClock(0);
  return {
    name: 'VirtualClock (own TimerQueue)',
    set: (fn, delayMs, arg) => clock.setTimer(fn, delayMs, undefined, arg),
    clear: (handle) => clock.clearTimer(handle as object),
    fireNext: () => clock.fireNext(),
  };
}

function fake(): Driver {
  const clock = createClock(0);
  return {
    name: '@sinonjs/fake-timers clock',
    set: (fn, delayMs, arg) => clock.setTimeout(fn as (...args: unknown[]) => void, delayMs, arg),
    clear: (handle) => clock.clearTimeout(handle as ReturnType<typeof clock.setTimeout>),
    fireNext: () => clock.next(),
  };
}

function measure(driver: Driver): number {
  let fired = 0;
  const remind = (workflow: number): void => {
    fired++;
    driver.clear(driver.set(noop, 30_000, workflow));
    driver.set(remind, HOUR, workflow);
  };
  // Workflows start a few ms apart, as a batch of starts does.
  for (let i = 0; i < workflows; i++) driver.set(remind, HOUR + (i % 1000), i);
  const started = performance.now();
  while (fired < firings) driver.fireNext();
  return firings / ((performance.now() - started) / 1000);
}

function noop(): void {}

// Alternating rounds (the first of each warms up the JIT); the median of the others is printed.
const rounds: Record<string, number[]> = {};
for (let round = 0; round < 6; round++) {
  for (const make of [own, fake]) {
    const driver = make();
    const perSecond = measure(driver);
    if (round === 0) continue;
    rounds[driver.name] ??= [];
    rounds[driver.name]!.push(perSecond);
  }
}
for (const [name, values] of Object.entries(rounds)) {
  const sorted = values.sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const range = `${Math.round(sorted[0]!).toLocaleString('en-US')}–${Math.round(sorted[sorted.length - 1]!).toLocaleString('en-US')}`;
  console.log(
    `${name.padEnd(32)} ${Math.round(median).toLocaleString('en-US')} firings/s median (${range}), ${workflows} workflows`,
  );
}
