/**
 * `npm run fuzz -- [--count 10000] [--seed N] [--server URL] [--against URL] [--json file]`:
 * property-based fuzzing of the client API (and of worker answers, through RPCs) against the
 * simulator, or any server; with `--against`, a differential run that prints how often the two
 * servers agree and one example per class of disagreement.
 *
 * @example
 * npm run fuzz -- --against http://127.0.0.1:8811
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { httpWorkerTransport } from '../simulator/http/http-worker-transport.ts';
import { listenOrExplain } from '../simulator/http/listen.ts';
import { buildSimulatorServer } from '../simulator/http/server.ts';
import { Simulator } from '../simulator/simulator.ts';
import { httpSender } from './answers.ts';
import { fuzzIds } from './fuzz-ids.ts';
import { FuzzWorker } from './fuzz-worker.ts';
import { type FuzzReport, runFuzz } from './run.ts';

const usage = `Usage: npm run fuzz -- [--count 10000] [--seed N] [--server URL] [--against URL] [--json file]
  --server URL    fuzz this server (default: a simulator started here, virtual clock; with
                  --against, wall clock and --max-wait-seconds 12 like the reference server)
  --against URL   send every request to this server too and compare the answers
  --max-wait-seconds N  the started simulator's long-poll cap (default 12 with --against)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      seed: { type: 'string' },
      server: { type: 'string' },
      against: { type: 'string' },
      json: { type: 'string' },
      'max-wait-seconds': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const count = Number(values.count);
  const seed = values.seed === undefined ? randomBytes(4).readUInt32LE() : Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    console.error(`--count and --seed must be whole numbers\n\n${usage}`);
    return 2;
  }
  const worker = new FuzzWorker();
  const listening = await worker.listen();
  const differential = values.against !== undefined;
  const simulator = values.server
    ? undefined
    : new Simulator({
        workerTransport: httpWorkerTransport(),
        clock: differential ? 'wall' : 'virtual',
        maxWaitSeconds: Number(values['max-wait-seconds'] ?? (differential ? 12 : 60)),
      });
  const app = simulator ? buildSimulatorServer(simulator) : undefined;
  const serverUrl =
    values.server ??
    (await listenOrExplain(app!, { host: '127.0.0.1', port: 0 }, 'the simulator', '--server'));
  const prefix = `fz-${randomBytes(3).toString('hex')}`;
  console.log(
    `fuzzing ${serverUrl}${differential ? ` against ${values.against}` : ''}: ${count} requests, seed ${seed}, ids ${prefix}-*`,
  );
  try {
    const report = await runFuzz({
      send: httpSender(serverUrl),
      ...(differential ? { against: httpSender(values.against!) } : {}),
      worker,
      workerUrl: listening.url,
      ids: fuzzIds(prefix),
      count,
      seed,
      settle: () =>
        simulator && !differential
          ? simulator.runUntilIdle()
          : new Promise((resolve) => setTimeout(resolve, 2000)),
      onSlow: (request, ms, which) =>
        console.log(
          `  slow (${which}, ${ms} ms): ${request.method} ${request.path} ${request.rawBody.slice(0, 200)}`,
        ),
      onProgress: (done) => {
        if (done % 1000 === 0) console.log(`  ${done} requests`);
      },
    });
    printReport(report);
    if (values.json)
      await writeFile(values.json, `${JSON.stringify({ seed, serverUrl, ...report }, null, 2)}\n`);
    return report.violations.length > 0 ? 1 : 0;
  } finally {
    await app?.close();
    await simulator?.close();
    await new Promise((resolve) => listening.server.close(resolve));
  }
}

function printReport(report: FuzzReport): void {
  console.log(
    `${report.requests} requests (${report.wellFormed} well-formed, ${report.malformed} malformed) in ${(report.ms / 1000).toFixed(1)} s`,
  );
  const byKind = new Map<string, number>();
  for (const v of report.violations) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
  console.log(
    `violations: ${report.violations.length}${[...byKind].map(([kind, n]) => ` ${kind}=${n}`).join('')}`,
  );
  for (const v of report.violations.slice(0, 10))
    console.log(
      `  ${v.kind}: ${v.why}\n    ${v.request.method} ${v.request.path} ${v.request.rawBody.slice(0, 300)}`,
    );
  if (!report.agreement) return;
  const rate = ({ agreed, total }: { agreed: number; total: number }) =>
    `${agreed}/${total} = ${total === 0 ? '-' : ((100 * agreed) / total).toFixed(2)} %`;
  console.log(
    `agreement: malformed ${rate(report.agreement.malformed)}, well-formed ${rate(report.agreement.wellFormed)}`,
  );
  console.log(`${report.disagreements.length} classes of disagreement (one example each):`);
  for (const d of report.disagreements) {
    console.log(`  [${d.count}] ${d.key}`);
    console.log(`    request: ${d.request.method} ${d.request.path} ${d.request.rawBody.slice(0, 300)}`);
    if (d.request.workerAnswer)
      console.log(`    worker answer: ${d.request.workerAnswer.answer.text.slice(0, 300)}`);
    console.log(`    this:    ${d.server.slice(0, 300)}`);
    console.log(`    against: ${d.against.slice(0, 300)}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
