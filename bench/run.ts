/**
 * The benchmark CLI: `npm run bench` prints a table, `npm run bench -- --json` one JSON array.
 * Options: `--only name,name` runs some scenarios, `--smoke` runs tiny sizes (seconds),
 * `--in-process` runs them all in this process (by default each runs in a fresh one).
 *
 * @example
 * node --expose-gc --import tsx bench/run.ts --json --only env-create
 */
import { formatTable, machine } from './format.ts';
import { runIsolated } from './isolated.ts';
import { canCollectGarbage } from './measure.ts';
import { BENCHMARKS, runSuite } from './suite.ts';
import type { BenchResult } from './types.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? '').split(',').filter(Boolean) : [];
const size = args.includes('--smoke') ? 'smoke' : 'full';
// Each scenario runs in a process of its own unless told otherwise (see bench/isolated.ts).
const inProcess = args.includes('--in-process');

if (!canCollectGarbage()) console.error('warning: run with node --expose-gc for exact heap numbers');
const startedAt = performance.now();
const hooks = {
  onStart: (name: string) => console.error(`running ${name} ...`),
  onResult: (r: BenchResult) =>
    console.error(`  ${r.name}: ${r.value} ${r.unit} (target ${r.target}${r.ok ? '' : ', MISSED'})`),
};
const names = only.length > 0 ? only : BENCHMARKS.map((bench) => bench.name);
const results =
  inProcess || names.length === 1
    ? await runSuite({ size, only: names, ...hooks })
    : await runIsolated(names, size, hooks);
const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
if (json) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const m = machine();
  console.log(`${m.cpus} x ${m.cpuModel}, node ${m.node}, load average ${m.loadAverage}; ${seconds} s\n`);
  console.log(formatTable(results));
}
if (results.some((r) => !r.ok)) process.exitCode = 1;
