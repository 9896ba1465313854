import { cpus, loadavg } from 'node:os';
import type { BenchResult } from './types.ts';

/**
 * The machine a run happened on, for the report.
 *
 * @example
 * machine().cpus; // 2
 */
export function machine(): { cpus: number; cpuModel: string; node: string; loadAverage: string } {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    node: process.version,
    loadAverage: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

/**
 * The results as an aligned text table: name, value, unit, target, ok.
 *
 * @example
 * console.log(formatTable(results));
 */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [
    ['benchmark', 'value', 'unit', 'target', 'ok'],
    ...results.map((r) => [r.name, r.value.toLocaleString('en-US'), r.unit, r.target, r.ok ? 'yes' : 'NO']),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
