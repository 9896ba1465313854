import { describe, expect, it } from 'vitest';
import { enc, goTo, gracefulComplete } from '../../conformance/kit/index.ts';
import { DEFAULT_SEARCH_ATTRIBUTES } from '../../simulator/engine/attributes/search-attribute-registry.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const waitForSignal = {
  waitUntil: () => ({
    commandRequest: {
      commandWaitingType: 'ALL_COMPLETED' as const,
      signalCommands: [{ commandId: 's', signalChannelName: 'go' }],
    },
  }),
  execute: () => gracefulComplete(enc('done')),
};

describe('workflow lifecycle (start-1, stop-1, get-2, timeout-1)', () => {
  it('starts a workflow, reports it RUNNING, then COMPLETED with its output', async () => {
    const { post, start, result } = setup(new FakeWorker({ S1: waitForSignal }));
    const started = await start('wf');
    expect(started.status).toBe(200);
    const runId = (started.body as { workflowRunId: string }).workflowRunId;
    expect(runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await post('get', { workflowId: 'wf' })).toEqual({
      status: 200,
      body: { workflowRunId: runId, workflowStatus: 'RUNNING' },
    });
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    expect(await result('wf')).toEqual({
      status: 200,
      body: {
        workflowRunId: runId,
        workflowStatus: 'COMPLETED',
        results: [
          {
            completedStateId: 'S1',
            completedStateExecutionId: 'S1-1',
            completedStateOutput: enc('done'),
          },
        ],
      },
    });
  });

  it('answers getWithWait with 420 once its wait time passes on the virtual clock', async () => {
    const { simulator, start, result } = setup(new FakeWorker({ S1: waitForSignal }));
    await start('wf');
    const t0 = simulator.now();
    expect(await result('wf', 5)).toEqual({
      status: 420,
      body: {
        detail: 'workflow is still running, waiting has exceeded timeout limit, please retry',
        subStatus: 'LONG_POLL_TIME_OUT_SUB_STATUS',
      },
    });
    expect(simulator.now() - t0).toBe(5_000);
  });

  it('caps getWithWait at maxWaitSeconds', async () => {
    const { simulator, start, result } = setup(new FakeWorker({ S1: waitForSignal }), { maxWaitSeconds: 12 });
    await start('wf');
    const t0 = simulator.now();
    expect((await result('wf', 100)).status).toBe(420);
    expect(simulator.now() - t0).toBe(12_000);
  });

  it('returns only the status from /get without needsResults, and error details with it', async () => {
    const worker = new FakeWorker({ S1: { execute: () => goTo('_SYS_FORCE_FAILING_WORKFLOW') } });
    const { post, start } = setup(worker);
    await start('wf', { stateOptions: { skipWaitUntil: true } });
    await post('getWithWait', { workflowId: 'wf' });
    expect((await post('get', { workflowId: 'wf' })).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
    });
    expect((await post('get', { workflowId: 'wf', needsResults: true })).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [],
    });
  });

  it('times a workflow out after workflowTimeoutSeconds with status TIMEOUT and no error fields', async () => {
    const { simulator, start, result } = setup(new FakeWorker({ S1: waitForSignal }));
    await start('wf', { workflowTimeoutSeconds: 30 });
    const t0 = simulator.now();
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'TIMEOUT',
    });
    expect(simulator.now() - t0).toBe(30_000);
  });

  it('stops with CANCEL by default, TERMINATE, or FAIL with the reason as error message', async () => {
    const { post, start } = setup(new FakeWorker({ S1: waitForSignal }));
    await start('a');
    await start('b');
    await start('c');
    expect(await post('stop', { workflowId: 'a' })).toEqual({ status: 200, body: {} });
    await post('stop', { workflowId: 'b', stopType: 'TERMINATE' });
    await post('stop', { workflowId: 'c', stopType: 'FAIL', reason: 'bad input' });
    expect((await post('get', { workflowId: 'a', needsResults: true })).body).toMatchObject({
      workflowStatus: 'CANCELED',
    });
    expect((await post('get', { workflowId: 'b', needsResults: true })).body).toMatchObject({
      workflowStatus: 'TERMINATED',
    });
    expect((await post('getWithWait', { workflowId: 'c' })).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'CLIENT_API_FAILING_WORKFLOW_ERROR_TYPE',
      errorMessage: 'bad input',
    });
  });

  it('treats CANCEL of a closed workflow as a no-op but refuses TERMINATE and FAIL', async () => {
    const { post, start } = setup(new FakeWorker({ S1: waitForSignal }));
    await start('wf');
    await post('stop', { workflowId: 'wf' });
    expect(await post('stop', { workflowId: 'wf' })).toEqual({ status: 200, body: {} });
    expect((await post('stop', { workflowId: 'wf', stopType: 'TERMINATE' })).status).toBe(400);
    expect((await post('stop', { workflowId: 'wf', stopType: 'FAIL' })).body).toMatchObject({
      detail: 'workflow execution already completed',
    });
  });

  it('refuses to start a workflow id that is running, unless TERMINATE_IF_RUNNING', async () => {
    const { simulator, post, start } = setup(new FakeWorker({ S1: waitForSignal }));
    const first = await start('wf');
    const again = await start('wf');
    expect(again).toMatchObject({ status: 400, body: { subStatus: 'WORKFLOW_ALREADY_STARTED_SUB_STATUS' } });
    const replaced = await start('wf', {
      workflowStartOptions: { idReusePolicy: 'ALLOW_TERMINATE_IF_RUNNING' },
    });
    expect(replaced.status).toBe(200);
    const firstRun = (first.body as { workflowRunId: string }).workflowRunId;
    expect((await post('get', { workflowId: 'wf', workflowRunId: firstRun })).body).toMatchObject({
      workflowStatus: 'TERMINATED',
    });
    expect(simulator.listWorkflows().map((w) => w.status)).toEqual(['TERMINATED', 'RUNNING']);
  });

  it('applies id reuse policies to a closed previous run', async () => {
    const worker = new FakeWorker({ S1: { execute: () => gracefulComplete() } });
    const { post, start } = setup(worker);
    const opts = { stateOptions: { skipWaitUntil: true } };
    await start('wf', opts);
    await post('getWithWait', { workflowId: 'wf' });
    expect(
      (await start('wf', { ...opts, workflowStartOptions: { workflowIDReusePolicy: 'REJECT_DUPLICATE' } }))
        .status,
    ).toBe(400);
    expect(
      (
        await start('wf', {
          ...opts,
          workflowStartOptions: { idReusePolicy: 'ALLOW_IF_PREVIOUS_EXITS_ABNORMALLY' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await start('wf', { ...opts, workflowStartOptions: { workflowIDReusePolicy: 'ALLOW_DUPLICATE' } }))
        .status,
    ).toBe(200);
  });

  it('returns the existing run id when ignoring already-started errors, matching requestIds only', async () => {
    const { start } = setup(new FakeWorker({ S1: waitForSignal }));
    const first = await start('wf', {
      workflowStartOptions: {
        workflowAlreadyStartedOptions: { ignoreAlreadyStartedError: true, requestId: 'r1' },
      },
    });
    const same = await start('wf', {
      workflowStartOptions: {
        workflowAlreadyStartedOptions: { ignoreAlreadyStartedError: true, requestId: 'r1' },
      },
    });
    const other = await start('wf', {
      workflowStartOptions: {
        workflowAlreadyStartedOptions: { ignoreAlreadyStartedError: true, requestId: 'r2' },
      },
    });
    expect(same).toEqual(first);
    expect(other.status).toBe(400);
  });

  it('keeps a workflow without startStateId idle and RUNNING, calling no worker', async () => {
    const worker = new FakeWorker({});
    const { simulator, post } = setup(worker);
    await post('start', {
      workflowId: 'wf',
      iwfWorkflowType: 'T',
      workflowTimeoutSeconds: 0,
      iwfWorkerUrl: 'http://w',
    });
    await simulator.advanceBy(3_600_000);
    expect(worker.calls).toHaveLength(0);
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
  });

  it('starts the first state only after workflowStartDelaySeconds', async () => {
    const worker = new FakeWorker({ S1: { execute: () => gracefulComplete() } });
    const { simulator, start, result } = setup(worker);
    const t0 = simulator.now();
    await start('wf', {
      stateOptions: { skipWaitUntil: true },
      workflowStartOptions: { workflowStartDelaySeconds: 10 },
    });
    await result('wf');
    expect(worker.calls.map((c) => c.at - t0)).toEqual([10_000]);
  });

  it('exposes initial attributes and the IwfWorkflowType system search attribute', async () => {
    const { post, start } = setup(new FakeWorker({ S1: waitForSignal }), {
      searchAttributes: { ...DEFAULT_SEARCH_ATTRIBUTES, Age: 'INT' },
    });
    await start('wf', {
      workflowStartOptions: {
        dataAttributes: [
          { key: 'b', value: enc(2) },
          { key: 'a', value: enc(1) },
        ],
        searchAttributes: [{ key: 'Age', valueType: 'INT', integerValue: 7 }],
      },
    });
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [
        { key: 'a', value: enc(1) },
        { key: 'b', value: enc(2) },
      ],
    });
    const search = await post('searchattributes/get', {
      workflowId: 'wf',
      keys: [
        { key: 'IwfWorkflowType', valueType: 'KEYWORD' },
        { key: 'Age', valueType: 'INT' },
        { key: 'Missing', valueType: 'INT' },
      ],
    });
    expect(search.body).toEqual({
      searchAttributes: [
        { key: 'IwfWorkflowType', valueType: 'KEYWORD', stringValue: 'TestWorkflow' },
        { key: 'Age', valueType: 'INT', integerValue: 7 },
      ],
    });
  });

  it('answers waitForStateCompletion for a registered state once its execute succeeded', async () => {
    const worker = new FakeWorker({ S1: { execute: () => goTo('S2') }, S2: waitForSignal });
    const { post, start } = setup(worker);
    await start('wf', {
      stateOptions: { skipWaitUntil: true },
      waitForCompletionStateExecutionIds: ['S1-1'],
    });
    expect(await post('waitForStateCompletion', { workflowId: 'wf', stateExecutionId: 'S1-1' })).toEqual({
      status: 200,
      body: { stateCompletionOutput: { completedStateExecutionId: '', completedStateId: '' } },
    });
    expect(
      (
        await post('waitForStateCompletion', {
          workflowId: 'wf',
          stateExecutionId: 'S2-1',
          waitTimeSeconds: 2,
        })
      ).status,
    ).toBe(420);
  });

  it('ends pending long polls when the simulator closes', async () => {
    const { simulator, start, result } = setup(new FakeWorker({ S1: waitForSignal }), { autoAdvance: false });
    await start('wf');
    const pending = result('wf');
    await simulator.close();
    expect((await pending).status).toBe(420);
    await simulator.close();
  });
});
