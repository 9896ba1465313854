/** Options of `measure`. */
export interface MeasureOptions<T> {
  /** Unmeasured runs first (JIT warm-up, caches). */
  warmup: number;
  /** Measured runs; the median of them is reported. */
  repeats: number;
  /** One run; returns the number it measured (e.g. executions per second). */
  run: () => Promise<T>;
  /** The number of a run's outcome to take the median of. */
  value: (outcome: T) => number;
}

/** Median and spread of the measured runs, and the outcome of the median run. */
export interface Measured<T> {
  median: number;
  min: number;
  max: number;
  repeats: number;
  /** The outcome whose value is the median (the lower middle one for an even count). */
  outcome: T;
}

/**
 * Warms up, repeats, and reports the median of the measured runs.
 *
 * @example
 * const m = await measure({ warmup: 1, repeats: 5, run: () => timeIt(work), value: (ms) => ms });
 * m.median;
 */
export async function measure<T>(options: MeasureOptions<T>): Promise<Measured<T>> {
  for (let i = 0; i < options.warmup; i++) await options.run();
  const outcomes: { value: number; outcome: T }[] = [];
  for (let i = 0; i < options.repeats; i++) {
    const outcome = await options.run();
    outcomes.push({ value: options.value(outcome), outcome });
  }
  if (outcomes.length === 0) throw new Error('measure needs at least one repeat');
  outcomes.sort((a, b) => a.value - b.value);
  const middle = outcomes[(outcomes.length - 1) >> 1]!;
  return {
    median: middle.value,
    min: outcomes[0]!.value,
    max: outcomes[outcomes.length - 1]!.value,
    repeats: outcomes.length,
    outcome: middle.outcome,
  };
}

/**
 * Runs `work` and returns its wall time in ms.
 *
 * @example
 * const ms = await timeIt(() => env.advanceBy(hours(24)));
 */
export async function timeIt(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Collects garbage when node runs with `--expose-gc` (a no-op otherwise).
 *
 * @example
 * collectGarbage();
 * const before = process.memoryUsage().heapUsed;
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

/**
 * Whether `global.gc` is available (node `--expose-gc`).
 *
 * @example
 * if (!canCollectGarbage()) console.warn('heap numbers include garbage');
 */
export function canCollectGarbage(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}
