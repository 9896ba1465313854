import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { WorkerPaths } from '../wire/paths.ts';
import type { WorkerHandler } from './worker-service.ts';

/** Options of the worker routes. */
export interface WorkerRoutesOptions {
  workerService: WorkerHandler;
  /** Largest request body accepted, in bytes (default 10 MiB: the server sends values up to 2 MB each). */
  bodyLimit?: number;
}

/**
 * Serves a WorkerService's three endpoints on a fastify app (mount with a `prefix` for a worker
 * URL with a path, as the Java samples' `/worker`).
 *
 * @example
 * await app.register(workerRoutes, { workerService: new WorkerService(registry) });
 */
export const workerRoutes: FastifyPluginAsync<WorkerRoutesOptions> = async (
  app: FastifyInstance,
  options,
) => {
  const bodyLimit = options.bodyLimit ?? 10 * 1024 * 1024;
  for (const path of Object.values(WorkerPaths)) {
    app.post(path, { bodyLimit }, async (request, reply) => {
      const result = await options.workerService.handle(path, request.body);
      return reply.code(result.status).header('content-type', 'application/json').send(result.body);
    });
  }
};
