import { describe, expect, it } from 'vitest';
import { Registry, WorkerService } from '../../sdk/index.ts';
import { RecordingEmailSender } from '../../workflows/signup/emails.ts';
import { createSignupWorkflow } from '../../workflows/signup/signup-workflow.ts';
import { readTranscript, withoutEmptyLists } from './transcript.ts';

const exchanges = readTranscript('signup-real-iwf.jsonl');
const workerExchanges = exchanges.filter((e) => e.label === 'worker');

function signupWorker(emails = new RecordingEmailSender()) {
  const workflow = createSignupWorkflow({ emails, reminderIntervalSeconds: 10 });
  const registry = new Registry().addWorkflow(workflow);
  return { worker: new WorkerService(registry), emails };
}

describe('the worker service, against the official Python sample on a real server', () => {
  it.each(workerExchanges.map((e, i) => [`${i + 1}: ${e.path}`, e] as const))(
    'answers recorded request %s as the Python SDK did (ignoring its empty lists)',
    async (_name, exchange) => {
      const { worker } = signupWorker();
      const reply = await worker.handle(exchange.path, exchange.request);
      expect(reply.status).toBe(200);
      expect(withoutEmptyLists(reply.body)).toEqual(withoutEmptyLists(exchange.response));
    },
  );

  it('reads the execute request’s data attributes from `DataObjects`, with a capital D', async () => {
    const decide = workerExchanges.find((e) => e.path.endsWith('/decide') && 'DataObjects' in e.request);
    const { worker, emails } = signupWorker();
    await worker.handle(decide!.path, decide!.request);
    expect(emails.sent[0]?.to).toBe('alice@example.com');
  });
});

describe('worker errors', () => {
  it('answers a failing state with 500 and a WorkerErrorResponse whose detail starts like the Python SDK’s', async () => {
    const { worker } = signupWorker();
    const reply = await worker.handle('/api/v1/workflowState/decide', {
      context: {
        workflowId: 'w',
        workflowRunId: 'r',
        workflowStartedTimestamp: 1,
        stateExecutionId: 'VerifyState-1',
      },
      workflowType: 'UserSignupWorkflow',
      workflowStateId: 'VerifyState',
      commandResults: { stateStartApiSucceeded: true, stateWaitUntilFailed: false },
    });
    expect(reply.status).toBe(500);
    expect(reply.body).toMatchObject({
      errorType: 'Error',
      detail: expect.stringMatching(
        /^WorkerExecutionError: VerifyState ran before SubmitState stored the form/,
      ),
    });
  });

  it('answers an unknown RPC with 400 RpcNotFound, naming the known ones', async () => {
    const { worker } = signupWorker();
    const reply = await worker.handle('/api/v1/workflowWorker/rpc', {
      context: { workflowId: 'w', workflowRunId: 'r', workflowStartedTimestamp: 1 },
      workflowType: 'UserSignupWorkflow',
      rpcName: 'NoSuchRpc',
    });
    expect(reply).toEqual({
      status: 400,
      body: {
        errorType: 'RpcNotFound',
        detail: 'unknown rpc "NoSuchRpc" of workflow UserSignupWorkflow (known: verify, describe)',
      },
    });
  });

  it('answers an unknown workflow type with 400, saying how to register it', async () => {
    const { worker } = signupWorker();
    const reply = await worker.handle('/api/v1/workflowState/start', {
      context: { workflowId: 'w', workflowRunId: 'r', workflowStartedTimestamp: 1 },
      workflowType: 'Nope',
      workflowStateId: 'S',
    });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toMatch(
      /workflow type Nope is not registered: add it with registry.addWorkflow/,
    );
  });

  it('accepts the doubled slash the Python SDK’s own tests post to', async () => {
    const start = workerExchanges.find((e) => e.path.endsWith('/start'))!;
    const { worker } = signupWorker();
    expect((await worker.handle(`/${start.path}`, start.request)).status).toBe(200);
  });
});
