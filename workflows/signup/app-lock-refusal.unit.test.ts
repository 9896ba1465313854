import { Client, Registry, WorkerService } from 'iwf-ts/sdk';
import { describe, expect, it } from 'vitest';
import { buildSignupApp } from './app.ts';
import { RecordingEmailSender } from './emails.ts';
import { createSignupWorkflow } from './signup-workflow.ts';

const refusal = {
  status: 450,
  body: {
    detail: 'requested data or search attributes are being locked by other operations',
    subStatus: 'WORKER_API_ERROR',
  },
};

/** The sign-up app with an iWF server that refuses the first `refusals` RPCs, then answers `answer`. */
function appWithLockedServer(refusals: number, answer: string | { status: number; body: unknown }) {
  const workflow = createSignupWorkflow({ emails: new RecordingEmailSender(), reminderIntervalSeconds: 10 });
  const registry = new Registry().addWorkflow(workflow);
  const rpcCalls: unknown[] = [];
  const client = new Client(registry, {
    workerUrl: 'http://app.test',
    transport: {
      post: async (_path, body) => {
        rpcCalls.push(body);
        if (rpcCalls.length <= refusals) return refusal;
        if (typeof answer !== 'string') return answer;
        return { status: 200, body: { output: { encoding: 'json', data: JSON.stringify(answer) } } };
      },
    },
  });
  const app = buildSignupApp({ client, workflow, workerService: new WorkerService(registry) });
  const verify = async () => {
    const response = await app.inject({ method: 'GET', url: '/signup/verify?username=ada&source=email' });
    return { status: response.statusCode, body: response.body, retryAfter: response.headers['retry-after'] };
  };
  return { verify, rpcCalls };
}

describe('the sign-up app when the server refuses verify because its lock is held (450)', () => {
  it('retries a refused verify and answers what the retry got', async () => {
    const { verify, rpcCalls } = appWithLockedServer(2, 'already verified');
    expect(await verify()).toEqual({ status: 200, body: 'already verified', retryAfter: undefined });
    expect(rpcCalls).toHaveLength(3);
  });

  it('answers 409 with Retry-After and a message to try again when three calls in a row are refused', async () => {
    const { verify, rpcCalls } = appWithLockedServer(3, 'done');
    expect(await verify()).toEqual({
      status: 409,
      body: 'another request for ada is being processed; try again',
      retryAfter: '1',
    });
    expect(rpcCalls).toHaveLength(3);
  });

  it('answers 404 like a completed sign-up when the retried verify was accepted just as the sign-up completed', async () => {
    const { verify } = appWithLockedServer(1, {
      status: 500,
      body: {
        detail:
          'Workflow Update failed because the Workflow completed before the Update completed. (type: AcceptedUpdateCompletedWorkflow, retryable: false)',
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    });
    expect(await verify()).toEqual({
      status: 404,
      body: 'no sign-up in progress for ada (it may have completed already)',
      retryAfter: undefined,
    });
  });
});
