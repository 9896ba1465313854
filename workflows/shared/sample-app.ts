import Fastify, { type FastifyInstance } from 'fastify';
import type { WorkerHandler } from 'iwf-ts/sdk';
import {
  RpcLockFailureError,
  ServerSideError,
  WorkflowAlreadyStartedError,
  WorkflowNotExistsError,
} from 'iwf-ts/sdk';
import { workerRoutes } from 'iwf-ts/sdk/fastify';

/** Query parameters of a GET route. */
export type Query = Record<string, string | undefined>;

/**
 * A required query parameter, or a 400 that names it.
 *
 * @example
 * const username = requiredQuery(request.query, 'username');
 */
export function requiredQuery(query: Query, name: string): string {
  const value = query[name];
  if (!value) throw Object.assign(new Error(`missing query parameter '${name}'`), { statusCode: 400 });
  return value;
}

/** What the app answers for the iWF errors a sample's routes can meet, from the request's query. */
export interface SampleAppMessages {
  /** No such workflow, or it is closed, also while the request was in it (404). */
  notFound: (query: Query) => string;
  /** The workflow id is in use (409). */
  alreadyStarted?: (query: Query) => string;
  /** A locking RPC found its keys held (409 with `Retry-After: 1`: try again). */
  busy?: (query: Query) => string;
}

/** Options of a sample's web app. */
export interface SampleAppOptions {
  workerService: WorkerHandler;
  messages: SampleAppMessages;
  logger?: boolean;
}

/**
 * A sample's fastify app: the home route, the iWF worker endpoints, and iWF errors turned into
 * 404/409 answers a person can act on. The sample adds its own routes.
 *
 * @example
 * const app = buildSampleApp({ workerService, messages: { notFound: () => 'no such transfer' } });
 * app.get('/moneytransfer/start', ...);
 */
export function buildSampleApp(options: SampleAppOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });
  const { messages } = options;
  app.setErrorHandler((error, request, reply) => {
    const query = (request.query ?? {}) as Query;
    if (error instanceof WorkflowNotExistsError || completedDuringTheRequest(error))
      return reply.code(404).send(messages.notFound(query));
    if (error instanceof WorkflowAlreadyStartedError && messages.alreadyStarted) {
      return reply.code(409).send(messages.alreadyStarted(query));
    }
    if (error instanceof RpcLockFailureError && messages.busy)
      return reply.code(409).header('retry-after', '1').send(messages.busy(query));
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send(error instanceof Error ? error.message : String(error));
  });
  app.get('/', async () => 'iwf workflow home');
  app.register(workerRoutes, { workerService: options.workerService });
  return app;
}

// A locking RPC accepted in the workflow task that completed the workflow: to the person asking,
// the same as a workflow that had completed before the request.
function completedDuringTheRequest(error: unknown): boolean {
  return error instanceof ServerSideError && error.detail.includes('(type: AcceptedUpdateCompletedWorkflow');
}
