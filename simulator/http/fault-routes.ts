import type { FastifyInstance } from 'fastify';
import type { FaultSpec } from '../engine/choices/injected-faults.ts';
import type { Simulator } from '../simulator.ts';
import { ADMIN_PREFIX, parseAdminBody } from './admin-routes.ts';

/**
 * Routes to inject worker faults from another process (docs/fault-injection.md): a test in any
 * language makes the next worker calls fail, or takes the worker down for a span of virtual time.
 *
 * @example
 * curl -X POST localhost:8801/simulator/faults -d '{"kind":"http500","rpcName":"verify","times":2}'
 * curl -X POST localhost:8801/simulator/faults/worker-down -d '{"ms":5000}'
 */
export function registerFaultRoutes(app: FastifyInstance, simulator: Simulator): void {
  app.post<{ Body: unknown }>(`${ADMIN_PREFIX}/faults`, async (request, reply) => {
    const spec = parseAdminBody(request.body);
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
      return reply.code(400).send({ detail: 'body must be a fault spec: {"kind": "http500", ...}' });
    try {
      simulator.faults.inject(spec as FaultSpec);
    } catch (error) {
      return reply.code(400).send({ detail: (error as Error).message });
    }
    return { remaining: simulator.faults.remaining };
  });
  app.post<{ Body: unknown }>(`${ADMIN_PREFIX}/faults/worker-down`, async (request, reply) => {
    const ms = (parseAdminBody(request.body) as { ms?: unknown } | undefined)?.ms;
    if (typeof ms !== 'number' || !(ms > 0) || !Number.isFinite(ms))
      return reply.code(400).send({ detail: 'body must be {"ms": <positive number of milliseconds>}' });
    const now = simulator.now();
    simulator.faults.workerDown(now, now + ms);
    return { downUntil: now + ms };
  });
  app.post(`${ADMIN_PREFIX}/faults/clear`, async () => {
    simulator.faults.clear();
    return { remaining: 0 };
  });
}
