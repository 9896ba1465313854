/**
 * One reported number of a benchmark, as printed in the table and in `--json`.
 *
 * @example
 * const r: BenchResult = { name: 'env-create', value: 0.4, unit: 'ms', target: '< 5 ms', ok: true };
 */
export interface BenchResult {
  /** Scenario name, with a `/variant` suffix when a scenario reports several numbers. */
  name: string;
  /** The median over the measured repetitions. */
  value: number;
  unit: string;
  /** The target in words (`>= 50000 exec/s`), or `report only` when the number has no target. */
  target: string;
  /** Whether the target is met (true for numbers reported without a target). */
  ok: boolean;
  /** Extra context: sizes, repetitions, spread, the other transports' numbers. */
  context?: Record<string, number | string | boolean>;
}

/**
 * Sizes of a run: `full` for `npm run bench`, `smoke` for the test suite (tiny, seconds).
 *
 * @example
 * const size: BenchSize = 'smoke';
 */
export type BenchSize = 'full' | 'smoke';

/**
 * A named benchmark scenario that returns one or more results.
 *
 * @example
 * const bench: Benchmark = { name: 'env-create', run: async (size) => [] };
 */
export interface Benchmark {
  name: string;
  run(size: BenchSize): Promise<BenchResult[]>;
}
