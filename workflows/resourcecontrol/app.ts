import type { FastifyInstance } from 'fastify';
import type { WorkerService } from 'iwf-ts/sdk';
import { buildSampleApp, type Query, requiredQuery } from '../shared/sample-app.ts';
import type { ResourceRequests } from './requests.ts';

/** What the resource control app is built from. */
export interface ResourceControlAppOptions {
  requests: ResourceRequests;
  workerService: WorkerService;
  logger?: boolean;
}

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
  const app = buildSampleApp({
    workerService: options.workerService,
    logger: options.logger,
    messages: { notFound: () => 'no such request' },
  });

  app.get<{ Querystring: Query }>('/controller/request', async (request, reply) => {
    const id = requiredQuery(request.query, 'id');
    const outcome = await requests.submit({ id, data: request.query.data ?? 'abcd' });
    if (outcome === 'accepted') return 'request is accepted';
    return reply.code(429).send('request is denied, retry later');
  });

  app.get<{ Querystring: Query }>('/controller/processing/describe', async (request) =>
    requests.describe(requiredQuery(request.query, 'id')),
  );

  return app;
}
