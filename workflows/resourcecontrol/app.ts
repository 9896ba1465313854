import Fastify, { type FastifyInstance } from 'fastify';
import { WorkflowNotExistsError } from '../../sdk/client/errors.ts';
import { workerRoutes } from '../../sdk/worker/fastify.ts';
import type { WorkerService } from '../../sdk/worker/worker-service.ts';
import type { ResourceRequests } from './requests.ts';

/** What the resource control app is built from. */
export interface ResourceControlAppOptions {
  requests: ResourceRequests;
  workerService: WorkerService;
  logger?: boolean;
}

type Query = Record<string, string | undefined>;

const required = (query: Query, name: string): string => {
  const value = query[name];
  if (!value) throw Object.assign(new Error(`missing query parameter '${name}'`), { statusCode: 400 });
  return value;
};

/**
 * The resource control web app of the official sample: `/controller/request?id`,
 * `/controller/processing/describe?id`, plus the iWF worker endpoints.
 *
 * @example
 * const app = buildResourceControlApp({ requests, workerService });
 * await app.listen({ port: 8802 });
 */
export function buildResourceControlApp(options: ResourceControlAppOptions): FastifyInstance {
  const { requests } = options;
  const app = Fastify({ logger: options.logger ?? false });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof WorkflowNotExistsError) return reply.code(404).send('no such request');
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send(error instanceof Error ? error.message : String(error));
  });

  app.get('/', async () => 'iwf workflow home');

  app.get<{ Querystring: Query }>('/controller/request', async (request, reply) => {
    const id = required(request.query, 'id');
    const outcome = await requests.submit({ id, data: request.query.data ?? 'abcd' });
    if (outcome === 'accepted') return 'request is accepted';
    return reply.code(429).send('request is denied, retry later');
  });

  app.get<{ Querystring: Query }>('/controller/processing/describe', async (request) =>
    requests.describe(required(request.query, 'id')),
  );

  app.register(workerRoutes, { workerService: options.workerService });
  return app;
}
