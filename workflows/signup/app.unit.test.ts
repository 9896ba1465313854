import { Client, fetchTransport, Registry, WorkerService } from 'iwf-ts/sdk';
import { Simulator } from 'iwf-ts/simulator';
import { simulatorHandler } from 'iwf-ts/simulator/msw';
import { inProcessWorkerTransport } from 'iwf-ts/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSignupApp } from './app.ts';
import { RecordingEmailSender } from './emails.ts';
import { createSignupWorkflow } from './signup-workflow.ts';

const IWF_URL = 'http://iwf.test:8801';
const emails = new RecordingEmailSender();
const workflow = createSignupWorkflow({ emails, reminderIntervalSeconds: 24 * 3600 });
const registry = new Registry().addWorkflow(workflow);
const workerService = new WorkerService(registry);
let simulator = new Simulator({ workerTransport: inProcessWorkerTransport(workerService) });
// The app builds its client from a URL, as in production; msw routes that URL into the simulator.
const app = buildSignupApp({
  client: new Client(registry, { transport: fetchTransport(IWF_URL), workerUrl: 'http://app.test' }),
  workflow,
  workerService,
});
const mswServer = setupServer(simulatorHandler(simulator, IWF_URL));

beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  await simulator.close();
  simulator = new Simulator({ workerTransport: inProcessWorkerTransport(workerService) });
  mswServer.resetHandlers(simulatorHandler(simulator, IWF_URL));
  emails.sent.length = 0;
});
afterAll(async () => {
  mswServer.close();
  await app.close();
});

const get = async (url: string) => {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.body };
};

describe('the sign-up app, with its iWF client routed to the simulator by msw', () => {
  it('starts a sign-up on submit, verifies it, and completes the workflow', async () => {
    expect(await get('/signup/submit?username=ada&email=ada@example.com')).toEqual({
      status: 200,
      body: 'workflow started',
    });
    // submit answers once SubmitState has stored the form, so describe sees it at once.
    const described = await get('/signup/describe?username=ada');
    expect(JSON.parse(described.body)).toEqual([
      {
        username: 'ada',
        email: 'ada@example.com',
        firstname: 'TestDefaultFirstName',
        lastname: 'TestDefaultLastName',
      },
      'waiting',
      null,
    ]);
    expect(await get('/signup/verify?username=ada&source=email')).toEqual({ status: 200, body: 'done' });
    await simulator.runUntilIdle();
    expect(emails.sent.map((e) => e.kind)).toEqual(['verification', 'welcome']);
    // Submit waited for SubmitState-1: the server's helper workflow for it completed too.
    expect(simulator.listWorkflows()).toMatchObject([
      { workflowId: 'ada', status: 'COMPLETED' },
      { workflowId: '__IwfSystem_ada_SubmitState-1', status: 'COMPLETED' },
    ]);
  });

  it('answers 409 to a second submit for the same username', async () => {
    await get('/signup/submit?username=ada&email=ada@example.com');
    expect(await get('/signup/submit?username=ada&email=ada@example.com')).toEqual({
      status: 409,
      body: 'username ada has already signed up',
    });
  });

  it('answers 400 naming the missing parameter', async () => {
    expect(await get('/signup/submit?username=ada')).toMatchObject({
      status: 400,
      body: expect.stringContaining("'email'"),
    });
  });

  it('answers each of eight verify clicks at the same moment with done once and already verified otherwise', async () => {
    await get('/signup/submit?username=ada&email=ada@example.com');
    // The server refuses most of them with 450 (delivered together, the first takes the lock); the
    // app retries a refused verify, which then sees the winner's change.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => get(`/signup/verify?username=ada&source=device-${i}`)),
    );
    expect(answers.filter((a) => a.body === 'done')).toEqual([{ status: 200, body: 'done' }]);
    for (const answer of answers.filter((a) => a.body !== 'done'))
      expect([
        { status: 200, body: 'already verified' },
        // The welcome state may have completed the sign-up before a retry got through.
        { status: 404, body: 'no sign-up in progress for ada (it may have completed already)' },
      ]).toContainEqual(answer);
    expect(answers.filter((a) => a.body === 'already verified').length).toBeGreaterThan(0);
    await simulator.runUntilIdle();
    expect(emails.sent.filter((e) => e.kind === 'welcome')).toHaveLength(1);
  });

  it('answers 404 to verify for a username that never signed up', async () => {
    expect(await get('/signup/verify?username=nobody&source=email')).toMatchObject({ status: 404 });
  });
});
