import { describe, expect, it } from 'vitest';
import type { WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import { complete, encoded, FakeWorker, HANG, RawReply, setup } from './fake-worker.ts';
import { deadEnd, decide, execId, noState, noWait, to } from './wire-builders.ts';

// Behaviour tests named after the rules of iwf-server-semantics.md §4 and §5.1–§5.6.

const waitSignal = (channel: string): WorkflowStateStartResponse => ({
  commandRequest: {
    commandWaitingType: 'ALL_COMPLETED',
    signalCommands: [{ commandId: channel, signalChannelName: channel }],
  },
});
const waitTimer = (seconds: number): WorkflowStateStartResponse => ({
  commandRequest: { commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ durationSeconds: seconds }] },
});
const fail500 = () => new RawReply({ status: 500, text: 'boom', contentType: 'text/plain' });

describe('§4 workflow main loop', () => {
  it('§4.1 a start with startStateId enqueues that state with its stateInput and stateOptions as execution S1-1', async () => {
    const worker = new FakeWorker({ S1: { execute: () => complete() } });
    const { start, result } = setup(worker);
    await start('wf', { stateInput: encoded('in'), stateOptions: noWait });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(worker.calls.map((c) => c.path)).toEqual(['/api/v1/workflowState/decide']);
    expect(worker.calls[0]!.body).toMatchObject({
      workflowStateId: 'S1',
      stateInput: encoded('in'),
      context: { stateExecutionId: 'S1-1' },
    });
  });

  it('§4.2 a client FAIL request fails a workflow that has no state at all with CLIENT_API_FAILING_WORKFLOW_ERROR_TYPE', async () => {
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

  it('§4.3 all queued requests of a decision are started together, one concurrent thread each', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => decide({ stateId: 'A' }, { stateId: 'B' }, { stateId: 'C' }) },
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

  it('§4.3 a thread failure closes the workflow at once, abandoning the other threads', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () => decide({ stateId: 'Bad', stateOptions: { ...noWait, ...once } }, { stateId: 'W' }),
      },
      Bad: { execute: fail500 },
      W: { waitUntil: () => waitSignal('go'), execute: () => complete() },
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

  it('§4.4 graceful completion also waits for states that running threads start later and for states an RPC adds meanwhile', async () => {
    const worker = new FakeWorker(
      {
        S1: { execute: () => decide({ stateId: 'Done', stateOptions: noWait }, { stateId: 'W' }) },
        Done: { execute: () => complete('done') },
        W: { waitUntil: () => waitSignal('go'), execute: () => to('Next') },
        Next: { execute: () => complete('next') },
        Late: { execute: () => complete('late') },
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

  it('§4.4 a force-fail closes the workflow without waiting for the other threads', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => decide({ stateId: 'F', stateOptions: noWait }, { stateId: 'W' }) },
      F: { execute: () => decide({ stateId: '_SYS_FORCE_FAILING_WORKFLOW' }) },
      W: { waitUntil: () => waitSignal('go'), execute: () => complete() },
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

const once = {
  executeApiRetryPolicy: { maximumAttempts: 1 },
  waitUntilApiRetryPolicy: { maximumAttempts: 1 },
};

describe('§5.1 execution ids and counters', () => {
  it('§5.1 the per-state counter is shared by proceed-on-failure states, RPC-started states and survives continue-as-new', async () => {
    const worker = new FakeWorker(
      { S1: { execute: fail500 }, A: { execute: deadEnd } },
      { add: () => to('A', 'A') },
    );
    const { simulator, start, post } = setup(worker);
    await start('wf', {
      stateOptions: {
        ...noWait,
        ...once,
        executeApiFailurePolicy: 'PROCEED_TO_CONFIGURED_STATE',
        executeApiFailureProceedStateId: 'A',
        executeApiFailureProceedStateOptions: noWait,
      },
    });
    await simulator.runUntilIdle();
    await post('rpc', { workflowId: 'wf', rpcName: 'add' });
    await simulator.runUntilIdle();
    await post('triggerContinueAsNew', { workflowId: 'wf' });
    await simulator.runUntilIdle();
    await post('rpc', { workflowId: 'wf', rpcName: 'add' });
    await simulator.runUntilIdle();
    expect(worker.callsOf('execute', 'A').map(execId)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
  });

  it('§5.1 the _SYS_ ids are never executed nor numbered: the output names the deciding execution', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => to('S2') },
      S2: { execute: () => complete('x') },
    });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    expect((await result('wf')).body).toMatchObject({
      results: [
        { completedStateId: 'S2', completedStateExecutionId: 'S2-1', completedStateOutput: encoded('x') },
      ],
    });
    expect(worker.calls.map((c) => c.body.workflowStateId)).toEqual(['S1', 'S2']);
  });

  it('§5.1 skipWaitUntil states are numbered like the others', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () =>
          decide(
            { stateId: 'A', stateOptions: noWait },
            { stateId: 'A' },
            { stateId: 'A', stateOptions: noWait },
          ),
      },
      A: { waitUntil: () => ({}), execute: deadEnd },
    });
    const { simulator, start } = setup(worker);
    await start('wf', { stateOptions: noWait });
    await simulator.runUntilIdle();
    expect(worker.callsOf('waitUntil').map(execId)).toEqual(['A-2']);
    expect(worker.callsOf('execute', 'A').map(execId).sort()).toEqual(['A-1', 'A-2', 'A-3']);
  });
});

describe('§5.2 per-state flow', () => {
  it('§5.2 a skipWaitUntil state goes straight to execute, without commandResults', async () => {
    const worker = new FakeWorker({ S1: { execute: () => complete() } });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    await result('wf');
    expect(worker.callsOf('waitUntil')).toHaveLength(0);
    expect(worker.callsOf('execute')[0]!.body).not.toHaveProperty('commandResults');
  });

  it('§5.2 waitUntil upserts and publishes are applied right after its response; durationSeconds counts from that moment', async () => {
    let attempts = 0;
    const worker = new FakeWorker(
      {
        S1: {
          waitUntil: () =>
            ++attempts === 1
              ? fail500()
              : {
                  upsertDataObjects: [{ key: 'k', value: encoded(1) }],
                  publishToInterStateChannel: [{ channelName: 'c', value: encoded(2) }],
                  ...waitTimer(10),
                },
          execute: () => complete(),
        },
      },
      { peek: (req) => ({ output: encoded(req.internalChannelInfos) }) },
    );
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    const t0 = simulator.now();
    await start('wf');
    await simulator.advanceBy(1_000);
    expect(worker.callsOf('waitUntil').map((c) => c.at - t0)).toEqual([0, 1_000]);
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'k', value: encoded(1) }],
    });
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).body).toEqual({
      output: encoded({ c: { size: 1 } }),
    });
    await simulator.advanceBy(10_000);
    expect(worker.callsOf('execute').map((c) => c.at - t0)).toEqual([11_000]);
  });

  it('§5.2 execute loads a fresh snapshot with waitUntil’s upserts, and its own upserts are applied before the next state loads', async () => {
    const seen: Record<string, unknown> = {};
    const worker = new FakeWorker({
      S1: {
        waitUntil: (req) => {
          seen.waitUntil = req.dataObjects ?? [];
          return { upsertDataObjects: [{ key: 'k', value: encoded(1) }] };
        },
        execute: (req) => {
          seen.execute = req.DataObjects;
          return { upsertDataObjects: [{ key: 'k', value: encoded(2) }], ...to('S2') };
        },
      },
      S2: {
        execute: (req) => {
          seen.next = req.DataObjects;
          return complete();
        },
      },
    });
    const { start, result } = setup(worker);
    await start('wf');
    await result('wf');
    expect(seen).toEqual({
      waitUntil: [],
      execute: [{ key: 'k', value: encoded(1) }],
      next: [{ key: 'k', value: encoded(2) }],
    });
  });
});

