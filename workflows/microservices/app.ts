import type { FastifyInstance } from 'fastify';
import type { Client, WorkerService } from 'iwf-ts/sdk';
import { buildSampleApp, type Query, requiredQuery } from '../shared/sample-app.ts';
import type { OrchestrationWorkflow } from './orchestration-workflow.ts';

/** What the orchestration app is built from. */
export interface OrchestrationAppOptions {
  client: Client;
  workflow: OrchestrationWorkflow;
  workerService: WorkerService;
  logger?: boolean;
}

/**
 * The orchestration web app: start, send `Ready`, swap the data; plus the iWF worker endpoints.
 *
 * @example
 * const app = buildOrchestrationApp({ client, workflow, workerService });
 * await app.listen({ port: 8802 });
 */
export function buildOrchestrationApp(options: OrchestrationAppOptions): FastifyInstance {
  const { client, workflow } = options;
  const app = buildSampleApp({
    workerService: options.workerService,
    logger: options.logger,
    messages: {
      notFound: () => 'no such running workflow',
      alreadyStarted: () => 'already started',
      busy: () => 'busy, try again',
    },
  });

  app.get<{ Querystring: Query }>('/microservices/start', async (request) => {
    const workflowId = requiredQuery(request.query, 'workflowId');
    await client.startWorkflow(workflow, workflowId, 7 * 24 * 3600, request.query.data ?? 'some data');
    return 'started';
  });

  app.get<{ Querystring: Query }>('/microservices/ready', async (request) => {
    await client.signalWorkflow(workflow, requiredQuery(request.query, 'workflowId'), 'Ready');
    return 'signal sent';
  });

  app.get<{ Querystring: Query }>('/microservices/swap', async (request) => {
    const workflowId = requiredQuery(request.query, 'workflowId');
    const old = await client.invokeRpc(workflow, workflowId, 'swap', requiredQuery(request.query, 'data'));
    return { old };
  });

  return app;
}
