import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../bench/suite.ts';
import type { BenchResult } from '../../bench/types.ts';

/** Benchmarks are not tests: this only checks that each runs (tiny sizes) and reports well-formed results. */
function expectWellFormed(result: BenchResult, scenario: string): void {
  expect(result.name.startsWith(scenario)).toBe(true);
  expect(typeof result.value).toBe('number');
  expect(Number.isFinite(result.value)).toBe(true);
  expect(result.unit).toMatch(/\S/);
  expect(result.target).toMatch(/\S/);
  expect(typeof result.ok).toBe('boolean');
  expect(() => JSON.parse(JSON.stringify(result))).not.toThrow();
}

describe('benchmark suite (smoke run, tiny sizes, no timing assertions)', () => {
  it('has every scenario of the issues, the live log cost included', () => {
    expect(BENCHMARKS.map((b) => b.name)).toEqual([
      'signup-reminders-single',
      'signup-concurrent',
      'idle-memory',
      'retention-memory',
      'env-create',
      'http-mode',
      'live-log',
      'scaling',
      'time-skipping',
      'bin-startup',
      'exploration-seeds',
    ]);
  });

  for (const bench of BENCHMARKS) {
    it(`runs ${bench.name} and returns well-formed results`, async () => {
      const results = await bench.run('smoke');
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) expectWellFormed(result, bench.name);
    });
  }
});
