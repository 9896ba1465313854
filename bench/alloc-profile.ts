/**
 * Where the sign-up workload allocates: runs `workflows` sign-ups through `reminders` reminders each
 * (in-process, history off) under V8's sampling heap profiler, garbage included, and prints the
 * bytes allocated per state execution by function and by file.
 *
 * @example
 * node --import tsx bench/alloc-profile.ts 10000 24   # workflows, reminders; TOP=60 for more rows
 */
import { Session } from 'node:inspector/promises';
import { runSignups } from './scenarios/signup-throughput.ts';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const workflows = Number(process.argv[2] ?? 10_000);
const reminders = Number(process.argv[3] ?? 24);
const top = Number(process.env.TOP ?? 40);

await runSignups({ workflows: Math.min(workflows, 1_000), reminders: 5, recordHistory: false }); // warm-up
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 4096,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
const run = await runSignups({ workflows, reminders, recordHistory: false });
const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: ProfileNode } };
session.disconnect();

const root = new URL('..', import.meta.url).href;
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
const add = (map: Map<string, number>, key: string, bytes: number) =>
  map.set(key, (map.get(key) ?? 0) + bytes);
const walk = (node: ProfileNode, parent: ProfileNode | undefined) => {
  const file = node.callFrame.url.replace(root, '');
  const name = node.callFrame.functionName || '(anonymous)';
  // Built-ins (Map, push, …) have no file: name their caller instead.
  const where =
    file || `${parent?.callFrame.functionName ?? '?'} ${parent?.callFrame.url.replace(root, '') ?? ''}`;
  add(byFunction, `${name} ${file ? file : `<- ${where}`}`, node.selfSize);
  add(byFile, file || `(built-in) <- ${where}`, node.selfSize);
  total += node.selfSize;
  for (const child of node.children) walk(child, node);
};
walk(profile.head, undefined);

const perExecution = (bytes: number) =>
  Math.round(bytes / run.executions)
    .toString()
    .padStart(7);
console.log(
  `${workflows} workflows x ${reminders} reminders: ${run.executions} executions in ${Math.round(run.ms)} ms ` +
    `(profiler on); ${perExecution(total).trim()} B allocated per execution\n`,
);
console.log('B/exec  function');
for (const [key, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${perExecution(bytes)} ${key}`);
}
console.log('\nB/exec  file');
for (const [key, bytes] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${perExecution(bytes)} ${key}`);
}
