import Fastify, { type FastifyInstance } from 'fastify';
import type { Client } from '../../sdk/client/client.ts';
import {
  RpcLockFailureError,
  WorkflowAlreadyStartedError,
  WorkflowNotExistsError,
} from '../../sdk/client/errors.ts';
import { workerRoutes } from '../../sdk/worker/fastify.ts';
import type { WorkerService } from '../../sdk/worker/worker-service.ts';
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
 * `/signup/describe`, plus the three iWF worker endpoints, in one fastify app.
 *
 * @example
 * const app = buildSignupApp({ client, workflow, workerService });
 * await app.listen({ port: 8802 });
 */
export function buildSignupApp(options: SignupAppOptions): FastifyInstance {
  const { client, workflow } = options;
  const timeout = options.workflowTimeoutSeconds ?? 3600;
  const app = Fastify({ logger: options.logger ?? false });

  const required = (query: Record<string, string | undefined>, name: string): string => {
    const value = query[name];
    if (!value) throw Object.assign(new Error(`missing query parameter '${name}'`), { statusCode: 400 });
    return value;
  };

  app.setErrorHandler((error, request, reply) => {
    const username = (request.query as Record<string, string | undefined>).username ?? '';
    if (error instanceof WorkflowNotExistsError) {
      return reply.code(404).send(`no sign-up in progress for ${username} (it may have completed already)`);
    }
    if (error instanceof RpcLockFailureError) {
      return reply.code(409).send(`another request for ${username} is being processed; try again`);
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send(error instanceof Error ? error.message : String(error));
  });

  app.get('/', async () => 'iwf workflow home');

  app.get<{ Querystring: Record<string, string | undefined> }>('/signup/submit', async (request, reply) => {
    const form: Form = {
      username: required(request.query, 'username'),
      email: required(request.query, 'email'),
      firstname: request.query.firstname || 'TestDefaultFirstName',
      lastname: request.query.lastname || 'TestDefaultLastName',
    };
    try {
      await client.startWorkflow(workflow, form.username, timeout, form);
    } catch (error) {
      if (error instanceof WorkflowAlreadyStartedError) {
        return reply.code(409).send(`username ${form.username} has already signed up`);
      }
      throw error;
    }
    return 'workflow started';
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/signup/verify', async (request) => {
    const username = required(request.query, 'username');
    return client.invokeRpc(workflow, username, 'verify', request.query.source ?? '');
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/signup/describe', async (request, reply) => {
    const username = required(request.query, 'username');
    return reply
      .header('content-type', 'application/json')
      .send(await client.invokeRpc(workflow, username, 'describe'));
  });

  app.register(workerRoutes, { workerService: options.workerService });
  return app;
}
