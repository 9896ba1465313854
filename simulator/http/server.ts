import { createServer, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
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
    // Go's http server reads headers up to 1 MB (a long path is a 404 there, not a 431).
    serverFactory: (handler) => createServer({ maxHeaderSize: GO_MAX_HEADER_BYTES }, handler),
    clientErrorHandler: answerClientErrorAsGo,
    // A path whose escapes do not decode: Go's server refuses it before any routing.
    frameworkErrors: (_error, _request, reply: FastifyReply) => {
      reply.code(400).header('connection', 'close').type('text/plain; charset=utf-8').send('400 Bad Request');
    },
  });
  // Methods fastify has no route for (TRACE…) get gin's 404 text, never fastify's JSON.
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('text/plain')
      .send(request.method === 'HEAD' ? '' : '404 page not found'),
  );
  // Whatever fails outside the simulator's own answer (it never throws) is logged, not shown.
  app.setErrorHandler((error, _request, reply) => {
    app.log.error(error);
    return reply.code(500).type('text/plain').send('500 Internal Server Error');
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  registerAdminRoutes(app, simulator);
  registerPageRoutes(app, simulator);
  app.route({
    method: [...ALL_METHODS],
    url: '*',
    handler: async (request, reply) => {
      const path = decodePath(request.url.split('?')[0] ?? '/');
      // Go's server refuses a path whose escapes do not decode, before any routing.
      if (path === undefined)
        return reply
          .code(400)
          .header('connection', 'close')
          .type('text/plain; charset=utf-8')
          .send('400 Bad Request');
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

/** Go's `http.DefaultMaxHeaderBytes`. */
const GO_MAX_HEADER_BYTES = 1 << 20;

// Go routes the decoded path (`%67et` is `get`); undefined when an escape does not decode.
function decodePath(raw: string): string | undefined {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

// What Go's server answers where node's parser gives up: a method it does not know (gin routes
// any token, and knows no route for it: 404 text), headers over 1 MB (431), anything else (400).
function answerClientErrorAsGo(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const [status, body] =
    error.code === 'HPE_INVALID_METHOD'
      ? ['404 Not Found', '404 page not found']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? ['431 Request Header Fields Too Large', '431 Request Header Fields Too Large']
        : ['400 Bad Request', '400 Bad Request'];
  const type = status.startsWith('404') ? 'text/plain' : 'text/plain; charset=utf-8';
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
  );
}
