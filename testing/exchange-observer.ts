import type { ClientTransport } from '../sdk/client/transport.ts';
import type { WorkerHandler } from '../sdk/worker/worker-service.ts';
import type { WorkerReply, WorkerTransport } from '../simulator/contracts.ts';

/** One request/response pair between a client and the server, or the server and a worker. */
export interface ObservedExchange {
  kind: 'api' | 'worker';
  path: string;
  request: unknown;
  status: number;
  response: unknown;
}

/** Sees every exchange of every test environment (e.g. to validate them against the OpenAPI spec). */
export type ExchangeObserver = (exchange: ObservedExchange) => void;

let observer: ExchangeObserver | undefined;

/**
 * Installs (or, with undefined, removes) the observer of all environments' exchanges.
 *
 * @example
 * observeExchanges((e) => contract.check(e));
 */
export function observeExchanges(next: ExchangeObserver | undefined): void {
  observer = next;
}

/** Wraps a client transport so the observer sees its exchanges. @example observedClient(fetchTransport(url)) */
export function observedClient(inner: ClientTransport): ClientTransport {
  return {
    async post(path, body) {
      const reply = await inner.post(path, body);
      observer?.({ kind: 'api', path, request: body, status: reply.status, response: reply.body });
      return reply;
    },
  };
}

/** Wraps the simulator's worker transport (in-process). @example observedWorkerTransport(inProcessWorkerTransport(w)) */
export function observedWorkerTransport(inner: WorkerTransport): WorkerTransport {
  return {
    call(url, path, body, options) {
      // The hot path of every in-process state execution: without an observer, no wrapping at all.
      if (!observer) {
        try {
          return inner.call(url, path, body, options);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return observeWorkerCall(inner, url, path, body, options);
    },
  };
}

async function observeWorkerCall(
  inner: WorkerTransport,
  url: string,
  path: string,
  body: object,
  options: { timeoutMs: number },
): Promise<WorkerReply> {
  const reply = await inner.call(url, path, body, options);
  observer?.({ kind: 'worker', path, request: body, status: reply.status, response: reply.json });
  return reply;
}

/** Wraps a worker handler served over HTTP. @example observedWorker(workerService) */
export function observedWorker(inner: WorkerHandler): WorkerHandler {
  return {
    async handle(path, body) {
      const reply = await inner.handle(path, body);
      observer?.({ kind: 'worker', path, request: body, status: reply.status, response: reply.body });
      return reply;
    },
  };
}
