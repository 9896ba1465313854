import type { FastifyInstance } from 'fastify';
import type { Client, WorkerService } from 'iwf-ts/sdk';
import { WorkflowAlreadyStartedError, WorkflowTimeoutError } from 'iwf-ts/sdk';
import { retryWhileLocked } from '../shared/retry-on-lock.ts';
import { buildSampleApp, type Query, requiredQuery } from '../shared/sample-app.ts';
import type { Form, UserSignupWorkflow } from './signup-workflow.ts';

/** What the sign-up app is built from. */
export interface SignupAppOptions {
  client: Client;
  workflow: UserSignupWorkflow;
  workerService: WorkerService;
  /** Workflow timeout of each sign-up (the sample uses 3600 s). */
  workflowTimeoutSeconds?: number;
  logger?: boolean;
}

/**
 * The sign-up web app of the official sample: `/signup/submit`, `/signup/verify`,
 * `/signup/describe`, plus `/signup/result` (waits for the outcome) and the three iWF worker
 * endpoints, in one fastify app.
 *
 * @example
 * const app = buildSignupApp({ client, workflow, workerService });
 * await app.listen({ port: 8802 });
 */
export function buildSignupApp(options: SignupAppOptions): FastifyInstance {
  const { client, workflow } = options;
  const timeout = options.workflowTimeoutSeconds ?? 3600;
  const app = buildSampleApp({
    workerService: options.workerService,
    logger: options.logger,
    messages: {
      notFound: (q) => `no sign-up in progress for ${q.username ?? ''} (it may have completed already)`,
      busy: (q) => `another request for ${q.username ?? ''} is being processed; try again`,
    },
  });

  app.get<{ Querystring: Query }>('/signup/submit', async (request, reply) => {
    const form: Form = {
      username: requiredQuery(request.query, 'username'),
      email: requiredQuery(request.query, 'email'),
      firstname: request.query.firstname || 'TestDefaultFirstName',
      lastname: request.query.lastname || 'TestDefaultLastName',
    };
    try {
      await client.startWorkflow(workflow, form.username, timeout, form, {
        waitForCompletionStateExecutionIds: ['SubmitState-1'],
      });
    } catch (error) {
      if (error instanceof WorkflowAlreadyStartedError) {
        return reply.code(409).send(`username ${form.username} has already signed up`);
      }
      throw error;
    }
    // Answer once the form is stored, so a describe or verify right after submit sees it (the
    // server runs the first state a moment after it answers the start).
    await client.waitForStateExecutionCompletion(workflow, form.username, 'SubmitState');
    return 'workflow started';
  });

  // verify and describe lock the sign-up's attributes: when another request holds them the server
  // refuses with 450, so they are retried (a retry sees what the other request did); a refusal that
  // persists answers 409 with Retry-After.
  app.get<{ Querystring: Query }>('/signup/verify', async (request) => {
    const username = requiredQuery(request.query, 'username');
    return retryWhileLocked(() => client.invokeRpc(workflow, username, 'verify', request.query.source ?? ''));
  });

  // Waits as long as the sign-up runs: on a skipping clock, that wait is what lets time jump.
  app.get<{ Querystring: Query }>('/signup/result', async (request) => {
    const username = requiredQuery(request.query, 'username');
    try {
      return await client.waitForWorkflowCompletion<string>(username);
    } catch (error) {
      if (error instanceof WorkflowTimeoutError) return `timed out: ${username} never verified`;
      throw error;
    }
  });

  app.get<{ Querystring: Query }>('/signup/describe', async (request, reply) => {
    const username = requiredQuery(request.query, 'username');
    return reply
      .header('content-type', 'application/json')
      .send(await retryWhileLocked(() => client.invokeRpc(workflow, username, 'describe')));
  });

  return app;
}
