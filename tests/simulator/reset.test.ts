import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const skip = { skipWaitUntil: true };

/** The integ `reset` workflow: S1 → S2 looped with input 1..5, then graceful completion with "5". */
function loopWorker() {
  return new FakeWorker({
    S1: {
      execute: (req) => ({
        stateDecision: { nextStates: [{ stateId: 'S2', stateInput: req.stateInput, stateOptions: skip }] },
      }),
    },
    S2: {
      execute: (req: WorkflowStateDecideRequest) => {
        const i = Number(req.stateInput?.data);
        if (i < 5)
          return {
            stateDecision: {
              nextStates: [
                { stateId: 'S2', stateInput: { encoding: 'json', data: String(i + 1) }, stateOptions: skip },
              ],
            },
          };
        return {
          stateDecision: {
            nextStates: [{ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW', stateInput: req.stateInput }],
          },
        };
      },
    },
  });
}

const s2Output = {
  completedStateId: 'S2',
  completedStateExecutionId: 'S2-5',
  completedStateOutput: { encoding: 'json', data: '5' },
};

/** A state that waits for a signal, counts it in a data attribute and completes with the count. */
function signalCounterWorker() {
  return new FakeWorker({
    S1: {
      waitUntil: () => ({
        commandRequest: {
          deciderTriggerType: 'ALL_COMMAND_COMPLETED',
          signalCommands: [{ commandId: 's', signalChannelName: 'go' }],
        },
      }),
      execute: (req) => ({
        upsertDataObjects: [{ key: 'seen', value: req.commandResults?.signalResults?.[0]?.signalValue }],
        stateDecision: { nextStates: [{ stateId: 'S2' }] },
      }),
    },
    S2: {
      waitUntil: () => ({
        commandRequest: {
          deciderTriggerType: 'ALL_COMMAND_COMPLETED',
          signalCommands: [{ commandId: 's', signalChannelName: 'go' }],
        },
      }),
      execute: (req) => gracefulComplete(enc(req.commandResults?.signalResults?.[0]?.signalValue?.data)),
    },
  });
}

describe('reset (reset-2)', () => {
  it('STATE_ID and STATE_EXECUTION_ID re-execute from that point with rewound counters (integ reset_by_state_id) (reset-2)', async () => {
    const worker = loopWorker();
    const { post, start, result } = setup(worker);
    const started = await start('wf', { stateInput: enc(1), stateOptions: skip });
    const firstRunId = (started.body as { workflowRunId: string }).workflowRunId;
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED', results: [s2Output] });
    expect(worker.callsOf('execute', 'S2')).toHaveLength(5);

    const reset = await post('reset', {
      workflowId: 'wf',
      workflowRunId: firstRunId,
      resetType: 'STATE_ID',
      stateId: 'S2',
    });
    expect(reset.status).toBe(200);
    const newRunId = (reset.body as { workflowRunId: string }).workflowRunId;
    expect(newRunId).not.toBe(firstRunId);
    const after = await result('wf');
    expect(after.body).toEqual({ workflowRunId: newRunId, workflowStatus: 'COMPLETED', results: [s2Output] });
    expect(worker.callsOf('execute', 'S1')).toHaveLength(1);
    expect(worker.callsOf('execute', 'S2')).toHaveLength(10);

    await post('reset', {
      workflowId: 'wf',
      workflowRunId: firstRunId,
      resetType: 'STATE_EXECUTION_ID',
      stateExecutionId: 'S2-4',
    });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED', results: [s2Output] });
    expect(worker.callsOf('execute', 'S2')).toHaveLength(12);
    expect(
      worker
        .callsOf('execute', 'S2')
        .slice(10)
        .map((c) => (c.body.context as { stateExecutionId: string }).stateExecutionId),
    ).toEqual(['S2-4', 'S2-5']);
  });

  it('reset to a state that never ran answers 500 (reset-2)', async () => {
    const { post, start, result } = setup(loopWorker());
    await start('wf', { stateInput: enc(1), stateOptions: skip });
    await result('wf');
    expect(await post('reset', { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S9' })).toEqual({
      status: 500,
      body: { detail: 'Get historyEventId failed, no historyEventId', subStatus: 'UNCATEGORIZED_SUB_STATUS' },
    });
    expect(
      await post('reset', { workflowId: 'wf', resetType: 'STATE_EXECUTION_ID', stateExecutionId: 'S2-9' }),
    ).toMatchObject({ status: 500 });
  });

  it('discards data attributes written after the point and re-applies later signals (reset-2)', async () => {
    const worker = signalCounterWorker();
    const { simulator, post, start, result } = setup(worker);
    await start('wf');
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'go', signalValue: enc('a') });
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'go', signalValue: enc('b') });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateOutput: enc('"b"') }],
    });

    await post('reset', { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S2' });
    const done = await result('wf');
    expect(done.body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateExecutionId: 'S2-1', completedStateOutput: enc('"b"') }],
    });
    // S1 is not called again: its signal and data attribute come from before the point.
    expect(worker.callsOf('execute', 'S1')).toHaveLength(1);
    expect(worker.callsOf('waitUntil', 'S2')).toHaveLength(2);
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'seen', value: enc('a') }],
    });
  });

  it('skipSignalReapply drops the signals after the point, leaving the state waiting (reset-2)', async () => {
    const { simulator, post, start, result } = setup(signalCounterWorker());
    await start('wf');
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'go', signalValue: enc('a') });
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'go', signalValue: enc('b') });
    await result('wf');
    await post('reset', { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S2', skipSignalReapply: true });
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
    await post('signal', { workflowId: 'wf', signalChannelName: 'go', signalValue: enc('c') });
    expect((await result('wf')).body).toMatchObject({ results: [{ completedStateOutput: enc('"c"') }] });
  });

  it('BEGINNING re-runs every state, re-applies the signals, and terminates the running run (reset-2)', async () => {
    const worker = signalCounterWorker();
    const { simulator, post, start, result } = setup(worker);
    const first = ((await start('wf')).body as { workflowRunId: string }).workflowRunId;
    await post('signal', { workflowId: 'wf', signalChannelName: 'go', signalValue: enc('a') });
    await simulator.runUntilIdle();
    // S2 waits for a second signal: the run is still RUNNING when it is reset.
    const reset = await post('reset', { workflowId: 'wf', resetType: 'BEGINNING' });
    expect(reset.status).toBe(200);
    await simulator.runUntilIdle();
    expect((await post('get', { workflowId: 'wf', workflowRunId: first })).body).toMatchObject({
      workflowStatus: 'TERMINATED',
    });
    expect(worker.callsOf('waitUntil', 'S1')).toHaveLength(2);
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'seen', value: enc('a') }],
    });
    await post('signal', { workflowId: 'wf', signalChannelName: 'go', signalValue: enc('b') });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateOutput: enc('"b"') }],
    });
    // Measured: contexts after the reset keep the first run id and the original start time.
    const contexts = worker.calls.map(
      (c) => c.body.context as { workflowRunId: string; workflowStartedTimestamp: number },
    );
    expect(new Set(contexts.map((c) => c.workflowRunId))).toEqual(new Set([first]));
    expect(new Set(contexts.map((c) => c.workflowStartedTimestamp)).size).toBe(1);
  });

  it('resumes a thread that was waiting on commands at the reset point with what it had received (reset-2)', async () => {
    const worker = new FakeWorker(
      {
        S1: { execute: () => ({ stateDecision: { nextStates: [{ stateId: 'A' }] } }) },
        A: {
          waitUntil: () => ({
            commandRequest: {
              deciderTriggerType: 'ALL_COMMAND_COMPLETED',
              signalCommands: [
                { commandId: 'x', signalChannelName: 'x' },
                { commandId: 'y', signalChannelName: 'y' },
              ],
            },
          }),
          execute: (req) =>
            gracefulComplete(
              enc(req.commandResults?.signalResults?.map((r) => r.signalValue?.data).join(',')),
            ),
        },
        B: { execute: () => ({ stateDecision: { nextStates: [{ stateId: '_SYS_DEAD_END' }] } }) },
      },
      { startB: () => ({ stateDecision: { nextStates: [{ stateId: 'B', stateOptions: skip }] } }) },
    );
    const { simulator, post, start, result } = setup(worker);
    await start('wf', { stateOptions: skip });
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'x', signalValue: enc(1) });
    await post('rpc', { workflowId: 'wf', rpcName: 'startB' });
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'y', signalValue: enc(2) });
    expect((await result('wf')).body).toMatchObject({ results: [{ completedStateOutput: enc('1,2') }] });

    await post('reset', { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'B' });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateExecutionId: 'A-1', completedStateOutput: enc('1,2') }],
    });
    // A's waitUntil ran before the point; B and A's execute ran again after it.
    expect(worker.callsOf('waitUntil', 'A')).toHaveLength(1);
    expect(worker.callsOf('execute', 'A')).toHaveLength(2);
    expect(worker.callsOf('execute', 'B')).toHaveLength(2);
  });
});

describe('reset of a reset run (measured)', () => {
  it('signals re-applied by a reset sit before the restarted state, so a second reset keeps them even with skipSignalReapply (reset-2)', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          commandRequest: {
            deciderTriggerType: 'ALL_COMMAND_COMPLETED',
            signalCommands: [{ commandId: 's', signalChannelName: 'go' }],
          },
        }),
        execute: () => ({ stateDecision: { nextStates: [{ stateId: 'S2' }] } }),
      },
      S2: {
        waitUntil: () => ({
          commandRequest: {
            deciderTriggerType: 'ALL_COMMAND_COMPLETED',
            signalCommands: [{ commandId: 's', signalChannelName: 'go' }],
          },
        }),
        execute: (req) => gracefulComplete(enc(req.commandResults?.signalResults?.[0]?.signalValue?.data)),
      },
    });
    const { simulator, post, start, result } = setup(worker);
    await start('wf');
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'go', signalValue: enc('a') });
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'go', signalValue: enc('b') });
    await result('wf');
    await post('reset', { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S2' });
    await result('wf');
    await post('reset', { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S2', skipSignalReapply: true });
    expect((await result('wf', 5)).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateOutput: enc('"b"') }],
    });
  });
});
