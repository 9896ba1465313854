import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Simulator } from '../simulator.ts';
import { ADMIN_PREFIX } from './admin-routes.ts';
import { timelineData } from './page-data.ts';
import { isPageFile, pageFile } from './page-files.ts';

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/**
 * Whether a request to `/` is a browser's, to be answered with the page: the real server answers
 * `GET /` with a plain "Hello World", which clients and conformance checks expect, so only a
 * request that accepts HTML gets the page.
 *
 * @example
 * if (wantsPage('GET', '/', request.headers.accept)) return sendPage(reply);
 */
export function wantsPage(method: string, path: string, accept: string | undefined): boolean {
  return method === 'GET' && path === '/' && accept?.includes('text/html') === true;
}

/**
 * Answers with the page's HTML.
 *
 * @example
 * return sendPage(reply);
 */
export function sendPage(reply: FastifyReply): FastifyReply {
  return reply.type(CONTENT_TYPES.html!).send(pageFile('index.html'));
}

/**
 * The page's files and the routes it reads (the page itself is served at `/`, see `wantsPage`):
 * `/simulator/workflows/:id/timeline` and `/simulator/workflows/:id/exchanges`.
 *
 * @example
 * registerPageRoutes(app, simulator); // then open http://127.0.0.1:8801/ in a browser
 */
export function registerPageRoutes(app: FastifyInstance, simulator: Simulator): void {
  app.get<{ Params: { file: string } }>(`${ADMIN_PREFIX}/ui/:file`, async (request, reply) => {
    const { file } = request.params;
    if (!isPageFile(file)) return reply.code(404).send({ detail: `no page file ${file}` });
    return reply.type(CONTENT_TYPES[file.split('.').pop() ?? ''] ?? 'text/plain').send(pageFile(file));
  });
  app.get<{ Params: { id: string }; Querystring: { runId?: string } }>(
    `${ADMIN_PREFIX}/workflows/:id/timeline`,
    async (request, reply) => {
      const data = timelineData(simulator, request.params.id, request.query.runId);
      if (!data) return reply.code(404).send({ detail: `no workflow ${request.params.id}` });
      return data;
    },
  );
  app.get<{ Params: { id: string } }>(`${ADMIN_PREFIX}/workflows/:id/exchanges`, async (request) => ({
    exchanges: simulator.exchangesOf(request.params.id),
  }));
}
