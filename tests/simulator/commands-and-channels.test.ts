import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { CommandRequest, WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

function waitingOn(request: CommandRequest, seen: WorkflowStateDecideRequest[]) {
  return new FakeWorker({
    S1: {
      waitUntil: () => ({ commandRequest: request }),
      execute: (req) => {
        seen.push(req);
        return gracefulComplete();
      },
    },
  });
}

describe('commands and triggers (commands-1, channels-1, channels-3)', () => {
  it('fires a timer at the right virtual time and reports it FIRED', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = waitingOn(
      { commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ commandId: 't', durationSeconds: 45 }] },
      seen,
    );
    const { simulator, start, result } = setup(worker);
    await start('wf');
    const t0 = simulator.now();
    await result('wf');
    expect(worker.callsOf('execute')[0]!.at - t0).toBe(45_000);
    expect(seen[0]!.commandResults!.timerResults).toEqual([{ commandId: 't', timerStatus: 'FIRED' }]);
  });

  it('fires a timer only when the test advances time far enough, with auto-advance off', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = waitingOn(
      { deciderTriggerType: 'ALL_COMMAND_COMPLETED', timerCommands: [{ durationSeconds: 60 }] },
      seen,
    );
    const { simulator, start } = setup(worker, { autoAdvance: false });
    await start('wf');
    await simulator.advanceBy(59_999);
    expect(seen).toHaveLength(0);
    await simulator.advanceBy(1);
    expect(seen).toHaveLength(1);
  });

  it('fires past and zero-duration timers at once (B17)', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = waitingOn(
      {
        commandWaitingType: 'ALL_COMPLETED',
        timerCommands: [{ durationSeconds: -30 }, { durationSeconds: 0 }, { firingUnixTimestampSeconds: 1 }],
      },
      seen,
    );
    const { simulator, start, result } = setup(worker);
    await start('wf');
    const t0 = simulator.now();
    await result('wf');
    expect(simulator.now()).toBe(t0);
    expect(seen[0]!.commandResults!.timerResults!.map((t) => t.timerStatus)).toEqual([
      'FIRED',
      'FIRED',
      'FIRED',
    ]);
  });

  it('completes ANY on the first command and reports the others SCHEDULED or WAITING', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = waitingOn(
      {
        commandWaitingType: 'ANY_COMPLETED',
        timerCommands: [{ commandId: 't', durationSeconds: 3600 }],
        signalCommands: [
          { commandId: 'a', signalChannelName: 'approve' },
          { commandId: 'r', signalChannelName: 'reject' },
        ],
      },
      seen,
    );
    const { simulator, start, post, result } = setup(worker);
    await start('wf');
    await simulator.advanceBy(5_000);
    await post('signal', { workflowId: 'wf', signalChannelName: 'approve', signalValue: enc(true) });
    await result('wf');
    expect(seen[0]!.commandResults).toEqual({
      timerResults: [{ commandId: 't', timerStatus: 'SCHEDULED' }],
      signalResults: [
        {
          commandId: 'a',
          signalChannelName: 'approve',
          signalRequestStatus: 'RECEIVED',
          signalValue: enc(true),
        },
        { commandId: 'r', signalChannelName: 'reject', signalRequestStatus: 'WAITING' },
      ],
      stateStartApiSucceeded: true,
      stateWaitUntilFailed: false,
    });
  });

  it('waits for every command with ALL', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = waitingOn(
      {
        commandWaitingType: 'ALL_COMPLETED',
        timerCommands: [{ durationSeconds: 10 }],
        signalCommands: [{ signalChannelName: 'go' }],
      },
      seen,
    );
    const { simulator, start, post, result } = setup(worker, { autoAdvance: false });
    await start('wf');
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    await simulator.advanceBy(9_000);
    expect(seen).toHaveLength(0);
    await simulator.advanceBy(1_000);
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(seen[0]!.commandResults!.signalResults![0]).toMatchObject({
      signalRequestStatus: 'RECEIVED',
      signalValue: {},
    });
  });

  it('completes ANY_COMBINATION when a listed combination is covered, counting repeated ids', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = waitingOn(
      {
        commandWaitingType: 'ANY_COMBINATION_COMPLETED',
        signalCommands: [
          { commandId: 'S', signalChannelName: 'x' },
          { commandId: 'S', signalChannelName: 'x' },
          { commandId: 'T', signalChannelName: 'y' },
        ],
        commandCombinations: [{ commandIds: ['S', 'S'] }, { commandIds: ['T', 'S'] }],
      },
      seen,
    );
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('wf');
    await post('signal', { workflowId: 'wf', signalChannelName: 'x' });
    await simulator.runUntilIdle();
    expect(seen).toHaveLength(0);
    await post('signal', { workflowId: 'wf', signalChannelName: 'x' });
    await simulator.runUntilIdle();
    expect(seen[0]!.commandResults!.signalResults!.map((s) => s.signalRequestStatus)).toEqual([
      'RECEIVED',
      'RECEIVED',
      'WAITING',
    ]);
  });

  it('buffers signals sent before anyone waits and consumes each exactly once', async () => {
    let executes = 0;
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          commandRequest: {
            commandWaitingType: 'ALL_COMPLETED',
            signalCommands: [{ signalChannelName: 'tick' }],
          },
        }),
        execute: (req) => {
          executes++;
          const value = req.commandResults!.signalResults![0]!.signalValue;
          return value?.data === '3'
            ? gracefulComplete(enc(executes))
            : { stateDecision: { nextStates: [{ stateId: 'S1' }] } };
        },
      },
    });
    const { start, post, result } = setup(worker);
    for (const n of [1, 2, 3]) {
      expect(
        (
          await post('signal', {
            workflowId: 'wf',
            signalChannelName: 'tick',
            signalValue: { data: String(n) },
          })
        ).status,
      ).toBe(400);
    }
    await start('wf');
    for (const n of [1, 2, 3])
      await post('signal', { workflowId: 'wf', signalChannelName: 'tick', signalValue: { data: String(n) } });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateOutput: enc(3) }],
    });
  });

  it('delivers internal channel messages FIFO to waiting states and keeps the rest buffered', async () => {
    const received: string[] = [];
    const worker = new FakeWorker({
      S1: {
        execute: () => ({
          stateDecision: {
            nextStates: [
              { stateId: 'Consumer' },
              { stateId: 'Consumer' },
              { stateId: 'Producer', stateOptions: { skipWaitUntil: true } },
            ],
          },
        }),
      },
      Consumer: {
        waitUntil: () => ({
          commandRequest: {
            commandWaitingType: 'ALL_COMPLETED',
            interStateChannelCommands: [{ channelName: 'jobs' }],
          },
        }),
        execute: (req) => {
          received.push(
            `${req.context.stateExecutionId}:${req.commandResults!.interStateChannelResults![0]!.value!.data}`,
          );
          return { stateDecision: { nextStates: [{ stateId: '_SYS_DEAD_END' }] } };
        },
      },
      Producer: {
        execute: () => ({
          publishToInterStateChannel: [1, 2, 3].map((n) => ({ channelName: 'jobs', value: enc(n) })),
          stateDecision: { nextStates: [{ stateId: '_SYS_DEAD_END' }] },
        }),
      },
    });
    const rpcWorker = worker;
    rpcWorker.rpcs.size = (req) => ({ output: enc(req.internalChannelInfos) });
    const { simulator, start, post } = setup(worker);
    await start('wf', { stateOptions: { skipWaitUntil: true } });
    await simulator.runUntilIdle();
    expect(received).toEqual(['Consumer-1:1', 'Consumer-2:2']);
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'size' })).body).toEqual({
      output: enc({ jobs: { size: 1 } }),
    });
  });

  it('lets a state consume a message it published in its own waitUntil', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          publishToInterStateChannel: [{ channelName: 'self' }],
          commandRequest: {
            commandWaitingType: 'ALL_COMPLETED',
            interStateChannelCommands: [{ commandId: 'c', channelName: 'self' }],
          },
        }),
        execute: (req) => {
          seen.push(req);
          return gracefulComplete();
        },
      },
    });
    const { start, result } = setup(worker);
    await start('wf');
    await result('wf');
    expect(seen[0]!.commandResults!.interStateChannelResults).toEqual([
      { commandId: 'c', channelName: 'self', requestStatus: 'RECEIVED' },
    ]);
  });

  it('skips a timer by index so it is reported FIRED, and answers 400 for timers that do not exist', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = waitingOn(
      {
        commandWaitingType: 'ALL_COMPLETED',
        timerCommands: [{ commandId: 'long', durationSeconds: 86_400 }],
      },
      seen,
    );
    const { simulator, start, post, result } = setup(worker, { autoAdvance: false });
    await start('wf');
    await simulator.runUntilIdle();
    const missing = await post('timer/skip', {
      workflowId: 'wf',
      workflowStateExecutionId: 'S1-1',
      timerCommandIndex: 3,
    });
    expect(missing).toEqual({
      status: 400,
      body: {
        detail: "invalid request - requested timer command doesn't exist",
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    });
    const t0 = simulator.now();
    expect(
      await post('timer/skip', { workflowId: 'wf', workflowStateExecutionId: 'S1-1', timerCommandIndex: 0 }),
    ).toEqual({ status: 200, body: {} });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(simulator.now()).toBe(t0);
    expect(seen[0]!.commandResults!.timerResults).toEqual([{ commandId: 'long', timerStatus: 'FIRED' }]);
    expect(simulator.history('wf').some((e) => e.type === 'TimerSkipped')).toBe(true);
  });

  it('fails the state when commands come without a trigger type (B10)', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({ commandRequest: { timerCommands: [{ durationSeconds: 1 }] } }),
        execute: () => gracefulComplete(),
      },
    });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 1 } } });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'FAILED',
      errorType: 'STATE_API_FAIL_ERROR_TYPE',
      errorMessage:
        'err msg: unsupported decider trigger type , response: {"commandRequest":{"timerCommands":[{"durationSeconds":1}]}}',
    });
  });
});
