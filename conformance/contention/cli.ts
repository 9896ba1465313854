/**
 * `npm run contention -- [--server <url>] [--rpcs 100] [--concurrency 2,10] [--runs 1]`: the RPC
 * locking contention experiment. Sends `rpcs` locking RPCs that each increment a data attribute
 * under an exclusive lock, `concurrency` at a time, and prints how many were answered 200 and 450
 * and the final count. Without `--server` it runs against the simulator's HTTP server on the wall
 * clock, in this process.
 *
 * @example
 * npm run contention -- --server http://127.0.0.1:8811 --concurrency 2,10 --runs 2
 */
import { parseArgs } from 'node:util';
import { httpWorkerTransport } from '../../simulator/http/http-worker-transport.ts';
import { buildSimulatorServer } from '../../simulator/http/server.ts';
import { Simulator } from '../../simulator/simulator.ts';
import { RawClient } from '../client.ts';
import { ScenarioWorker } from '../kit/index.ts';
import { runPrefix } from '../runner.ts';
import { type IncrementOutcome, runIncrementExperiment } from './increment-experiment.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      rpcs: { type: 'string', default: '100' },
      concurrency: { type: 'string', default: '2,10' },
      runs: { type: 'string', default: '1' },
    },
  });
  const worker = await ScenarioWorker.start();
  const server = values.server ? { url: values.server, close: async () => {} } : await embeddedSimulator();
  try {
    console.log(`server ${values.server ?? `simulator (wall clock) at ${server.url}`}`);
    const client = new RawClient(server.url);
    const prefix = runPrefix();
    for (const concurrency of values.concurrency.split(',').map(Number)) {
      for (let run = 1; run <= Number(values.runs); run++) {
        const outcome = await runIncrementExperiment({
          client,
          worker,
          workflowId: `${prefix}-contention-${concurrency}-${run}`,
          rpcs: Number(values.rpcs),
          concurrency,
        });
        console.log(describeOutcome(outcome));
      }
    }
    return 0;
  } finally {
    await server.close();
    await worker.close();
  }
}

function describeOutcome(outcome: IncrementOutcome): string {
  const statuses = Object.entries(outcome.statuses)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');
  return `${outcome.concurrency} at a time: ${statuses}; final count ${outcome.finalCount} (${outcome.ms} ms)`;
}

async function embeddedSimulator(): Promise<{ url: string; close: () => Promise<void> }> {
  const simulator = new Simulator({
    clock: 'wall',
    maxWaitSeconds: 12,
    workerTransport: httpWorkerTransport(),
  });
  const app = buildSimulatorServer(simulator);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return {
    url,
    close: async () => {
      await simulator.close();
      await app.close();
    },
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
