import type { FastifyInstance } from 'fastify';
import { isControllableClock } from '../clock/clock.ts';
import type { Simulator } from '../simulator.ts';

/** The prefix of the simulator's own routes; no iWF path starts with it. */
export const ADMIN_PREFIX = '/simulator';

/**
 * Routes to look inside the simulator and move its clock: list workflows, read a history, advance
 * or settle time. They live under `/simulator/` so they never collide with iWF paths.
 *
 * @example
 * curl -X POST localhost:8801/simulator/time/advance -d '{"ms":3600000}'
 */
export function registerAdminRoutes(app: FastifyInstance, simulator: Simulator): void {
  app.get(`${ADMIN_PREFIX}/workflows`, async () => ({ workflows: simulator.listWorkflows() }));
  app.get<{ Params: { id: string }; Querystring: { format?: string } }>(
    `${ADMIN_PREFIX}/workflows/:id/history`,
    async (request, reply) => {
      const id = request.params.id;
      if (!simulator.listWorkflows().some((run) => run.workflowId === id)) {
        return reply.code(404).send({
          detail: `no workflow with id '${id}' in this simulator: GET ${ADMIN_PREFIX}/workflows lists them`,
        });
      }
      if (request.query.format === 'text') {
        return reply.type('text/plain; charset=utf-8').send(simulator.formatHistory(request.params.id));
      }
      return { history: simulator.history(request.params.id) };
    },
  );
  app.get(`${ADMIN_PREFIX}/time`, async () => ({
    now: simulator.now(),
    iso: new Date(simulator.now()).toISOString(),
    controllable: simulator.controllable,
  }));
  app.post<{ Body: unknown }>(`${ADMIN_PREFIX}/time/advance`, async (request, reply) => {
    const ms = (parseAdminBody(request.body) as { ms?: unknown } | undefined)?.ms;
    if (!isControllableClock(simulator.clock)) {
      return reply.code(400).send({
        detail:
          'this simulator runs on the wall clock, which only real time moves: start it with --clock virtual to advance time here',
      });
    }
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      return reply.code(400).send({ detail: 'body must be {"ms": <non-negative number of milliseconds>}' });
    }
    // Past this a Date cannot hold the new time and every later read of the clock would fail.
    const latest = MAX_DATE_MS - simulator.now();
    if (ms > latest) {
      return reply.code(400).send({
        detail: `ms must be at most ${latest}: time cannot move past ${new Date(MAX_DATE_MS).toISOString()}, the latest instant a date can hold`,
      });
    }
    await simulator.advanceBy(ms);
    return { now: simulator.now() };
  });
  app.post(`${ADMIN_PREFIX}/time/settle`, async () => {
    await simulator.runUntilIdle();
    return { now: simulator.now() };
  });
}

/** The latest epoch millisecond a JavaScript Date can hold. */
const MAX_DATE_MS = 8_640_000_000_000_000;

/**
 * An admin or fault route's body: the server reads every body as text (like the real iWF server),
 * and these bodies are JSON; undefined when it is not.
 *
 * @example
 * parseAdminBody('{"ms":1000}'); // { ms: 1000 }
 */
export function parseAdminBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
