import Fastify from 'fastify';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { Client, fetchTransport, Registry, WorkerService } from '../sdk/index.ts';
import { workerRoutes } from '../sdk/worker/fastify.ts';
import { buildSimulatorServer } from '../simulator/http/index.ts';
import { type HistoryObserver, httpWorkerTransport, Simulator } from '../simulator/index.ts';
import { simulatorHandler } from '../simulator/msw/handlers.ts';
import { createHttpEnvironment } from '../testing/http-environment.ts';
import { inProcessWorkerTransport } from '../testing/in-process-environment.ts';
import { countedSignupWorkflow, type SignupRig } from './signup-fixture.ts';

/**
 * The sign-up workflow on the harness's `sim-http` backend: the simulator's HTTP server and a
 * fastify worker on loopback ports, the client over `fetch`, time moved through the admin routes.
 *
 * @example
 * const rig = await loopbackSignupRig();
 */
export async function loopbackSignupRig(): Promise<SignupRig> {
  const { workflow, emails } = countedSignupWorkflow();
  const env = await createHttpEnvironment({ workflows: [workflow], mode: 'sim-http' });
  const simulator = env.simulator;
  if (!simulator) throw new Error('the sim-http environment has no simulator');
  return {
    simulator,
    client: env.client,
    workflow,
    emails,
    advanceBy: (ms) => env.advanceBy(ms),
    settle: () => env.settle(),
    close: () => env.close(),
  };
}

const SERVER_URL = 'http://iwf.bench';
const WORKER_URL = 'http://worker.bench';

/**
 * The same setup through msw: the client `fetch`es the server URL and the simulator `fetch`es the
 * worker URL (its HTTP worker transport), and msw answers both in-process, with JSON bodies but
 * no sockets. Time moves on the simulator directly.
 *
 * @example
 * const rig = mswSignupRig();
 */
export function mswSignupRig(): SignupRig {
  return mswRig(true);
}

/**
 * msw for the client only, the worker in-process: how the project's app tests use msw (an app
 * that builds its client from a URL), so state executions never pass through msw.
 *
 * @example
 * const rig = mswClientSignupRig();
 */
export function mswClientSignupRig(): SignupRig {
  return mswRig(false);
}

function mswRig(workerThroughMsw: boolean): SignupRig {
  const { workflow, emails } = countedSignupWorkflow();
  const registry = new Registry().addWorkflows(workflow);
  const workerService = new WorkerService(registry);
  const simulator = new Simulator({
    clock: 'virtual',
    workerTransport: workerThroughMsw ? httpWorkerTransport() : inProcessWorkerTransport(workerService),
  });
  const worker = http.post(`${WORKER_URL}/*`, async ({ request }) => {
    const reply = await workerService.handle(new URL(request.url).pathname, await request.json());
    return HttpResponse.json(reply.body as Record<string, unknown>, { status: reply.status });
  });
  const server = setupServer(simulatorHandler(simulator, SERVER_URL), worker);
  server.listen({ onUnhandledRequest: 'error' });
  const client = new Client(registry, { transport: fetchTransport(SERVER_URL), workerUrl: WORKER_URL });
  return {
    simulator,
    client,
    workflow,
    emails,
    advanceBy: (ms) => simulator.advanceBy(ms),
    settle: () => simulator.runUntilIdle(),
    close: async () => {
      await simulator.close();
      server.close();
    },
  };
}

/**
 * The sign-up workflow on the simulator as `npm run simulator` runs it (HTTP server with the
 * page's exchange recording), with or without the live log, and a fastify worker on loopback.
 *
 * @example
 * const rig = await cliSignupRig(liveLog('text', stdoutLines(devNull)));
 */
export async function cliSignupRig(historyObserver: HistoryObserver | undefined): Promise<SignupRig> {
  const { workflow, emails } = countedSignupWorkflow();
  const registry = new Registry().addWorkflows(workflow);
  const simulator = new Simulator({
    clock: 'virtual',
    workerTransport: httpWorkerTransport(),
    historyObserver,
    recordExchanges: true,
  });
  const server = buildSimulatorServer(simulator);
  const worker = Fastify();
  await worker.register(workerRoutes, { workerService: new WorkerService(registry) });
  await server.listen({ host: '127.0.0.1', port: 0 });
  await worker.listen({ host: '127.0.0.1', port: 0 });
  const serverUrl = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  const workerUrl = `http://127.0.0.1:${(worker.server.address() as { port: number }).port}`;
  const client = new Client(registry, { transport: fetchTransport(serverUrl), workerUrl });
  return {
    simulator,
    client,
    workflow,
    emails,
    // Through the admin route, as a client of the CLI moves time.
    advanceBy: async (ms) => {
      await fetch(`${serverUrl}/simulator/time/advance`, { method: 'POST', body: JSON.stringify({ ms }) });
    },
    settle: async () => {
      await fetch(`${serverUrl}/simulator/time/settle`, { method: 'POST', body: '{}' });
    },
    close: async () => {
      await simulator.close();
      await server.close();
      await worker.close();
    },
  };
}
