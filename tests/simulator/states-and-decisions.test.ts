import { describe, expect, it } from 'vitest';
import { enc, goTo, gracefulComplete } from '../../conformance/kit/index.ts';
import type { WorkflowStateDecideResponse } from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const skip = { stateOptions: { skipWaitUntil: true } };
const noWait = { skipWaitUntil: true };
const move = (...ids: string[]): WorkflowStateDecideResponse => ({
  stateDecision: { nextStates: ids.map((stateId) => ({ stateId, stateOptions: noWait })) },
});

describe('state executions and decisions (loop-2, ids-1, decisions-1)', () => {
  it('numbers executions per state id in queue order: [A, B, A] gives A-1, B-1, A-2', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => move('A', 'B', 'A') },
      A: { execute: () => goTo('_SYS_DEAD_END') },
      B: { execute: () => goTo('_SYS_DEAD_END') },
    });
    const { simulator, start } = setup(worker);
    await start('wf', skip);
    await simulator.runUntilIdle();
    expect(
      worker.callsOf('execute').map((c) => (c.body.context as { stateExecutionId: string }).stateExecutionId),
    ).toEqual(['S1-1', 'A-1', 'B-1', 'A-2']);
  });

  it('waits for every thread before graceful completion and collects each output', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () => ({
          stateDecision: { nextStates: [{ stateId: 'Fast', stateOptions: noWait }, { stateId: 'Slow' }] },
        }),
      },
      Fast: { execute: () => gracefulComplete(enc('fast')) },
      Slow: {
        waitUntil: () => ({
          commandRequest: { commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ durationSeconds: 60 }] },
        }),
        execute: () => gracefulComplete(enc('slow')),
      },
    });
    const { simulator, start, result, post } = setup(worker);
    await start('wf', skip);
    await simulator.advanceBy(30_000);
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
    const reply = await result('wf');
    expect(reply.body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [
        {
          completedStateId: 'Fast',
          completedStateExecutionId: 'Fast-1',
          completedStateOutput: enc('fast'),
        },
        {
          completedStateId: 'Slow',
          completedStateExecutionId: 'Slow-1',
          completedStateOutput: enc('slow'),
        },
      ],
    });
  });

  it('force-completes at once, abandoning other threads', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => move('Done', 'Waiting') },
      Done: {
        execute: () => ({
          stateDecision: {
            nextStates: [{ stateId: '_SYS_FORCE_COMPLETING_WORKFLOW', stateInput: enc(1) }],
          },
        }),
      },
      Waiting: {
        waitUntil: () => ({
          commandRequest: {
            commandWaitingType: 'ALL_COMPLETED',
            signalCommands: [{ signalChannelName: 'never' }],
          },
        }),
        execute: () => gracefulComplete(),
      },
    });
    const { start, result } = setup(worker);
    await start('wf', skip);
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateId: 'Done' }],
    });
  });

  it('keeps a workflow RUNNING when all its threads dead-end', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => move('A', 'B') },
      A: { execute: () => goTo('_SYS_DEAD_END') },
      B: { execute: () => goTo('_SYS_DEAD_END') },
    });
    const { start, result } = setup(worker);
    await start('wf', skip);
    expect((await result('wf', 10)).status).toBe(420);
  });

  it('fails with STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE and returns the outputs on force fail', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => move('A', 'B') },
      A: { execute: () => gracefulComplete(enc('a')) },
      B: {
        waitUntil: () => ({
          commandRequest: { commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ durationSeconds: 1 }] },
        }),
        execute: () => ({
          stateDecision: {
            nextStates: [{ stateId: '_SYS_FORCE_FAILING_WORKFLOW', stateInput: enc('why') }],
          },
        }),
      },
    });
    const { start, result } = setup(worker);
    await start('wf', skip);
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [
        { completedStateId: 'A', completedStateExecutionId: 'A-1', completedStateOutput: enc('a') },
        { completedStateId: 'B', completedStateExecutionId: 'B-1', completedStateOutput: enc('why') },
      ],
    });
  });

  it('omits results when no closing decision carried an output', async () => {
    const { start, result } = setup(new FakeWorker({ S1: { execute: () => gracefulComplete() } }));
    await start('wf', skip);
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'COMPLETED',
    });
  });

  it('fails with INVALID_USER_WORKFLOW_CODE_ERROR_TYPE when a closing id is mixed with other states, still applying the upsert', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () => ({
          upsertDataObjects: [{ key: 'k', value: enc('v') }],
          stateDecision: {
            nextStates: [{ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW' }, { stateId: 'S2' }],
          },
        }),
      },
    });
    const { start, result, post } = setup(worker);
    await start('wf', skip);
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'INVALID_USER_WORKFLOW_CODE_ERROR_TYPE',
      errorMessage:
        'invalid state decisions. Closing workflow decision cannot be combined with other state decisions',
    });
    expect(worker.callsOf('execute')).toHaveLength(1);
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'k', value: enc('v') }],
    });
  });

  it('force-completes on an empty internal channel, and otherwise proceeds with the next states', async () => {
    let round = 0;
    const worker = new FakeWorker({
      S1: { execute: () => gracefulComplete() },
      Drain: {
        waitUntil: () => ({
          commandRequest: {
            commandWaitingType: 'ALL_COMPLETED',
            interStateChannelCommands: [{ channelName: 'q' }],
          },
        }),
        execute: () => move('S1'),
      },
    });
    worker.states.S1!.execute = () => ({
      publishToInterStateChannel: round++ === 0 ? [{ channelName: 'q', value: enc(1) }] : [],
      stateDecision: {
        conditionalClose: {
          conditionalCloseType: 'FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY',
          channelName: 'q',
          closeInput: enc('closed'),
        },
        nextStates: [{ stateId: 'Drain' }],
      },
    });
    const { start, result } = setup(worker);
    await start('wf', skip);
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [
        {
          completedStateId: 'S1',
          completedStateExecutionId: 'S1-2',
          completedStateOutput: enc('closed'),
        },
      ],
    });
  });

  it('rejects the unsupported GRACEFUL_COMPLETE_ON_ALL_CHANNELS_EMPTY conditional close', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () => ({
          stateDecision: {
            conditionalClose: { conditionalCloseType: 'GRACEFUL_COMPLETE_ON_ALL_CHANNELS_EMPTY' },
            nextStates: [{ stateId: 'S1' }],
          },
        }),
      },
    });
    const { start, result } = setup(worker);
    await start('wf', skip);
    expect((await result('wf')).body).toMatchObject({
      errorType: 'INVALID_USER_WORKFLOW_CODE_ERROR_TYPE',
      errorMessage:
        'invalid state decisions. Unsupported ConditionalCloseType GRACEFUL_COMPLETE_ON_ALL_CHANNELS_EMPTY',
    });
  });

  it('sends execute the waitUntil state locals and commandResults, and no commandResults when waitUntil is skipped', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({ upsertStateLocals: [{ key: 'l', value: enc(1) }] }),
        execute: () => move('S2'),
      },
      S2: { execute: () => gracefulComplete() },
    });
    const { start, result } = setup(worker);
    await start('wf');
    await result('wf');
    const [first, second] = worker.callsOf('execute');
    expect(first!.body.stateLocals).toEqual([{ key: 'l', value: enc(1) }]);
    expect(first!.body.commandResults).toEqual({ stateStartApiSucceeded: true, stateWaitUntilFailed: false });
    expect(second!.body).not.toHaveProperty('commandResults');
  });
});
