import Fastify, { type FastifyInstance } from 'fastify';
import type { Client } from '../../sdk/client/client.ts';
import { WorkflowAlreadyStartedError, WorkflowNotExistsError } from '../../sdk/client/errors.ts';
import { workerRoutes } from '../../sdk/worker/fastify.ts';
import type { WorkerService } from '../../sdk/worker/worker-service.ts';
import type { Subscription, SubscriptionWorkflow } from './subscription-workflow.ts';

/** What the subscription app is built from. */
export interface SubscriptionAppOptions {
  client: Client;
  workflow: SubscriptionWorkflow;
  workerService: WorkerService;
  /** The plan of new subscriptions (the demo uses seconds, not months). */
  plan: Subscription;
  logger?: boolean;
}

type Query = Record<string, string | undefined>;

const required = (query: Query, name: string): string => {
  const value = query[name];
  if (!value) throw Object.assign(new Error(`missing query parameter '${name}'`), { statusCode: 400 });
  return value;
};

/** The workflow id of a customer's subscription. @example subscriptionId('ada'); // 'subscription-ada' */
export const subscriptionId = (customerId: string): string => `subscription-${customerId}`;

/**
 * The subscription web app: subscribe, cancel, change the charge, describe; plus the iWF worker
 * endpoints.
 *
 * @example
 * const app = buildSubscriptionApp({ client, workflow, workerService, plan });
 * await app.listen({ port: 8802 });
 */
export function buildSubscriptionApp(options: SubscriptionAppOptions): FastifyInstance {
  const { client, workflow, plan } = options;
  const app = Fastify({ logger: options.logger ?? false });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof WorkflowNotExistsError) return reply.code(404).send('no active subscription');
    if (error instanceof WorkflowAlreadyStartedError) return reply.code(409).send('already subscribed');
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send(error instanceof Error ? error.message : String(error));
  });

  app.get('/', async () => 'iwf workflow home');

  app.get<{ Querystring: Query }>('/subscription/start', async (request) => {
    const customerId = required(request.query, 'customerId');
    const email = request.query.email ?? `${customerId}@example.com`;
    // Timeout 0: the workflow lives until it completes (the plan bounds it).
    await client.startWorkflow(workflow, subscriptionId(customerId), 0, {
      customerId,
      email,
      subscription: plan,
    });
    return 'subscribed';
  });

  app.get<{ Querystring: Query }>('/subscription/cancel', async (request) => {
    const customerId = required(request.query, 'customerId');
    await client.signalWorkflow(workflow, subscriptionId(customerId), 'cancel', request.query.reason ?? '');
    return 'cancellation requested';
  });

  app.get<{ Querystring: Query }>('/subscription/updateChargeAmount', async (request) => {
    const customerId = required(request.query, 'customerId');
    const amount = Number(required(request.query, 'amount'));
    if (!Number.isFinite(amount) || amount < 0) {
      throw Object.assign(new Error('amount must be a number ≥ 0'), { statusCode: 400 });
    }
    await client.signalWorkflow(workflow, subscriptionId(customerId), 'updateChargeAmount', amount);
    return `charge will be ${amount} from this billing period on`;
  });

  app.get<{ Querystring: Query }>('/subscription/describe', async (request) => {
    const customerId = required(request.query, 'customerId');
    return client.invokeRpc(workflow, subscriptionId(customerId), 'describe');
  });

  app.register(workerRoutes, { workerService: options.workerService });
  return app;
}
