import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

/**
 * What a reset re-applies after its point besides user signals, measured on iWF ed9f8c2 / Temporal
 * 1.31.2: timer skips (signals to the workflow) and locking RPCs (updates, whose handler runs again
 * and calls the worker's RPC again).
 */
const hourTimer: WorkflowStateStartResponse = {
  commandRequest: { deciderTriggerType: 'ALL_COMMAND_COMPLETED', timerCommands: [{ durationSeconds: 3600 }] },
};
const waitForNever: WorkflowStateStartResponse = {
  commandRequest: {
    deciderTriggerType: 'ALL_COMMAND_COMPLETED',
    signalCommands: [{ commandId: 's', signalChannelName: 'never' }],
  },
};

function skippedTimerWorkflow() {
  const worker = new FakeWorker({
    S1: {
      waitUntil: () => hourTimer,
      execute: () => ({ stateDecision: { nextStates: [{ stateId: 'S2' }] } }),
    },
    S2: { waitUntil: () => waitForNever, execute: () => gracefulComplete() },
  });
  return { worker, ...setup(worker) };
}

describe('reset re-applies timer skips (measured)', () => {
  it('a workflow whose timer was skipped skips it again after a reset to BEGINNING, and after a reset of that run to the state (reset-3)', async () => {
    const { worker, simulator, post, start } = skippedTimerWorkflow();
    await start('wf');
    await simulator.runUntilIdle();
    const skip = { workflowId: 'wf', workflowStateExecutionId: 'S1-1', timerCommandIndex: 0 };
    expect((await post('timer/skip', skip)).status).toBe(200);
    await simulator.runUntilIdle();
    expect(worker.callsOf('waitUntil', 'S2')).toHaveLength(1);

    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING' });
    await simulator.runUntilIdle();
    // No time passed: the hour timer was skipped again as soon as S1 waited on it.
    expect(worker.callsOf('execute', 'S1')).toHaveLength(2);
    expect(worker.callsOf('waitUntil', 'S2')).toHaveLength(2);

    await post('reset', { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S1' });
    await simulator.runUntilIdle();
    expect(worker.callsOf('execute', 'S1')).toHaveLength(3);
  });

  it('with skipSignalReapply the reset run waits for the timer again (reset-3)', async () => {
    const { worker, simulator, post, start } = skippedTimerWorkflow();
    await start('wf');
    await simulator.runUntilIdle();
    await post('timer/skip', { workflowId: 'wf', workflowStateExecutionId: 'S1-1', timerCommandIndex: 0 });
    await simulator.runUntilIdle();
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING', skipSignalReapply: true });
    await simulator.advanceBy(3_599_000);
    expect(worker.callsOf('execute', 'S1')).toHaveLength(1);
    await simulator.advanceBy(1_000);
    expect(worker.callsOf('execute', 'S1')).toHaveLength(2);
  });
});

function counterRpcWorkflow() {
  let calls = 0;
  const worker = new FakeWorker(
    { S1: { waitUntil: () => waitForNever, execute: () => gracefulComplete() } },
    {
      inc: () => {
        calls++;
        return { output: enc(calls), upsertDataAttributes: [{ key: 'k', value: enc(`v${calls}`) }] };
      },
    },
  );
  return { worker, ...setup(worker) };
}

const exclusiveK = {
  persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
  partialLoadingKeys: ['k'],
  lockingKeys: ['k'],
};

describe('reset re-runs locking RPCs (measured)', () => {
  it('a locking RPC after the point calls the worker again with the same input, and its new answer is applied (reset-3)', async () => {
    const { worker, simulator, post, start } = counterRpcWorkflow();
    await start('wf');
    await simulator.runUntilIdle();
    const rpc = {
      workflowId: 'wf',
      rpcName: 'inc',
      input: enc('x'),
      dataAttributesLoadingPolicy: exclusiveK,
    };
    expect((await post('rpc', rpc)).body).toEqual({ output: enc(1) });

    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING', skipSignalReapply: true });
    await simulator.runUntilIdle();
    const rpcCalls = worker.callsOf('rpc');
    expect(rpcCalls).toHaveLength(2);
    expect(rpcCalls[1]!.body.input).toEqual(enc('x'));
    expect((await post('dataobjects/get', { workflowId: 'wf', keys: ['k'] })).body).toEqual({
      objects: [{ key: 'k', value: enc('v2') }],
    });
  });

  it('skipUpdateReapply leaves the locking RPC out: no call, none of its writes (reset-3)', async () => {
    const { worker, simulator, post, start } = counterRpcWorkflow();
    await start('wf');
    await simulator.runUntilIdle();
    await post('rpc', { workflowId: 'wf', rpcName: 'inc', dataAttributesLoadingPolicy: exclusiveK });
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING', skipUpdateReapply: true });
    await simulator.runUntilIdle();
    expect(worker.callsOf('rpc')).toHaveLength(1);
    expect((await post('dataobjects/get', { workflowId: 'wf', keys: ['k'] })).body).toEqual({});
  });

  it('a non-locking RPC is not called again: its recorded writes are re-applied as the signal they were (reset-3)', async () => {
    const { worker, simulator, post, start } = counterRpcWorkflow();
    await start('wf');
    await simulator.runUntilIdle();
    await post('rpc', { workflowId: 'wf', rpcName: 'inc' });
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING' });
    await simulator.runUntilIdle();
    expect(worker.callsOf('rpc')).toHaveLength(1);
    expect((await post('dataobjects/get', { workflowId: 'wf', keys: ['k'] })).body).toEqual({
      objects: [{ key: 'k', value: enc('v1') }],
    });
  });
});

describe('a reset of a reset run keeps what the first reset re-applied at the beginning (measured)', () => {
  it('signals re-applied by a reset to BEGINNING stay through a second reset to BEGINNING with skipSignalReapply (reset-3)', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          commandRequest: {
            deciderTriggerType: 'ALL_COMMAND_COMPLETED',
            signalCommands: [{ commandId: 's', signalChannelName: 'go' }],
          },
        }),
        execute: () => gracefulComplete(enc('done')),
      },
    });
    const { simulator, post, start, result } = setup(worker);
    await start('wf');
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    await result('wf');
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING' });
    await simulator.runUntilIdle();
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING', skipSignalReapply: true });
    expect(((await result('wf')).body as { workflowStatus: string }).workflowStatus).toBe('COMPLETED');
    await post('reset', { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S1', skipSignalReapply: true });
    expect(((await result('wf')).body as { workflowStatus: string }).workflowStatus).toBe('COMPLETED');
    expect(worker.callsOf('execute', 'S1')).toHaveLength(4);
  });

  it('a locking RPC re-run by a reset to BEGINNING runs again in a second reset to BEGINNING with skipUpdateReapply (reset-3)', async () => {
    const { worker, simulator, post, start } = counterRpcWorkflow();
    await start('wf');
    await simulator.runUntilIdle();
    await post('rpc', { workflowId: 'wf', rpcName: 'inc', dataAttributesLoadingPolicy: exclusiveK });
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING' });
    await simulator.runUntilIdle();
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING', skipUpdateReapply: true });
    await simulator.runUntilIdle();
    expect(worker.callsOf('rpc')).toHaveLength(3);
    expect((await post('dataobjects/get', { workflowId: 'wf', keys: ['k'] })).body).toEqual({
      objects: [{ key: 'k', value: enc('v3') }],
    });
  });
});
