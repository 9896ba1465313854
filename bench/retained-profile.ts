/**
 * What a state execution leaves alive until the workflow's next turn: runs `workflows` sign-ups to
 * their k-th reminder, takes a heap snapshot, lets every workflow run one more reminder, takes
 * another, and prints the objects of the second snapshot that the first did not have (allocated in
 * that round and still alive), per workflow, grouped by kind and by what holds them.
 *
 * @example
 * node --expose-gc --import tsx bench/retained-profile.ts 1000 [--history] [--start]   # workflows; TOP=40 for more rows
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { HOUR_MS, signupRig, startSignups } from './signup-fixture.ts';

interface Snapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[]];
      edge_fields: string[];
      edge_types: [string[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

const workflows = Number(process.argv[2] ?? 1_000);
const top = Number(process.env.TOP ?? 30);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const recordHistory = process.argv.includes('--history');
// --start: what starting the workflows leaves alive (each waiting on its first reminder), per workflow.
const startOnly = process.argv.includes('--start');
const rig = signupRig({ recordHistory });
if (!startOnly) {
  await startSignups(rig, workflows, 'user');
  await rig.advanceBy(3 * HOUR_MS);
}

// Both snapshots are written before either is read, so the second holds nothing of the first.
const snapshotFile = (name: string): string => {
  gc();
  gc();
  return writeHeapSnapshot(join(tmpdir(), `retained-${process.pid}-${name}.heapsnapshot`));
};
const read = (file: string): Snapshot => {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  rmSync(file);
  return parsed;
};

const beforeFile = snapshotFile('before');
const executionsBefore = rig.emails.total;
if (startOnly) await startSignups(rig, workflows, 'user');
else await rig.advanceBy(HOUR_MS);
const executions = startOnly ? workflows : rig.emails.total - executionsBefore;
const afterFile = snapshotFile('after');
const before = read(beforeFile);
const after = read(afterFile);

const { meta } = after.snapshot;
const nodeFieldCount = meta.node_fields.length;
const edgeFieldCount = meta.edge_fields.length;
const typeField = meta.node_fields.indexOf('type');
const nameField = meta.node_fields.indexOf('name');
const idField = meta.node_fields.indexOf('id');
const sizeField = meta.node_fields.indexOf('self_size');
const edgeCountField = meta.node_fields.indexOf('edge_count');
const edgeTypeField = meta.edge_fields.indexOf('type');
const edgeNameField = meta.edge_fields.indexOf('name_or_index');
const edgeToField = meta.edge_fields.indexOf('to_node');
const nodeTypes = meta.node_types[0];
const edgeTypes = meta.edge_types[0];

const oldIds = new Set<number>();
for (let i = 0; i < before.nodes.length; i += nodeFieldCount) oldIds.add(before.nodes[i + idField]!);

const nodes = after.nodes;
const label = (index: number): string => {
  const type = nodeTypes[nodes[index + typeField]!]!;
  const name = after.strings[nodes[index + nameField]!]!;
  return type === 'object' || type === 'closure'
    ? `${type} ${name}`
    : type === 'string'
      ? 'string'
      : `${type} ${name.slice(0, 40)}`;
};

// The first strong retainer of each node (holder's label and edge name), for "what holds them".
const holder = new Map<number, string>();
const holderNode = new Map<number, number>();
for (let node = 0, edge = 0; node < nodes.length; node += nodeFieldCount) {
  const count = nodes[node + edgeCountField]!;
  for (let e = 0; e < count; e++, edge += edgeFieldCount) {
    const to = after.edges[edge + edgeToField]!;
    if (holder.has(to)) continue;
    const edgeType = edgeTypes[after.edges[edge + edgeTypeField]!];
    if (edgeType === 'weak') continue;
    const nameOrIndex = after.edges[edge + edgeNameField]!;
    const edgeName =
      edgeType === 'element' || edgeType === 'hidden' ? `[${edgeType}]` : after.strings[nameOrIndex];
    holder.set(to, `${label(node)} .${edgeName}`);
    holderNode.set(to, node);
  }
}

const byKind = new Map<string, { count: number; bytes: number }>();
const byHolder = new Map<string, { count: number; bytes: number }>();
let total = 0;
const add = (map: typeof byKind, key: string, bytes: number) => {
  const entry = map.get(key) ?? { count: 0, bytes: 0 };
  entry.count++;
  entry.bytes += bytes;
  map.set(key, entry);
};
for (let i = 0; i < nodes.length; i += nodeFieldCount) {
  if (oldIds.has(nodes[i + idField]!)) continue;
  const bytes = nodes[i + sizeField]!;
  const kind = label(i);
  if (kind.startsWith('synthetic') || kind.startsWith('hidden system')) continue;
  total += bytes;
  add(byKind, kind, bytes);
  const up = holderNode.get(i);
  const second = up === undefined ? '' : ` <- ${holder.get(up) ?? 'older'}`;
  add(byHolder, `${kind} <- ${holder.get(i) ?? '?'}${second}`, bytes);
}

const per = (n: number) => (n / executions).toFixed(1).padStart(8);
console.log(
  startOnly
    ? `${workflows} sign-ups started, each waiting on its first reminder: ${per(total).trim()} B per workflow\n`
    : `${workflows} waiting sign-ups, one more reminder each (${executions} executions): ` +
        `${per(total).trim()} B per execution still alive at the next turn\n`,
);
const print = (title: string, map: typeof byKind) => {
  console.log(`   B/exec  objs/exec  ${title}`);
  for (const [key, { count, bytes }] of [...map].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top))
    console.log(`${per(bytes)} ${per(count)}   ${key}`);
  console.log();
};
print('kind', byKind);
print('kind <- holder <- its holder', byHolder);
await rig.close();
