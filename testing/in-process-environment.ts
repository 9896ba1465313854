import { Client } from '../sdk/client/client.ts';
import type { ClientTransport } from '../sdk/client/transport.ts';
import { WorkerService, type WorkerServiceReply } from '../sdk/worker/worker-service.ts';
import type { WorkerReply, WorkerTransport } from '../simulator/contracts.ts';
import { Simulator } from '../simulator/simulator.ts';
import { backend } from './backend.ts';
import type { TestEnvironment, TestEnvironmentOptions } from './environment.ts';
import { observedClient, observedWorkerTransport } from './exchange-observer.ts';
import { searchAttributesFor } from './search-attributes.ts';
import { testRegistry } from './test-registry.ts';

/** The worker URL the in-process client announces; never dialled, only routed. */
export const IN_PROCESS_WORKER_URL = 'http://worker.in-process';

/**
 * Connects a simulator straight to a worker service: no sockets, no HTTP, no JSON.
 *
 * @example
 * new Simulator({ workerTransport: inProcessWorkerTransport(workerService) });
 */
export function inProcessWorkerTransport(workerService: WorkerService): WorkerTransport {
  return {
    call: (_url, path, body) => workerService.handle(path, body).then(toWorkerReply),
  };
}

function toWorkerReply(reply: WorkerServiceReply): WorkerReply {
  return { status: reply.status, json: reply.body, contentType: 'application/json' };
}

/**
 * Connects a client straight to a simulator's API handlers.
 *
 * @example
 * new Client(registry, { transport: inProcessClientTransport(simulator) });
 */
export function inProcessClientTransport(simulator: Simulator): ClientTransport {
  return {
    async post(path, body) {
      const reply = await simulator.handle({ method: 'POST', path, body });
      return { status: reply.status, body: reply.body };
    },
  };
}

/**
 * The `sim` backend: simulator and worker in this process, on a virtual clock.
 *
 * @example
 * const env = createInProcessEnvironment({ workflows: [MyWorkflow] });
 */
export function createInProcessEnvironment(options: TestEnvironmentOptions): TestEnvironment {
  const registry = testRegistry(options.workflows);
  const workerService = new WorkerService(registry);
  const startTime = options.startTime === undefined ? undefined : Number(options.startTime);
  const simulator = new Simulator({
    clock: options.clock ?? backend.clock,
    searchAttributes: searchAttributesFor(options.workflows),
    startTime,
    workerTransport: observedWorkerTransport(inProcessWorkerTransport(workerService)),
  });
  const client = new Client(registry, {
    transport: observedClient(inProcessClientTransport(simulator)),
    workerUrl: IN_PROCESS_WORKER_URL,
  });
  return {
    mode: 'sim',
    client,
    registry,
    workerService,
    simulator,
    missingSearchAttributes: [],
    now: async () => simulator.now(),
    advanceBy: (ms) => simulator.advanceBy(ms),
    settle: () => simulator.runUntilIdle(),
    formatHistory: async (workflowId) => simulator.formatHistory(workflowId),
    close: () => simulator.close(),
  };
}
