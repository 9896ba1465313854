import Fastify from 'fastify';
import { Client, fetchTransport, Registry, WorkerService } from '../../sdk/index.ts';
import { workerRoutes } from '../../sdk/worker/fastify.ts';
import { httpWorkerTransport } from '../../simulator/http/http-worker-transport.ts';
import { buildSimulatorServer } from '../../simulator/http/server.ts';
import { Simulator } from '../../simulator/simulator.ts';
import { createSignupWorkflow } from '../../workflows/signup/signup-workflow.ts';
import { measure, timeIt } from '../measure.ts';
import { CountingEmailSender } from '../signup-fixture.ts';
import type { Benchmark, BenchResult, BenchSize } from '../types.ts';

/** The target of the 30-day sign-up: "well under a second" of wall time. */
const TARGET_MS = 1_000;

/**
 * One sign-up with daily reminders until its timeout, on the simulator's HTTP server with
 * `clock: 'skip'` (what `npm run simulator -- --clock skip` serves), a fastify worker on loopback,
 * and a client that only waits for the result; returns the wall ms from start to the answer.
 *
 * @example
 * const ms = await skippedSignup(30);
 */
export async function skippedSignup(days: number): Promise<{ ms: number; reminders: number }> {
  const simulator = new Simulator({ clock: 'skip', workerTransport: httpWorkerTransport() });
  const server = buildSimulatorServer(simulator);
  const emails = new CountingEmailSender();
  const workflow = createSignupWorkflow({ emails, reminderIntervalSeconds: 24 * 3600 });
  const registry = new Registry().addWorkflow(workflow);
  const worker = Fastify({ forceCloseConnections: true });
  await worker.register(workerRoutes, { workerService: new WorkerService(registry) });
  try {
    await server.listen({ host: '127.0.0.1', port: 0 });
    await worker.listen({ host: '127.0.0.1', port: 0 });
    const url = (app: typeof server) => `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const client = new Client(registry, { transport: fetchTransport(url(server)), workerUrl: url(worker) });
    const form = { username: 'ada', email: 'ada@example.com', firstname: 'Ada', lastname: 'L' };
    const ms = await timeIt(async () => {
      await client.startWorkflow(workflow, 'ada', days * 24 * 3600, form);
      await client.waitForWorkflowCompletion('ada').catch(() => undefined);
    });
    return { ms, reminders: emails.reminder };
  } finally {
    await simulator.close();
    await server.close();
    await worker.close();
  }
}

/**
 * Scenario 7: time skipping over HTTP: the wall time of a 30-day sign-up with daily reminders
 * that times out, for a client waiting for its result on `--clock skip`.
 *
 * @example
 * const results = await timeSkipping.run('smoke');
 */
export const timeSkipping: Benchmark = {
  name: 'time-skipping',
  async run(size: BenchSize): Promise<BenchResult[]> {
    const days = size === 'full' ? 30 : 3;
    const runs = size === 'full' ? { warmup: 1, repeats: 5 } : { warmup: 0, repeats: 1 };
    const m = await measure({ ...runs, run: () => skippedSignup(days), value: (r) => r.ms });
    return [
      {
        name: 'time-skipping/signup-30-days',
        value: Math.round(m.median),
        unit: 'ms wall',
        target: `< ${TARGET_MS} ms`,
        ok: size === 'smoke' || m.median < TARGET_MS,
        context: { days, reminders: m.outcome.reminders, min: Math.round(m.min), max: Math.round(m.max) },
      },
    ];
  },
};
