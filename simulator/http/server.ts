import { STATUS_CODES } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Simulator } from '../simulator.ts';
import { ADMIN_PREFIX, registerAdminRoutes } from './admin-routes.ts';
import { registerPageRoutes, sendPage, wantsPage } from './page-routes.ts';

const ALL_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;

/** Options of the simulator's HTTP server. */
export interface SimulatorServerOptions {
  /** Largest body accepted; larger values still reach the simulator's own size checks below it. */
  bodyLimit?: number;
  logger?: boolean;
}

/**
 * The simulator as an iWF server over HTTP: every iWF client path is answered by the simulator
 * (bodies of any content type are read as JSON text, as the real server does), plus the admin
 * routes under `/simulator/`.
 *
 * @example
 * const app = buildSimulatorServer(simulator);
 * await app.listen({ host: '127.0.0.1', port: 8801 });
 */
export function buildSimulatorServer(
  simulator: Simulator,
  options: SimulatorServerOptions = {},
): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 64 * 1024 * 1024,
    // The real server routes paths exactly (case, slashes); let the simulator decide.
    routerOptions: { ignoreTrailingSlash: false, ignoreDuplicateSlashes: false },
    exposeHeadRoutes: false,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  registerAdminRoutes(app, simulator);
  registerPageRoutes(app, simulator);
  app.route({
    method: [...ALL_METHODS],
    url: '*',
    handler: async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path.startsWith(`${ADMIN_PREFIX}/`))
        return reply.code(404).type('text/plain').send('404 page not found');
      if (wantsPage(request.method, path, request.headers.accept)) return sendPage(reply);
      const raw = typeof request.body === 'string' ? request.body : '';
      const answer = await simulator.handle({ method: request.method, path, rawBody: raw });
      reply.code(answer.status);
      // Go's server says "status code 420" where it knows no reason phrase; node would say "unknown",
      // which clients show (the Go SDK's ApiError status is "420 status code 420").
      if (STATUS_CODES[answer.status] === undefined) reply.raw.statusMessage = `status code ${answer.status}`;
      for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
      if (typeof answer.body === 'string') {
        return reply.type(answer.contentType ?? 'text/plain; charset=utf-8').send(answer.body);
      }
      return reply
        .type(answer.contentType ?? 'application/json; charset=utf-8')
        .send(JSON.stringify(answer.body));
    },
  });
  return app;
}