describe('§5.3 state options', () => {
  it('§5.3 skip waitUntil: skipStartApi wins over skipWaitUntil when present', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: () => ({}), execute: () => complete() } });
    const { start, result } = setup(worker);
    await start('a', { stateOptions: { skipStartApi: false, skipWaitUntil: true } });
    await result('a');
    expect(worker.callsOf('waitUntil')).toHaveLength(1);
    await start('b', { stateOptions: { skipStartApi: true, skipWaitUntil: false } });
    await result('b');
    expect(worker.callsOf('waitUntil')).toHaveLength(1);
  });

  it('§5.3 waitUntil and execute time out after 30 s by default; the legacy timeout names win', async () => {
    const cases = [
      [{}, 30_000, 'StateApiWaitUntil'],
      [noWait, 30_000, 'StateApiExecute'],
      [{ startApiTimeoutSeconds: 5, waitUntilApiTimeoutSeconds: 50 }, 5_000, 'StateApiWaitUntil'],
      [{ ...noWait, decideApiTimeoutSeconds: 7, executeApiTimeoutSeconds: 70 }, 7_000, 'StateApiExecute'],
    ] as const;
    for (const [options, ms, activity] of cases) {
      const worker = new FakeWorker({ S1: { waitUntil: () => HANG, execute: () => HANG } });
      const { simulator, start, result } = setup(worker, { hungCallGraceMs: 5 });
      await start('wf', { stateOptions: { ...once, ...options } });
      const t0 = simulator.now();
      const body = (await result('wf')).body as { workflowStatus: string; errorMessage: string };
      expect(body.workflowStatus).toBe('FAILED');
      expect(body.errorMessage).toMatch(new RegExp(`^activity error \\(type: ${activity}.*StartToClose`));
      expect(simulator.now() - t0, JSON.stringify(options)).toBe(ms);
    }
  });

  it('§5.3 without a retry policy waitUntil and execute are retried without limit', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: fail500, execute: fail500 } });
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('a');
    await start('b', { stateOptions: noWait });
    await simulator.advanceBy(3 * 3_600_000);
    expect(worker.callsOf('waitUntil').length).toBeGreaterThan(100);
    expect(worker.callsOf('execute').length).toBeGreaterThan(100);
    for (const workflowId of ['a', 'b'])
      expect((await post('get', { workflowId })).body).toMatchObject({ workflowStatus: 'RUNNING' });
  });

  it('§5.3 execute retry and failure policy: decideApiRetryPolicy wins, then PROCEED_TO_CONFIGURED_STATE moves on', async () => {
    const worker = new FakeWorker({ S1: { execute: fail500 }, R: { execute: () => complete('r') } });
    const { start, result } = setup(worker);
    await start('wf', {
      stateOptions: {
        ...noWait,
        decideApiRetryPolicy: { maximumAttempts: 2 },
        executeApiRetryPolicy: { maximumAttempts: 5 },
        executeApiFailurePolicy: 'PROCEED_TO_CONFIGURED_STATE',
        executeApiFailureProceedStateId: 'R',
        executeApiFailureProceedStateOptions: noWait,
      },
    });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateExecutionId: 'R-1', completedStateOutput: encoded('r') }],
    });
    expect(worker.callsOf('execute', 'S1')).toHaveLength(2);
  });

  it('§5.3 data and search attribute loading: API-specific policy, then the generic one, then the legacy name', async () => {
    const loaded: Record<string, unknown> = {};
    const keys = (list?: { key?: string }[]) => list?.map((kv) => kv.key);
    const worker = new FakeWorker({
      S1: {
        waitUntil: (req) => {
          loaded.waitUntil = [keys(req.dataObjects), keys(req.searchAttributes)];
          return {};
        },
        execute: (req) => {
          loaded.execute = [keys(req.DataObjects), keys(req.searchAttributes)];
          return complete();
        },
      },
    });
    const only = (key: string) => ({
      persistenceLoadingType: 'LOAD_PARTIAL_WITHOUT_LOCKING' as const,
      partialLoadingKeys: [key],
    });
    const { start, result } = setup(worker);
    await start('wf', {
      workflowStartOptions: {
        dataAttributes: ['a', 'b', 'c'].map((key) => ({ key, value: encoded(key) })),
        searchAttributes: [
          { key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'k' },
          { key: 'CustomIntField', valueType: 'INT', integerValue: 1 },
        ],
      },
      stateOptions: {
        waitUntilApiDataAttributesLoadingPolicy: only('a'),
        dataAttributesLoadingPolicy: only('b'),
        dataObjectsLoadingPolicy: only('c'),
        waitUntilApiSearchAttributesLoadingPolicy: only('CustomKeywordField'),
        searchAttributesLoadingPolicy: only('CustomIntField'),
      },
    });
    await result('wf');
    expect(loaded).toEqual({
      waitUntil: [['a'], ['CustomKeywordField']],
      execute: [['b'], ['CustomIntField']],
    });
  });
});
