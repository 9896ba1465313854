import type { FastifyInstance } from 'fastify';
import { Client, fetchTransport, Registry, WorkerService } from 'iwf-ts/sdk';
import { httpWorkerTransport, Simulator } from 'iwf-ts/simulator';
import { buildSimulatorServer } from 'iwf-ts/simulator/http';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSignupApp } from './app.ts';
import { RecordingEmailSender } from './emails.ts';
import { createSignupWorkflow } from './signup-workflow.ts';

const DAY_MS = 24 * 3600 * 1000;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const address = (app: FastifyInstance) =>
  `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

/** The sign-up app as `SIMULATOR_CLOCK=skip npm start` runs it: both over HTTP, the simulator skipping. */
async function signupOnSkippingSimulator() {
  const simulator = new Simulator({ clock: 'skip', workerTransport: httpWorkerTransport() });
  const server = buildSimulatorServer(simulator);
  await server.listen({ host: '127.0.0.1', port: 0 });
  closers.push(
    () => simulator.close(),
    () => server.close(),
  );
  const emails = new RecordingEmailSender(() => simulator.now());
  const workflow = createSignupWorkflow({ emails, reminderIntervalSeconds: 24 * 3600 });
  const registry = new Registry().addWorkflow(workflow);
  // The app's client only waits here (/signup/result); the test starts the sign-up with the worker URL.
  const app = buildSignupApp({
    client: new Client(registry, { transport: fetchTransport(address(server)) }),
    workflow,
    workerService: new WorkerService(registry),
    workflowTimeoutSeconds: 30 * 24 * 3600,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  closers.push(() => app.close());
  const client = new Client(registry, {
    transport: fetchTransport(address(server)),
    workerUrl: address(app),
  });
  return { simulator, emails, app, client, workflow };
}

describe('the sign-up app on the skipping clock', () => {
  it('sends every daily reminder of a 30-day sign-up at its own instant, then times out, to a client waiting for the result', async () => {
    const { simulator, emails, app, client, workflow } = await signupOnSkippingSimulator();
    const startedAt = simulator.now();
    await client.startWorkflow(workflow, 'ada', 30 * 24 * 3600, {
      username: 'ada',
      email: 'ada@example.com',
      firstname: 'Ada',
      lastname: 'Lovelace',
    });
    const outcome = await app.inject({ method: 'GET', url: '/signup/result?username=ada' });
    expect(outcome.body).toBe('timed out: ada never verified');
    expect(simulator.now() - startedAt).toBeGreaterThanOrEqual(30 * DAY_MS);
    // The 30th reminder's timer starts a few ms after day 29's, so the timeout at day 30 comes first.
    const reminders = emails.ofKind('reminder').map((email) => email.at!);
    expect(reminders).toHaveLength(29);
    let previous = startedAt;
    for (const at of reminders) {
      // Each a day after the one before, plus the few ms of the steps in between: never early.
      expect(at - previous).toBeGreaterThanOrEqual(DAY_MS);
      expect(at - previous).toBeLessThan(DAY_MS + 1_000);
      previous = at;
    }
    expect(emails.ofKind('welcome')).toHaveLength(0);
  });
});
