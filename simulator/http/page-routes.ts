import type { FastifyInstance } from 'fastify';
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
 * The timeline page at `/` (the workflows, one workflow's timeline) and the routes it reads:
 * `/simulator/workflows/:id/timeline` and `/simulator/workflows/:id/exchanges`.
 *
 * @example
 * registerPageRoutes(app, simulator); // then open http://127.0.0.1:8801/
 */
export function registerPageRoutes(app: FastifyInstance, simulator: Simulator): void {
  app.get('/', async (_request, reply) => reply.type(CONTENT_TYPES.html!).send(pageFile('index.html')));
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
