import type { FastifyInstance } from 'fastify';
import type { Client, WorkerService } from 'iwf-ts/sdk';
import { buildSampleApp, type Query, requiredQuery } from '../shared/sample-app.ts';
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
  const app = buildSampleApp({
    workerService: options.workerService,
    logger: options.logger,
    messages: { notFound: () => 'no active subscription', alreadyStarted: () => 'already subscribed' },
  });

  app.get<{ Querystring: Query }>('/subscription/start', async (request) => {
    const customerId = requiredQuery(request.query, 'customerId');
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
    const customerId = requiredQuery(request.query, 'customerId');
    await client.signalWorkflow(workflow, subscriptionId(customerId), 'cancel', request.query.reason ?? '');
    return 'cancellation requested';
  });

  app.get<{ Querystring: Query }>('/subscription/updateChargeAmount', async (request) => {
    const customerId = requiredQuery(request.query, 'customerId');
    const amount = Number(requiredQuery(request.query, 'amount'));
    if (!Number.isFinite(amount) || amount < 0) {
      throw Object.assign(new Error('amount must be a number ≥ 0'), { statusCode: 400 });
    }
    await client.signalWorkflow(workflow, subscriptionId(customerId), 'updateChargeAmount', amount);
    return `charge will be ${amount} from this billing period on`;
  });

  app.get<{ Querystring: Query }>('/subscription/describe', async (request) => {
    const customerId = requiredQuery(request.query, 'customerId');
    return client.invokeRpc(workflow, subscriptionId(customerId), 'describe');
  });

  return app;
}
