import { describe, expect, it } from 'vitest';
import { deadEnd, enc, goTo, gracefulComplete, noWait } from '../../conformance/kit/index.ts';
import type { WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import { FakeWorker, noState, runIdOf, setup } from './fake-worker.ts';

const channelCommands = (channel: string, n: number): WorkflowStateStartResponse => ({
  commandRequest: {
    commandWaitingType: 'ALL_COMPLETED',
    interStateChannelCommands: Array.from({ length: n }, (_, i) => ({
      commandId: `c${i}`,
      channelName: channel,
    })),
  },
});

const infos = (field: 'internalChannelInfos' | 'signalChannelInfos') =>
  ((req: Record<string, unknown>) => ({ output: enc(req[field]) })) as never;

describe('internal channels', () => {
  it('a channel keeps messages with or without value in FIFO order until consumed, and leaves internalChannelInfos once empty (channels-1)', async () => {
    const values: unknown[] = [];
    const worker = new FakeWorker(
      {
        C: {
          waitUntil: () => channelCommands('c', 3),
          execute: (req) => {
            values.push(...req.commandResults!.interStateChannelResults!.map((r) => r.value ?? 'none'));
            return deadEnd();
          },
        },
      },
      { peek: infos('internalChannelInfos'), consume: () => goTo({ stateId: 'C' }) },
    );
    const { simulator, start, post } = setup(worker);
    await start('wf', noState);
    await post('publishToInternalChannel', {
      workflowId: 'wf',
      messages: [
        { channelName: 'c', value: enc(1) },
        { channelName: 'c' },
        { channelName: 'c', value: enc(3) },
      ],
    });
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).body).toEqual({
      output: enc({ c: { size: 3 } }),
    });
    await post('rpc', { workflowId: 'wf', rpcName: 'consume' });
    await simulator.runUntilIdle();
    expect(values).toEqual([enc(1), 'none', enc(3)]);
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).body).toEqual({ output: enc({}) });
  });

  it('waitUntil, execute, RPC and the publish API all publish into the channel; each message is consumed once (channels-1)', async () => {
    const values: unknown[] = [];
    const worker = new FakeWorker(
      {
        P: {
          waitUntil: () => ({
            publishToInterStateChannel: [{ channelName: 'c', value: enc('waitUntil') }],
          }),
          execute: () => ({
            publishToInterStateChannel: [{ channelName: 'c', value: enc('execute') }],
            ...deadEnd(),
          }),
        },
        C: {
          waitUntil: () => channelCommands('c', 4),
          execute: (req) => {
            values.push(...req.commandResults!.interStateChannelResults!.map((r) => r.value));
            return deadEnd();
          },
        },
        Late: {
          waitUntil: () => channelCommands('c', 1),
          execute: () => deadEnd(),
        },
      },
      {
        peek: infos('internalChannelInfos'),
        produce: () => ({
          publishToInterStateChannel: [{ channelName: 'c', value: enc('rpc') }],
          ...goTo({ stateId: 'P' }),
        }),
        consume: () => goTo({ stateId: 'C' }, { stateId: 'Late' }),
      },
    );
    const { simulator, start, post } = setup(worker);
    await start('wf', noState);
    await post('publishToInternalChannel', {
      workflowId: 'wf',
      messages: [{ channelName: 'c', value: enc('api') }],
    });
    await post('rpc', { workflowId: 'wf', rpcName: 'produce' });
    await simulator.runUntilIdle();
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).body).toEqual({
      output: enc({ c: { size: 4 } }),
    });
    await post('rpc', { workflowId: 'wf', rpcName: 'consume' });
    await simulator.runUntilIdle();
    expect(values).toEqual([enc('api'), enc('rpc'), enc('waitUntil'), enc('execute')]);
    expect(worker.callsOf('execute', 'Late')).toHaveLength(0);
  });
});

describe('signal channels', () => {
  it('unconsumed signals stay buffered and are carried over continue-as-new (channels-3)', async () => {
    const worker = new FakeWorker({}, { peek: infos('signalChannelInfos') });
    const { start, post } = setup(worker);
    const first = runIdOf(await start('wf', noState));
    await post('signal', { workflowId: 'wf', signalChannelName: 'b', signalValue: enc(1) });
    await post('signal', { workflowId: 'wf', signalChannelName: 'b' });
    await post('triggerContinueAsNew', { workflowId: 'wf' });
    expect(runIdOf(await post('get', { workflowId: 'wf' }))).not.toBe(first);
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).body).toEqual({
      output: enc({ b: { size: 2 } }),
    });
  });

  it('a signal to a closed workflow answers 400 WORKFLOW_NOT_EXISTS_SUB_STATUS (errors-3)', async () => {
    const { start, post, result } = setup(new FakeWorker({ S1: { execute: () => gracefulComplete() } }));
    await start('wf', { stateOptions: noWait });
    await result('wf');
    expect(await post('signal', { workflowId: 'wf', signalChannelName: 'x' })).toEqual({
      status: 400,
      body: { detail: 'workflow execution already completed', subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS' },
    });
  });
});
