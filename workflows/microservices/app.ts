import Fastify, { type FastifyInstance } from 'fastify';
import type { Client } from '../../sdk/client/client.ts';
import {
  RpcLockFailureError,
  WorkflowAlreadyStartedError,
  WorkflowNotExistsError,
} from '../../sdk/client/errors.ts';
import { workerRoutes } from '../../sdk/worker/fastify.ts';
import type { WorkerService } from '../../sdk/worker/worker-service.ts';
import type { OrchestrationWorkflow } from './orchestration-workflow.ts';

/** What the orchestration app is built from. */
export interface OrchestrationAppOptions {
  client: Client;
  workflow: OrchestrationWorkflow;
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
 * The orchestration web app: start, send `Ready`, swap the data; plus the iWF worker endpoints.
 *
 * @example
 * const app = buildOrchestrationApp({ client, workflow, workerService });
 * await app.listen({ port: 8802 });
 */
export function buildOrchestrationApp(options: OrchestrationAppOptions): FastifyInstance {
  const { client, workflow } = options;
  const app = Fastify({ logger: options.logger ?? false });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof WorkflowNotExistsError) return reply.code(404).send('no such running workflow');
    if (error instanceof WorkflowAlreadyStartedError) return reply.code(409).send('already started');
    if (error instanceof RpcLockFailureError) return reply.code(409).send('busy, try again');
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send(error instanceof Error ? error.message : String(error));
  });

  app.get('/', async () => 'iwf workflow home');

  app.get<{ Querystring: Query }>('/microservices/start', async (request) => {
    const workflowId = required(request.query, 'workflowId');
    await client.startWorkflow(workflow, workflowId, 7 * 24 * 3600, request.query.data ?? 'some data');
    return 'started';
  });

  app.get<{ Querystring: Query }>('/microservices/ready', async (request) => {
    await client.signalWorkflow(workflow, required(request.query, 'workflowId'), 'Ready');
    return 'signal sent';
  });

  app.get<{ Querystring: Query }>('/microservices/swap', async (request) => {
    const workflowId = required(request.query, 'workflowId');
    const old = await client.invokeRpc(workflow, workflowId, 'swap', required(request.query, 'data'));
    return { old };
  });

  app.register(workerRoutes, { workerService: options.workerService });
  return app;
}
