import { describe, expect, it } from 'vitest';
import { Answer, deadEnd, enc, goTo, gracefulComplete, noWait } from '../../conformance/kit/index.ts';
import type { WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import { execId, FakeWorker, noState, setup, to } from './fake-worker.ts';

const waitSignal = (channel: string): WorkflowStateStartResponse => ({
  commandRequest: {
    commandWaitingType: 'ALL_COMPLETED',
    signalCommands: [{ commandId: channel, signalChannelName: channel }],
  },
});

const waitTimer = (seconds: number): WorkflowStateStartResponse => ({
  commandRequest: { commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ durationSeconds: seconds }] },
});

const fail500 = () => new Answer({ status: 500, body: 'boom', contentType: 'text/plain' });

const once = {
  executeApiRetryPolicy: { maximumAttempts: 1 },
  waitUntilApiRetryPolicy: { maximumAttempts: 1 },
};

describe('the workflow loop', () => {
  it('a start with startStateId enqueues that state with its stateInput and stateOptions as execution S1-1 (loop-1)', async () => {
    const worker = new FakeWorker({ S1: { execute: () => gracefulComplete() } });
    const { start, result } = setup(worker);
    await start('wf', { stateInput: enc('in'), stateOptions: noWait });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(worker.calls.map((c) => c.path)).toEqual(['/api/v1/workflowState/decide']);
    expect(worker.calls[0]!.body).toMatchObject({
      workflowStateId: 'S1',
      stateInput: enc('in'),
      context: { stateExecutionId: 'S1-1' },
    });
  });

  it('a client FAIL request fails a workflow that has no state at all with CLIENT_API_FAILING_WORKFLOW_ERROR_TYPE (loop-2)', async () => {
    const { start, post, result } = setup(new FakeWorker({}));
    await start('wf', noState);
    expect(await post('stop', { workflowId: 'wf', stopType: 'FAIL', reason: 'why' })).toEqual({
      status: 200,
      body: {},
    });
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'CLIENT_API_FAILING_WORKFLOW_ERROR_TYPE',
      errorMessage: 'why',
    });
  });

  it('all queued requests of a decision are started together, one concurrent thread each (loop-3)', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => goTo({ stateId: 'A' }, { stateId: 'B' }, { stateId: 'C' }) },
      A: { waitUntil: () => waitTimer(10), execute: deadEnd },
      B: { waitUntil: () => waitTimer(10), execute: deadEnd },
      C: { waitUntil: () => waitTimer(10), execute: deadEnd },
    });
    const { simulator, start } = setup(worker, { autoAdvance: false });
    await start('wf', { stateOptions: noWait });
    await simulator.runUntilIdle();
    const t0 = simulator.now();
    expect(worker.callsOf('waitUntil').map((c) => [execId(c), c.at - t0])).toEqual([
      ['A-1', 0],
      ['B-1', 0],
      ['C-1', 0],
    ]);
    await simulator.advanceBy(10_000);
    expect(worker.callsOf('execute').map((c) => [execId(c), c.at - t0])).toEqual([
      ['S1-1', 0],
      ['A-1', 10_000],
      ['B-1', 10_000],
      ['C-1', 10_000],
    ]);
  });

  it('a thread failure closes the workflow at once, abandoning the other threads (loop-3)', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () => goTo({ stateId: 'Bad', stateOptions: { ...noWait, ...once } }, { stateId: 'W' }),
      },
      Bad: { execute: fail500 },
      W: { waitUntil: () => waitSignal('go'), execute: () => gracefulComplete() },
    });
    const { start, post, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'FAILED',
      errorType: 'STATE_API_FAIL_ERROR_TYPE',
    });
    expect((await post('signal', { workflowId: 'wf', signalChannelName: 'go' })).status).toBe(400);
    expect(worker.callsOf('execute', 'W')).toHaveLength(0);
  });

  it('graceful completion also waits for states that running threads start later and for states an RPC adds meanwhile (loop-4)', async () => {
    const worker = new FakeWorker(
      {
        S1: { execute: () => goTo({ stateId: 'Done', stateOptions: noWait }, { stateId: 'W' }) },
        Done: { execute: () => gracefulComplete(enc('done')) },
        W: { waitUntil: () => waitSignal('go'), execute: () => to('Next') },
        Next: { execute: () => gracefulComplete(enc('next')) },
        Late: { execute: () => gracefulComplete(enc('late')) },
      },
      { add: () => to('Late') },
    );
    const { simulator, start, post, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    await simulator.runUntilIdle();
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
    await post('rpc', { workflowId: 'wf', rpcName: 'add' });
    await simulator.runUntilIdle();
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    const body = (await result('wf')).body as {
      workflowStatus: string;
      results: { completedStateId: string }[];
    };
    expect(body.workflowStatus).toBe('COMPLETED');
    expect(body.results.map((r) => r.completedStateId)).toEqual(['Done', 'Late', 'Next']);
  });

  it('a force-fail closes the workflow without waiting for the other threads (loop-3)', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => goTo({ stateId: 'F', stateOptions: noWait }, { stateId: 'W' }) },
      F: { execute: () => goTo({ stateId: '_SYS_FORCE_FAILING_WORKFLOW' }) },
      W: { waitUntil: () => waitSignal('go'), execute: () => gracefulComplete() },
    });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [],
    });
    expect(worker.callsOf('execute', 'W')).toHaveLength(0);
  });
});
