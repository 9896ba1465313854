import { describe, expect, it } from 'vitest';
import { deadEnd, enc, goTo, gracefulComplete } from '../../conformance/kit/index.ts';
import type { CommandRequest, WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { FakeWorker, noState, setup, sig, startedByRpc } from './fake-worker.ts';

describe('commands and trigger types', () => {
  it('a waitUntil without commands is satisfied at once: execute follows immediately with only the two flags (commands-2)', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: () => ({ commandRequest: { timerCommands: [] } }), execute: () => gracefulComplete() },
    });
    const { simulator, start, result } = setup(worker, { autoAdvance: false });
    const t0 = simulator.now();
    await start('wf');
    await simulator.runUntilIdle();
    expect((await result('wf', 1)).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    const execute = worker.callsOf('execute')[0]!;
    expect(execute.at).toBe(t0);
    expect(execute.body.commandResults).toEqual({
      stateStartApiSucceeded: true,
      stateWaitUntilFailed: false,
    });
  });

  it('once the trigger is met the other commands stop waiting: a message already there is taken, later ones are left for others (commands-3)', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const request: CommandRequest = {
      commandWaitingType: 'ANY_COMPLETED',
      signalCommands: [sig('x'), sig('y')],
    };
    const worker = startedByRpc(request, seen, () => goTo({ stateId: 'S2' }));
    const { simulator, start, post } = setup(worker);
    await start('both', noState);
    await post('signal', { workflowId: 'both', signalChannelName: 'x', signalValue: enc('x1') });
    await post('signal', { workflowId: 'both', signalChannelName: 'y', signalValue: enc('y1') });
    await post('rpc', { workflowId: 'both', rpcName: 'go' });
    await simulator.runUntilIdle();
    expect(seen[0]!.commandResults!.signalResults!.map((s) => s.signalRequestStatus)).toEqual([
      'RECEIVED',
      'RECEIVED',
    ]);

    seen.length = 0;
    await start('one', noState);
    await post('signal', { workflowId: 'one', signalChannelName: 'x', signalValue: enc('x1') });
    await post('rpc', { workflowId: 'one', rpcName: 'go' });
    await simulator.runUntilIdle();
    expect(seen[0]!.commandResults!.signalResults).toEqual([
      { commandId: 'x', signalChannelName: 'x', signalRequestStatus: 'RECEIVED', signalValue: enc('x1') },
      { commandId: 'y', signalChannelName: 'y', signalRequestStatus: 'WAITING' },
    ]);
    await post('signal', { workflowId: 'one', signalChannelName: 'y', signalValue: enc('y-late') });
    await simulator.runUntilIdle();
    expect(seen[1]!.commandResults!.signalResults![0]).toMatchObject({
      signalRequestStatus: 'RECEIVED',
      signalValue: enc('y-late'),
    });
  });

  it('timer infos exist only from the end of waitUntil until the command wait finishes: a skip afterwards answers 400 (commands-6)', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          commandRequest: {
            commandWaitingType: 'ANY_COMPLETED',
            timerCommands: [{ commandId: 't', durationSeconds: 3600 }],
            signalCommands: [sig('go')],
          },
        }),
        execute: () => goTo({ stateId: 'S2' }),
      },
      S2: {
        waitUntil: () => ({
          commandRequest: { commandWaitingType: 'ALL_COMPLETED', signalCommands: [sig('never')] },
        }),
        execute: deadEnd,
      },
    });
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('wf');
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    await simulator.runUntilIdle();
    expect(worker.callsOf('waitUntil', 'S2')).toHaveLength(1);
    expect(
      await post('timer/skip', { workflowId: 'wf', workflowStateExecutionId: 'S1-1', timerCommandId: 't' }),
    ).toEqual({
      status: 400,
      body: {
        detail: "invalid request - requested timer command doesn't exist",
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    });
  });

  it('several signal commands on one channel each take one message, the earlier command first (commands-4)', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const request: CommandRequest = {
      commandWaitingType: 'ALL_COMPLETED',
      signalCommands: [sig('first', 'x'), sig('second', 'x')],
    };
    const worker = startedByRpc(request, seen);
    const { simulator, start, post } = setup(worker);
    await start('wf', noState);
    await post('rpc', { workflowId: 'wf', rpcName: 'go' });
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'x', signalValue: enc(1) });
    await simulator.runUntilIdle();
    expect(seen).toHaveLength(0);
    await post('signal', { workflowId: 'wf', signalChannelName: 'x', signalValue: enc(2) });
    await simulator.runUntilIdle();
    expect(seen[0]!.commandResults!.signalResults!.map((s) => [s.commandId, s.signalValue])).toEqual([
      ['first', enc(1)],
      ['second', enc(2)],
    ]);
  });
});
