import Fastify from 'fastify';
import { Client } from '../sdk/client/client.ts';
import { fetchTransport } from '../sdk/client/transport.ts';
import { workerRoutes } from '../sdk/worker/fastify.ts';
import { WorkerService } from '../sdk/worker/worker-service.ts';
import { httpWorkerTransport } from '../simulator/http/http-worker-transport.ts';
import { buildSimulatorServer } from '../simulator/http/server.ts';
import { Simulator } from '../simulator/simulator.ts';
import { backend } from './backend.ts';
import type { TestEnvironment, TestEnvironmentOptions } from './environment.ts';
import { observedClient, observedWorker } from './exchange-observer.ts';
import { searchAttributesFor } from './search-attributes.ts';
import { testRegistry } from './test-registry.ts';

async function postJson(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/**
 * The `sim-http` backend: the simulator's HTTP server and an HTTP worker, both on loopback ports;
 * the client talks HTTP and time moves through the simulator's admin routes, as a test in another
 * process would move it.
 *
 * @example
 * const env = await createHttpEnvironment({ workflows: [MyWorkflow] });
 */
export async function createHttpEnvironment(options: TestEnvironmentOptions): Promise<TestEnvironment> {
  const registry = testRegistry(options.workflows);
  const workerService = new WorkerService(registry);
  const simulator = new Simulator({
    clock: options.clock ?? backend.clock,
    searchAttributes: searchAttributesFor(options.workflows),
    startTime: options.startTime === undefined ? undefined : Number(options.startTime),
    workerTransport: httpWorkerTransport(),
    // The raw exchanges, for the timeline page a failing test leaves.
    recordExchanges: true,
  });
  const server = buildSimulatorServer(simulator);
  const worker = Fastify({ forceCloseConnections: true });
  await worker.register(workerRoutes, { workerService: observedWorker(workerService) });
  await server.listen({ host: '127.0.0.1', port: 0 });
  await worker.listen({ host: '127.0.0.1', port: 0 });
  const serverUrl = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  const workerUrl = `http://127.0.0.1:${(worker.server.address() as { port: number }).port}`;
  const client = new Client(registry, { transport: observedClient(fetchTransport(serverUrl)), workerUrl });
  let closed = false;
  return {
    mode: 'sim-http',
    client,
    registry,
    workerService,
    simulator,
    missingSearchAttributes: [],
    now: async () => ((await (await fetch(`${serverUrl}/simulator/time`)).json()) as { now: number }).now,
    advanceBy: async (ms) => {
      await postJson(`${serverUrl}/simulator/time/advance`, { ms });
    },
    settle: async () => {
      await postJson(`${serverUrl}/simulator/time/settle`, {});
    },
    formatHistory: async (workflowId) =>
      (
        await fetch(`${serverUrl}/simulator/workflows/${encodeURIComponent(workflowId)}/history?format=text`)
      ).text(),
    close: async () => {
      if (closed) return;
      closed = true;
      await simulator.close();
      await server.close();
      await worker.close();
    },
  };
}
