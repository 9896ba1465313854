import Fastify, { type FastifyInstance } from 'fastify';
import type { Client } from '../../sdk/client/client.ts';
import { WorkflowNotExistsError } from '../../sdk/client/errors.ts';
import { workerRoutes } from '../../sdk/worker/fastify.ts';
import type { WorkerService } from '../../sdk/worker/worker-service.ts';
import type { BankOperation, InMemoryBank } from './bank.ts';
import type { MoneyTransferWorkflow, TransferRequest } from './moneytransfer-workflow.ts';

/** What the money transfer app is built from. */
export interface MoneyTransferAppOptions {
  client: Client;
  workflow: MoneyTransferWorkflow;
  workerService: WorkerService;
  /** The demo bank, so failures can be injected over HTTP. */
  bank: InMemoryBank;
  /** Makes the id of a new transfer (default `money_transfer-<epoch ms>`). */
  newTransferId?: () => string;
  logger?: boolean;
}

type Query = Record<string, string | undefined>;

const required = (query: Query, name: string): string => {
  const value = query[name];
  if (!value) throw Object.assign(new Error(`missing query parameter '${name}'`), { statusCode: 400 });
  return value;
};

/**
 * The money transfer web app: start a transfer, read its outcome, see the balances, and make the
 * demo bank fail, plus the three iWF worker endpoints.
 *
 * @example
 * const app = buildMoneyTransferApp({ client, workflow, workerService, bank });
 * await app.listen({ port: 8802 });
 */
export function buildMoneyTransferApp(options: MoneyTransferAppOptions): FastifyInstance {
  const { client, workflow, bank } = options;
  const newTransferId = options.newTransferId ?? (() => `money_transfer-${Date.now()}`);
  const app = Fastify({ logger: options.logger ?? false });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof WorkflowNotExistsError) return reply.code(404).send('no such transfer');
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send(error instanceof Error ? error.message : String(error));
  });

  app.get('/', async () => 'iwf workflow home');

  app.get<{ Querystring: Query }>('/moneytransfer/start', async (request) => {
    const amount = Number(required(request.query, 'amount'));
    if (!Number.isFinite(amount) || amount <= 0) {
      throw Object.assign(new Error('amount must be a positive number'), { statusCode: 400 });
    }
    const transfer: TransferRequest = {
      fromAccount: required(request.query, 'fromAccount'),
      toAccount: required(request.query, 'toAccount'),
      amount,
      notes: request.query.notes ?? '',
    };
    const workflowId = newTransferId();
    await client.startWorkflow(workflow, workflowId, 3600, transfer);
    return { workflowId };
  });

  app.get<{ Querystring: Query }>('/moneytransfer/result', async (request) => {
    const workflowId = required(request.query, 'workflowId');
    const { workflowStatus } = await client.describeWorkflow(workflowId);
    if (workflowStatus === 'RUNNING') return { workflowStatus };
    const outcome = await client.waitForWorkflowCompletion(workflowId).catch((e: unknown) => e);
    return outcome instanceof Error
      ? { workflowStatus, error: outcome.message }
      : { workflowStatus, outcome };
  });

  app.get('/moneytransfer/accounts', async () => Object.fromEntries(bank.balances));

  app.get<{ Querystring: Query }>('/moneytransfer/fail', async (request) => {
    const operation = required(request.query, 'operation') as BankOperation;
    const times = request.query.times;
    if (times === 'always') {
      bank.failAlways(operation);
      return `every ${operation} fails until healed (times=0)`;
    }
    if (times === '0') {
      bank.heal(operation);
      return `${operation} works again`;
    }
    bank.failNext(operation, Number(times ?? 1));
    return `the next ${times ?? 1} ${operation} call(s) fail`;
  });

  app.register(workerRoutes, { workerService: options.workerService });
  return app;
}
