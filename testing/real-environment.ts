import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { Client } from '../sdk/client/client.ts';
import { fetchTransport } from '../sdk/client/transport.ts';
import { workerRoutes } from '../sdk/worker/fastify.ts';
import { WorkerService } from '../sdk/worker/worker-service.ts';
import type { TestEnvironment, TestEnvironmentOptions } from './environment.ts';
import { observedClient, observedWorker } from './exchange-observer.ts';
import { faultsUnavailable } from './faults.ts';
import { RealTimeControl } from './real-time-control.ts';
import { missingSearchAttributes } from './search-attribute-probe.ts';
import { testRegistry } from './test-registry.ts';
import { WorkflowIdNamespace } from './workflow-id-namespace.ts';

/**
 * The `real` backend: a real iWF server at `IWF_SERVER_URL`, this process's worker listening on
 * `IWF_WORKER_PORT` (default: any free port) and announced as `IWF_WORKER_URL` (default
 * `http://localhost:<port>`). Time moves by skipping the timers the worker returned.
 *
 * @example
 * IWF_TEST_MODE=real IWF_SERVER_URL=http://127.0.0.1:8811 npm test
 */
export async function createRealEnvironment(options: TestEnvironmentOptions): Promise<TestEnvironment> {
  const serverUrl = options.serverUrl ?? process.env.IWF_SERVER_URL ?? 'http://localhost:8801';
  const registry = testRegistry(options.workflows);
  const workerService = new WorkerService(registry);
  const namespace = new WorkflowIdNamespace(`t${randomBytes(4).toString('hex')}-`);
  const raw = fetchTransport(serverUrl);
  const time = new RealTimeControl(raw, observedWorker(namespace.worker(workerService)));
  // The real server's Go HTTP client may hold idle keep-alive connections open: close them on close().
  const worker = Fastify({ forceCloseConnections: true });
  await worker.register(workerRoutes, { workerService: time });
  await worker.listen({ host: '0.0.0.0', port: Number(process.env.IWF_WORKER_PORT ?? 0) });
  const port = (worker.server.address() as { port: number }).port;
  const workerUrl = process.env.IWF_WORKER_URL ?? `http://localhost:${port}`;
  const missing = await missingSearchAttributes(
    raw,
    `${namespace.prefix}search-attribute-probe`,
    options.workflows,
  );
  const client = new Client(registry, {
    transport: observedClient(time.client(namespace.client(raw))),
    workerUrl,
  });
  let closed = false;
  return {
    mode: 'real',
    client,
    registry,
    workerService,
    simulator: undefined,
    missingSearchAttributes: missing,
    faults: faultsUnavailable(),
    now: async () => time.now(),
    advanceBy: (ms) => time.advanceBy(ms),
    settle: () => time.settle(),
    formatHistory: async (workflowId) =>
      `(history of ${namespace.prefix}${workflowId} is kept by the real server: see its Temporal UI)`,
    close: async () => {
      if (closed) return;
      closed = true;
      await worker.close();
    },
  };
}
