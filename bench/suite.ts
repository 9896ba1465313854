import { binStartup } from './scenarios/bin-startup.ts';
import { envCreate } from './scenarios/env-create.ts';
import { httpMode } from './scenarios/http-mode.ts';
import { idleMemory } from './scenarios/idle-memory.ts';
import { liveLogCost } from './scenarios/live-log-cost.ts';
import { retentionMemory } from './scenarios/retention-memory.ts';
import { scaling } from './scenarios/scaling.ts';
import { signupConcurrent, signupRemindersSingle } from './scenarios/signup-throughput.ts';
import { timeSkipping } from './scenarios/time-skipping.ts';
import type { Benchmark, BenchResult, BenchSize } from './types.ts';

/**
 * Every benchmark of the suite, in the order they run.
 *
 * @example
 * BENCHMARKS.map((b) => b.name); // ['signup-reminders-single', 'signup-concurrent', ...]
 */
export const BENCHMARKS: readonly Benchmark[] = [
  signupRemindersSingle,
  signupConcurrent,
  idleMemory,
  retentionMemory,
  envCreate,
  httpMode,
  liveLogCost,
  scaling,
  timeSkipping,
  binStartup,
];

/**
 * Runs the benchmarks whose names are in `only` (all when empty), one after the other.
 *
 * @example
 * const results = await runSuite({ size: 'smoke', only: ['env-create'] });
 */
export async function runSuite(options: {
  size: BenchSize;
  only?: readonly string[];
  onStart?: (name: string) => void;
  onResult?: (result: BenchResult) => void;
}): Promise<BenchResult[]> {
  const only = options.only ?? [];
  const unknown = only.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}`);
  const results: BenchResult[] = [];
  for (const bench of BENCHMARKS) {
    if (only.length > 0 && !only.includes(bench.name)) continue;
    options.onStart?.(bench.name);
    for (const result of await bench.run(options.size)) {
      options.onResult?.(result);
      results.push(result);
    }
  }
  return results;
}
