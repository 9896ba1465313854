/**
 * The benchmark CLI: `npm run bench` prints a table, `npm run bench -- --json` one JSON array.
 * Options: `--only name,name` runs some scenarios, `--smoke` runs tiny sizes (seconds).
 *
 * @example
 * node --expose-gc --import tsx bench/run.ts --json --only env-create
 */
import { formatTable, machine } from './format.ts';
import { canCollectGarbage } from './measure.ts';
import { runSuite } from './suite.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? '').split(',').filter(Boolean) : [];
const size = args.includes('--smoke') ? 'smoke' : 'full';

if (!canCollectGarbage()) console.error('warning: run with node --expose-gc for exact heap numbers');
const startedAt = performance.now();
const results = await runSuite({
  size,
  only,
  onStart: (name) => console.error(`running ${name} ...`),
  onResult: (r) =>
    console.error(`  ${r.name}: ${r.value} ${r.unit} (target ${r.target}${r.ok ? '' : ', MISSED'})`),
});
const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
if (json) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const m = machine();
  console.log(`${m.cpus} x ${m.cpuModel}, node ${m.node}, load average ${m.loadAverage}; ${seconds} s\n`);
  console.log(formatTable(results));
}
if (results.some((r) => !r.ok)) process.exitCode = 1;
