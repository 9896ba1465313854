import type { FastifyInstance } from 'fastify';
import type { Client, WorkerService } from 'iwf-ts/sdk';
import { buildSampleApp, type Query, requiredQuery } from '../shared/sample-app.ts';
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
  const app = buildSampleApp({
    workerService: options.workerService,
    logger: options.logger,
    messages: { notFound: () => 'no such transfer' },
  });

  app.get<{ Querystring: Query }>('/moneytransfer/start', async (request) => {
    const amount = Number(requiredQuery(request.query, 'amount'));
    if (!Number.isFinite(amount) || amount <= 0) {
      throw Object.assign(new Error('amount must be a positive number'), { statusCode: 400 });
    }
    const transfer: TransferRequest = {
      fromAccount: requiredQuery(request.query, 'fromAccount'),
      toAccount: requiredQuery(request.query, 'toAccount'),
      amount,
      notes: request.query.notes ?? '',
    };
    const workflowId = newTransferId();
    await client.startWorkflow(workflow, workflowId, 3600, transfer);
    return { workflowId };
  });

  app.get<{ Querystring: Query }>('/moneytransfer/result', async (request) => {
    const workflowId = requiredQuery(request.query, 'workflowId');
    const { workflowStatus } = await client.describeWorkflow(workflowId);
    if (workflowStatus === 'RUNNING') return { workflowStatus };
    const outcome = await client.waitForWorkflowCompletion(workflowId).catch((e: unknown) => e);
    return outcome instanceof Error
      ? { workflowStatus, error: outcome.message }
      : { workflowStatus, outcome };
  });

  app.get('/moneytransfer/accounts', async () => Object.fromEntries(bank.balances));

  app.get<{ Querystring: Query }>('/moneytransfer/fail', async (request) => {
    const operation = requiredQuery(request.query, 'operation') as BankOperation;
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

  return app;
}
