import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { PersistenceLoadingPolicy, WorkflowWorkerRpcResponse } from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const lockStatus: PersistenceLoadingPolicy = {
  persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
  partialLoadingKeys: ['status'],
  lockingKeys: ['status'],
};

/** A state waiting on the internal channel `verify`; a slow RPC the test answers; a fast one. */
function verifyWorkflow() {
  let answerSlow: (response: WorkflowWorkerRpcResponse) => void = () => {};
  const worker = new FakeWorker(
    {
      S1: {
        waitUntil: () => ({
          commandRequest: {
            deciderTriggerType: 'ALL_COMMAND_COMPLETED',
            interStateChannelCommands: [{ commandId: 'v', channelName: 'verify' }],
          },
        }),
        execute: () => gracefulComplete(enc('welcome')),
      },
    },
    {
      slow: () => new Promise((resolve) => (answerSlow = resolve)),
      fast: () => ({ output: enc('fast') }),
    },
  );
  return { worker, answerSlow: (response: WorkflowWorkerRpcResponse) => answerSlow(response) };
}

const rpc = (rpcName: string) => ({ workflowId: 'wf', rpcName, dataAttributesLoadingPolicy: lockStatus });
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('locking RPCs that arrive while another locking RPC runs (measured on the real server)', () => {
  it('accepts a locking RPC arriving while another holds its keys and runs it after, instead of answering 450', async () => {
    const { worker, answerSlow } = verifyWorkflow();
    const { post, start } = setup(worker);
    await start('wf');
    await turn();
    const slow = post('rpc', rpc('slow'));
    await turn();
    const fast = post('rpc', rpc('fast'));
    await turn();
    expect(worker.callsOf('rpc').map((c) => c.body.rpcName)).toEqual(['slow']);
    answerSlow({ output: enc('slow') });
    expect(await slow).toEqual({ status: 200, body: { output: enc('slow') } });
    expect(await fast).toEqual({ status: 200, body: { output: enc('fast') } });
    expect(worker.callsOf('rpc').map((c) => c.body.rpcName)).toEqual(['slow', 'fast']);
  });

  it('answers 500 AcceptedUpdateCompletedWorkflow to a queued locking RPC whose workflow completes before it gets the keys', async () => {
    const { worker, answerSlow } = verifyWorkflow();
    const { post, start, result } = setup(worker);
    await start('wf');
    await turn();
    const slow = post('rpc', rpc('slow'));
    await turn();
    const queued = post('rpc', rpc('fast'));
    await turn();
    await post('publishToInternalChannel', { workflowId: 'wf', messages: [{ channelName: 'verify' }] });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(await queued).toEqual({
      status: 500,
      body: {
        detail:
          'Workflow Update failed because the Workflow completed before the Update completed. (type: AcceptedUpdateCompletedWorkflow, retryable: false)',
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    });
    answerSlow({ output: enc('slow') });
    expect((await slow).status).toBe(200);
    expect(worker.callsOf('rpc').map((c) => c.body.rpcName)).toEqual(['slow']);
  });
});
