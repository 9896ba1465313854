import { describe, expect, it } from 'vitest';
import { Answer, enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { PersistenceLoadingPolicy } from '../../sdk/wire/types.ts';
import { FakeWorker, HANG, setup } from './fake-worker.ts';

const lockAll: PersistenceLoadingPolicy = {
  persistenceLoadingType: 'LOAD_ALL_WITH_PARTIAL_LOCK',
  lockingKeys: ['status'],
};

function waitingWorkflow() {
  return new FakeWorker({
    S1: {
      waitUntil: () => ({
        commandRequest: {
          commandWaitingType: 'ALL_COMPLETED',
          interStateChannelCommands: [{ channelName: 'done' }],
        },
      }),
      execute: () => gracefulComplete(enc('finished')),
    },
    Extra: { execute: () => ({ stateDecision: { nextStates: [{ stateId: '_SYS_DEAD_END' }] } }) },
  });
}

describe('RPC (rpc-2, rpc-7, fault table C)', () => {
  it('applies a non-locking RPC’s mutations right after the worker returns and returns its output', async () => {
    const worker = waitingWorkflow();
    worker.rpcs.verify = (req) => ({
      output: enc({ seen: req.dataAttributes ?? [] }),
      upsertDataAttributes: [{ key: 'status', value: enc('verified') }],
      publishToInterStateChannel: [{ channelName: 'done' }],
    });
    const { start, post, result } = setup(worker);
    await start('wf');
    expect(await post('rpc', { workflowId: 'wf', rpcName: 'verify' })).toEqual({
      status: 200,
      body: { output: enc({ seen: [] }) },
    });
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'status', value: enc('verified') }],
    });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
  });

  it('sends the RPC context with the current run id, channel infos as objects and no attempt fields', async () => {
    const worker = waitingWorkflow();
    worker.rpcs.peek = () => ({});
    const { start, post } = setup(worker);
    const runId = ((await start('wf')).body as { workflowRunId: string }).workflowRunId;
    await post('signal', { workflowId: 'wf', signalChannelName: 'hello' });
    expect(await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).toEqual({ status: 200, body: {} });
    expect(worker.callsOf('rpc')[0]!.body).toEqual({
      context: { workflowId: 'wf', workflowRunId: runId, workflowStartedTimestamp: expect.any(Number) },
      workflowType: 'TestWorkflow',
      rpcName: 'peek',
      signalChannelInfos: { hello: { size: 1 } },
      internalChannelInfos: {},
    });
  });

  it('starts RPC next states as new executions, even in a workflow started without a state', async () => {
    const worker = waitingWorkflow();
    worker.rpcs.kick = () => ({
      stateDecision: { nextStates: [{ stateId: 'Extra', stateOptions: { skipWaitUntil: true } }] },
    });
    const { simulator, post } = setup(worker);
    await post('start', {
      workflowId: 'wf',
      iwfWorkflowType: 'T',
      workflowTimeoutSeconds: 0,
      iwfWorkerUrl: 'http://w',
    });
    await post('rpc', { workflowId: 'wf', rpcName: 'kick' });
    await simulator.runUntilIdle();
    expect(worker.callsOf('execute', 'Extra')).toHaveLength(1);
  });

  it('refuses to close the workflow from an RPC with 420', async () => {
    const worker = waitingWorkflow();
    worker.rpcs.close = () => ({
      stateDecision: { nextStates: [{ stateId: '_SYS_FORCE_COMPLETING_WORKFLOW' }] },
    });
    const { start, post } = setup(worker);
    await start('wf');
    expect(await post('rpc', { workflowId: 'wf', rpcName: 'close' })).toEqual({
      status: 420,
      body: {
        detail: 'closing workflow in RPC is not supported yet',
        originalWorkerErrorDetail: '',
        originalWorkerErrorStatus: 0,
        originalWorkerErrorType: '',
        subStatus: 'WORKER_API_ERROR',
      },
    });
  });

  it('answers a worker error with 420 WORKER_API_ERROR and the original worker fields (C2, A38)', async () => {
    const worker = waitingWorkflow();
    worker.rpcs.bad = () =>
      new Answer({ status: 502, body: { detail: 'test-details', errorType: 'test-type' } });
    const { start, post } = setup(worker);
    await start('wf');
    expect(await post('rpc', { workflowId: 'wf', rpcName: 'bad' })).toEqual({
      status: 420,
      body: {
        detail: 'worker API error, status:502, errorType:test-type',
        subStatus: 'WORKER_API_ERROR',
        originalWorkerErrorStatus: 502,
        originalWorkerErrorType: 'test-type',
        originalWorkerErrorDetail: 'test-details',
      },
    });
  });

  it('reports an undecodable worker body with the raw text (C1, C5)', async () => {
    const worker = waitingWorkflow();
    worker.rpcs.text = () => new Answer({ status: 500, body: 'kaboom', contentType: 'text/plain' });
    worker.rpcs.cut = () => new Answer({ status: 200, body: '{"output":', contentType: 'application/json' });
    const { start, post } = setup(worker);
    await start('wf');
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'text' })).body).toMatchObject({
      detail: 'unable to decode worker response body to WorkerErrorResponse: bodykaboom',
      originalWorkerErrorStatus: 500,
    });
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'cut' })).body).toMatchObject({
      detail: 'unable to decode worker response body to WorkerErrorResponse: body{"output":',
      originalWorkerErrorStatus: 200,
    });
  });

  it('answers a transport error or a worker past the deadline with 420 status 0 and drops the late answer (C9, C10)', async () => {
    const worker = waitingWorkflow();
    worker.rpcs.down = () => {
      throw new Error('Post "http://worker.test/api/v1/workflowWorker/rpc": EOF');
    };
    worker.rpcs.slow = () => HANG;
    const { simulator, start, post } = setup(worker);
    await start('wf');
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'down' })).body).toMatchObject({
      detail: 'Post "http://worker.test/api/v1/workflowWorker/rpc": EOF',
      originalWorkerErrorStatus: 0,
    });
    const t0 = simulator.now();
    const pending = post('rpc', { workflowId: 'wf', rpcName: 'slow', timeoutSeconds: 2 });
    await simulator.advanceBy(2_000);
    expect((await pending).body).toMatchObject({
      detail: 'Post "http://worker.test/api/v1/workflowWorker/rpc": context deadline exceeded',
      originalWorkerErrorStatus: 0,
      subStatus: 'WORKER_API_ERROR',
    });
    expect(simulator.now() - t0).toBe(2_000);
  });

  it('answers a locking RPC with 450 at once while a state holds one of its keys', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => HANG },
    });
    worker.rpcs.locked = () => ({ output: enc('ok') });
    const { start, post, simulator } = setup(worker, { autoAdvance: false });
    await start('wf', {
      stateOptions: {
        skipWaitUntil: true,
        executeApiDataAttributesLoadingPolicy: lockAll,
        executeApiTimeoutSeconds: 10,
        executeApiRetryPolicy: { maximumAttempts: 1 },
      },
    });
    await simulator.runUntilIdle();
    expect(
      await post('rpc', { workflowId: 'wf', rpcName: 'locked', dataAttributesLoadingPolicy: lockAll }),
    ).toEqual({
      status: 450,
      body: {
        detail: 'requested data or search attributes are being locked by other operations',
        subStatus: 'WORKER_API_ERROR',
      },
    });
    expect(await post('rpc', { workflowId: 'wf', rpcName: 'locked' })).toEqual({
      status: 200,
      body: { output: enc('ok') },
    });
    expect(worker.callsOf('rpc')).toHaveLength(1);
  });

  it('makes a state API wait for a key a locking RPC holds, then sees the RPC’s write', async () => {
    let release: () => void = () => {};
    const worker = new FakeWorker({
      S1: {
        execute: (req) => gracefulComplete(enc(req.DataObjects?.[0]?.value?.data ?? null)),
      },
    });
    worker.rpcs.write = () =>
      new Promise((resolve) => {
        release = () => resolve({ upsertDataAttributes: [{ key: 'status', value: { data: '"from-rpc"' } }] });
      });
    const { simulator, post, result } = setup(worker);
    await post('start', {
      workflowId: 'wf',
      iwfWorkflowType: 'T',
      workflowTimeoutSeconds: 0,
      iwfWorkerUrl: 'http://w',
    });
    const rpc = post('rpc', { workflowId: 'wf', rpcName: 'write', dataAttributesLoadingPolicy: lockAll });
    await new Promise((resolve) => setImmediate(resolve));
    worker.rpcs.kick = () => ({
      stateDecision: {
        nextStates: [
          { stateId: 'S1', stateOptions: { skipWaitUntil: true, dataAttributesLoadingPolicy: lockAll } },
        ],
      },
    });
    // A non-locking RPC can still run and start a state; that state then waits for the lock.
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'kick' })).status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(worker.callsOf('execute')).toHaveLength(0);
    release();
    expect((await rpc).status).toBe(200);
    expect((await result('wf')).body).toMatchObject({
      results: [{ completedStateOutput: enc('"from-rpc"') }],
    });
    expect(simulator.history('wf').some((e) => e.type === 'LockWaiting')).toBe(true);
  });

  it('lets a read-only RPC run on a closed workflow but refuses a mutating one after the worker ran', async () => {
    const worker = new FakeWorker({ S1: { execute: () => gracefulComplete() } });
    worker.rpcs.read = () => ({ output: enc('r') });
    worker.rpcs.write = () => ({ upsertDataAttributes: [{ key: 'k', value: enc(1) }] });
    const { start, post, result } = setup(worker);
    await start('wf', { stateOptions: { skipWaitUntil: true } });
    await result('wf');
    expect(await post('rpc', { workflowId: 'wf', rpcName: 'read' })).toEqual({
      status: 200,
      body: { output: enc('r') },
    });
    expect(await post('rpc', { workflowId: 'wf', rpcName: 'write' })).toMatchObject({
      status: 400,
      body: { detail: 'workflow execution already completed' },
    });
    expect(worker.callsOf('rpc')).toHaveLength(2);
    expect(
      (await post('rpc', { workflowId: 'wf', rpcName: 'read', dataAttributesLoadingPolicy: lockAll })).status,
    ).toBe(400);
  });
});
