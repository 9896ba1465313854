import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { WorkflowStateStartRequest } from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const big = (megabytes: number) => ({
  encoding: 'json',
  data: 'x'.repeat(Math.round(megabytes * 1024 * 1024)),
});

function echoWorker(seen: WorkflowStateStartRequest[]) {
  const state = {
    waitUntil: (req: WorkflowStateStartRequest) => {
      seen.push(req);
      return {};
    },
    execute: () => gracefulComplete(),
  };
  return new FakeWorker({ S1: state, NoSuchState: state, '': state });
}

describe('fault table A: client API bad input', () => {
  it('A2: a start with workflowId "" starts under a made-up id', async () => {
    const { simulator, post } = setup(new FakeWorker({}));
    expect((await post('start', { workflowId: '', iwfWorkflowType: 'T' })).status).toBe(200);
    expect(simulator.listWorkflows()[0]!.workflowId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('A4: a start without iwfWorkflowType gives IwfWorkflowType "" and the worker workflowType ""', async () => {
    const seen: WorkflowStateStartRequest[] = [];
    const { post, simulator } = setup(echoWorker(seen));
    await post('start', { workflowId: 'wf', iwfWorkerUrl: 'http://w', startStateId: 'S1' });
    await simulator.runUntilIdle();
    expect(seen[0]!.workflowType).toBe('');
    expect(
      (
        await post('searchattributes/get', {
          workflowId: 'wf',
          keys: [{ key: 'IwfWorkflowType', valueType: 'KEYWORD' }],
        })
      ).body,
    ).toEqual({ searchAttributes: [{ key: 'IwfWorkflowType', valueType: 'KEYWORD', stringValue: '' }] });
  });

  it('A5: no, 0 or null workflowTimeoutSeconds means no execution timeout', async () => {
    const { simulator, post } = setup(new FakeWorker({}));
    await post('start', { workflowId: 'a', iwfWorkflowType: 'T' });
    await post('start', { workflowId: 'b', iwfWorkflowType: 'T', workflowTimeoutSeconds: 0 });
    await post('start', { workflowId: 'c', iwfWorkflowType: 'T', workflowTimeoutSeconds: null });
    await simulator.advanceBy(365 * 24 * 3600_000);
    expect(simulator.listWorkflows().map((w) => w.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
  });

  it('A6 A7: without iwfWorkerUrl nothing is called; with a start state the call fails like Go’s client', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: () => ({}), execute: () => gracefulComplete() } });
    const { post, result } = setup(worker);
    await post('start', { workflowId: 'idle', iwfWorkflowType: 'T' });
    await post('start', {
      workflowId: 'wf',
      iwfWorkflowType: 'T',
      startStateId: 'S1',
      stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 1 } },
    });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'FAILED',
      errorType: 'STATE_API_FAIL_ERROR_TYPE',
      errorMessage:
        'statusCode: 0, responseBody: None, errMsg: Post "/api/v1/workflowState/start": unsupported pr...',
    });
    expect(worker.calls).toHaveLength(0);
  });

  it('A10: unknown fields are ignored', async () => {
    const { start } = setup(new FakeWorker({}));
    expect(
      (await start('wf', { startStateId: undefined, foo: 1, stateOptions: { noSuchOption: true } })).status,
    ).toBe(200);
  });

  it('A11: an INT search attribute given as stringValue is accepted', async () => {
    const { start } = setup(new FakeWorker({}));
    const attribute = { key: 'CustomIntField', valueType: 'INT', stringValue: 'x' };
    expect(
      (
        await start('wf', {
          startStateId: undefined,
          workflowStartOptions: { searchAttributes: [attribute] },
        })
      ).status,
    ).toBe(200);
  });

  it('A15 A18: an over-long iwfWorkflowType or workflowId is refused with Temporal’s 500', async () => {
    const { simulator, start } = setup(new FakeWorker({}));
    expect((await start('wf', { iwfWorkflowType: 't'.repeat(3000) })).body).toEqual({
      detail: 'search attribute IwfWorkflowType value size 3002 exceeds size limit 2048',
      subStatus: 'UNCATEGORIZED_SUB_STATUS',
    });
    expect((await start('w'.repeat(1001))).body).toEqual({
      detail: 'WorkflowId length exceeds limit.',
      subStatus: 'UNCATEGORIZED_SUB_STATUS',
    });
    expect(simulator.listWorkflows()).toHaveLength(0);
  });

  it('refuses a workflow retry policy Temporal refuses, with its text, after filling defaults as it does', async () => {
    const { simulator, start } = setup(new FakeWorker({}));
    const refusal = async (retryPolicy: Record<string, number>) =>
      (
        (await start(`wf-${JSON.stringify(retryPolicy)}`, { workflowStartOptions: { retryPolicy } }))
          .body as {
          detail?: string;
        }
      ).detail;
    expect(await refusal({ backoffCoefficient: 0.5 })).toBe(
      'BackoffCoefficient cannot be less than 1 on retry policy.',
    );
    expect(await refusal({ initialIntervalSeconds: -1 })).toBe(
      'invalid InitialInterval set on retry policy: negative duration',
    );
    expect(await refusal({ initialIntervalSeconds: 10, maximumIntervalSeconds: 1 })).toBe(
      'MaximumInterval cannot be less than InitialInterval on retry policy.',
    );
    expect(await refusal({ maximumAttempts: 0, maximumIntervalSeconds: -1 })).toBe(
      'invalid MaximumInterval set on retry policy: negative duration',
    );
    expect(await refusal({ maximumAttempts: -1 })).toBe(
      'MaximumAttempts cannot be negative on retry policy.',
    );
    expect(simulator.listWorkflows()).toHaveLength(0);
    // Zeros take Temporal's defaults, and one attempt skips the checks: both start.
    expect(
      await refusal({ backoffCoefficient: 0, initialIntervalSeconds: 0, maximumIntervalSeconds: 0 }),
    ).toBeUndefined();
    expect(await refusal({ maximumAttempts: 1, backoffCoefficient: 0.5 })).toBeUndefined();
  });

  it('refuses a start whose search attribute has no valueType with the server’s own mapping error', async () => {
    const { simulator, start } = setup(new FakeWorker({}));
    const reply = await start('untyped', {
      workflowStartOptions: { searchAttributes: [{ key: 'CustomKeywordField', stringValue: 'x' }] },
    });
    expect(reply).toEqual({
      status: 500,
      body: { detail: 'unsupported search attribute value type ', subStatus: 'UNCATEGORIZED_SUB_STATUS' },
    });
    expect(simulator.listWorkflows()).toHaveLength(0);
  });

  it('refuses a signal without a channel name with Temporal’s 500', async () => {
    const { start, post } = setup(new FakeWorker({}));
    await start('idle', { startStateId: undefined });
    for (const signalChannelName of [undefined, '']) {
      expect(await post('signal', { workflowId: 'idle', signalChannelName })).toEqual({
        status: 500,
        body: { detail: 'SignalName is not set on request.', subStatus: 'UNCATEGORIZED_SUB_STATUS' },
      });
    }
  });

  it('A19 A20: any startStateId, even unknown or "", goes to the worker (execution ids NoSuchState-1, -1)', async () => {
    const seen: WorkflowStateStartRequest[] = [];
    const { simulator, start } = setup(echoWorker(seen));
    await start('a', { startStateId: 'NoSuchState' });
    await start('b', { startStateId: '' });
    await simulator.runUntilIdle();
    expect(seen.map((r) => [r.workflowStateId, r.context.stateExecutionId])).toEqual([
      ['NoSuchState', 'NoSuchState-1'],
      ['', '-1'],
    ]);
  });

  it('A25: search with {} or null lists every workflow', async () => {
    const { post, start } = setup(new FakeWorker({}));
    await start('a', { startStateId: undefined });
    expect((await post('search', {})).body).toMatchObject({ workflowExecutions: [{ workflowId: 'a' }] });
    expect((await post('search', null)).body).toMatchObject({ workflowExecutions: [{ workflowId: 'a' }] });
  });

  it('A26: a JSON body is parsed whatever the content type says', async () => {
    const { simulator } = setup(new FakeWorker({}));
    const reply = await simulator.handle({
      method: 'POST',
      path: '/api/v1/workflow/start',
      rawBody: JSON.stringify({ workflowId: 'wf', iwfWorkflowType: 'T' }),
    });
    expect(reply.status).toBe(200);
  });

  it('A27: a request over 4 MB answers 500 context deadline exceeded after 10 s and creates nothing', async () => {
    const { simulator, post, start } = setup(new FakeWorker({}));
    const t0 = simulator.now();
    const reply = await start('wf', {
      startStateId: undefined,
      workflowStartOptions: { dataAttributes: [{ key: 'k', value: big(5) }] },
    });
    expect(reply).toEqual({
      status: 500,
      body: { detail: 'context deadline exceeded', subStatus: 'UNCATEGORIZED_SUB_STATUS' },
    });
    expect(simulator.now() - t0).toBe(10_000);
    expect((await post('get', { workflowId: 'wf' })).status).toBe(400);
  });

  it('A28 A29: a start with a 2.5 MB DA is refused at once (Blob data size exceeds limit.); 1.5 MB is kept intact', async () => {
    const { post, start } = setup(new FakeWorker({}));
    expect(
      (
        await start('a', {
          startStateId: undefined,
          workflowStartOptions: { dataAttributes: [{ key: 'k', value: big(2.5) }] },
        })
      ).body,
    ).toEqual({
      detail: 'Blob data size exceeds limit.',
      subStatus: 'UNCATEGORIZED_SUB_STATUS',
    });
    const ok = await start('b', {
      startStateId: undefined,
      workflowStartOptions: { dataAttributes: [{ key: 'k', value: big(1.5) }] },
    });
    expect(ok.status).toBe(200);
    const objects = (
      (await post('dataobjects/get', { workflowId: 'b' })).body as { objects: { value: { data: string } }[] }
    ).objects;
    expect(objects[0]!.value.data.length).toBe(Math.round(1.5 * 1024 * 1024));
  });

  it('A30: dataobjects/set or a signal of 2.5 MB is refused with 500; the workflow is unchanged and RUNNING', async () => {
    const { post, start } = setup(new FakeWorker({}));
    await start('wf', {
      startStateId: undefined,
      workflowStartOptions: { dataAttributes: [{ key: 'k', value: enc(1) }] },
    });
    expect(
      (await post('dataobjects/set', { workflowId: 'wf', objects: [{ key: 'k', value: big(2.5) }] })).body,
    ).toEqual({
      detail: 'Blob data size exceeds limit.',
      subStatus: 'UNCATEGORIZED_SUB_STATUS',
    });
    expect(
      (await post('signal', { workflowId: 'wf', signalChannelName: 's', signalValue: big(2.5) })).status,
    ).toBe(500);
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'k', value: enc(1) }],
    });
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
  });

  it('A35: HEAD answers 404 with an empty body', async () => {
    const { simulator } = setup(new FakeWorker({}));
    expect(await simulator.handle({ method: 'HEAD', path: '/api/v1/workflow/start' })).toMatchObject({
      status: 404,
      body: '',
    });
  });

  it('A39 C12: an RPC without rpcName is forwarded with rpcName ""', async () => {
    const worker = new FakeWorker({}, { '': () => ({ output: enc('any') }) });
    const { post, start } = setup(worker);
    await start('wf', { startStateId: undefined });
    expect(await post('rpc', { workflowId: 'wf' })).toEqual({
      status: 200,
      body: { output: enc('any') },
    });
    expect(worker.callsOf('rpc')[0]!.body.rpcName).toBe('');
  });
});
