import { describe, expect, it } from 'vitest';
import { Answer, enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { WorkflowStateDecideResponse } from '../../sdk/wire/types.ts';
import { FakeWorker, HANG, setup } from './fake-worker.ts';

const big = (megabytes: number) => ({
  encoding: 'json',
  data: 'x'.repeat(Math.round(megabytes * 1024 * 1024)),
});
type Failed = { workflowStatus: string; errorType?: string; errorMessage?: string };

async function failureOf(worker: FakeWorker, stateOptions: Record<string, unknown>) {
  const env = setup(worker);
  await env.start('wf', { workflowTimeoutSeconds: 30, stateOptions });
  return { ...env, outcome: (await env.result('wf', 60)).body as Failed };
}

describe('fault table B: worker faults on the state APIs', () => {
  it('B2: a text 500 body is quoted in the message', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () =>
          new Answer({ status: 500, body: 'boom: internal failure', contentType: 'text/plain' }),
        execute: () => gracefulComplete(),
      },
    });
    const { outcome } = await failureOf(worker, { waitUntilApiRetryPolicy: { maximumAttempts: 1 } });
    expect(outcome.errorMessage).toBe(
      'statusCode: 500, responseBody: boom: internal failure, errMsg: 500 Internal Server Error',
    );
  });

  it('B3: without a retry policy a failing waitUntil is retried at 0, 1, 3, 7 s… and the workflow stays RUNNING until stopped', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: () => new Answer({ status: 500, body: {} }), execute: () => gracefulComplete() },
    });
    const { simulator, post, start } = setup(worker);
    const t0 = simulator.now();
    await start('wf');
    await simulator.advanceBy(7_500);
    expect(worker.callsOf('waitUntil').map((c) => c.at - t0)).toEqual([0, 1000, 3000, 7000]);
    expect((await post('getWithWait', { workflowId: 'wf', waitTimeSeconds: 1 })).status).toBe(420);
    await post('stop', { workflowId: 'wf', stopType: 'TERMINATE' });
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'TERMINATED' });
  });

  it('B5: a 400 with a detail prints a Go heap address for it, as the real server does', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () =>
          new Answer({
            status: 400,
            body: { detail: 'unknown state NoSuchState', errorType: 'StateNotFound' },
          }),
        execute: () => gracefulComplete(),
      },
    });
    const { outcome } = await failureOf(worker, { waitUntilApiRetryPolicy: { maximumAttempts: 1 } });
    expect(outcome.errorMessage).toMatch(
      /^statusCode: 400, responseBody: \{"detail":"unknown state NoSuchState","errorType":"StateNotFound"\}, errMsg: 400 Bad Request {2}\(%!s\(\*string=0xc[0-9a-f]+\)\)$/,
    );
  });

  it('B8: a 200 of the wrong shape fails with the decoder error', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => new Answer({ status: 200, body: { commandRequest: 'all' } }),
        execute: () => gracefulComplete(),
      },
    });
    const { outcome } = await failureOf(worker, { waitUntilApiRetryPolicy: { maximumAttempts: 1 } });
    expect(outcome.errorMessage).toMatch(
      /^statusCode: 200, responseBody: \{"commandRequest":"all"\}, errMsg: /,
    );
  });

  it('B11: an empty 200 waitUntil body means no commands', async () => {
    const seen: unknown[] = [];
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => new Answer({ status: 200, body: '', contentType: 'application/json' }),
        execute: (req) => {
          seen.push(req.commandResults);
          return gracefulComplete();
        },
      },
    });
    const { outcome } = await failureOf(worker, {});
    expect(outcome.workflowStatus).toBe('COMPLETED');
    expect(seen).toEqual([{ stateStartApiSucceeded: true, stateWaitUntilFailed: false }]);
  });

  it('B12: an empty 200 execute body is the server’s nil-pointer crash, retried', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => new Answer({ status: 200, body: '', contentType: 'application/json' }) },
    });
    const { outcome } = await failureOf(worker, {
      skipWaitUntil: true,
      executeApiRetryPolicy: { maximumAttempts: 2 },
    });
    expect(outcome.errorMessage).toMatch(
      /^activity error \(type: StateApiExecute, .*\): runtime error: invalid memory address or nil pointer dereference$/,
    );
    expect(worker.callsOf('execute')).toHaveLength(2);
  });

  it('B14: an execute answering {} fails like an empty decision, ending with response: {}', async () => {
    const worker = new FakeWorker({ S1: { execute: () => ({}) as WorkflowStateDecideResponse } });
    const { outcome } = await failureOf(worker, {
      skipWaitUntil: true,
      executeApiRetryPolicy: { maximumAttempts: 2 },
    });
    expect(outcome.errorMessage).toMatch(
      /^err msg: empty state decision is no longer supported.*, response: \{\}$/,
    );
  });

  it('B16: a next state with stateId "" is started as execution -1', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => ({ stateDecision: { nextStates: [{ stateId: '' }] } }) },
      '': { waitUntil: () => ({}), execute: () => gracefulComplete() },
    });
    const { outcome } = await failureOf(worker, { skipWaitUntil: true });
    expect(outcome.workflowStatus).toBe('COMPLETED');
    expect(worker.callsOf('waitUntil', '')[0]?.body.context).toMatchObject({ stateExecutionId: '-1' });
  });

  it('B19 B20: timeouts end with the ScheduleToClose or StartToClose texts', async () => {
    const hangs = new FakeWorker({ S1: { waitUntil: () => HANG, execute: () => HANG } });
    const execute = await failureOf(hangs, {
      skipWaitUntil: true,
      executeApiTimeoutSeconds: 1,
      executeApiRetryPolicy: {
        maximumAttemptsDurationSeconds: 3,
        initialIntervalSeconds: 1,
        backoffCoefficient: 1,
      },
    });
    expect(execute.outcome.errorMessage).toMatch(
      /Not enough time to schedule next retry before activity ScheduleToClose timeout, giving up retrying \(type: ScheduleToClose\): activity StartToClose timeout \(type: StartToClose\)$/,
    );
    const waitUntil = await failureOf(hangs, {
      waitUntilApiTimeoutSeconds: 1,
      waitUntilApiRetryPolicy: { maximumAttempts: 2 },
    });
    expect(waitUntil.outcome.errorMessage).toBe(
      'activity error (type: StateApiWaitUntil, scheduledEventID: 8, startedEventID: 9, identity: ): activity StartToClose timeout (type: StartToClose): activity StartToClose timeout (type: StartToClose)',
    );
  });

  it('B20: a timeout with no retry (maximumAttempts 1) states its cause once, as the real server does', async () => {
    const hangs = new FakeWorker({ S1: { waitUntil: () => HANG, execute: () => HANG } });
    const { outcome } = await failureOf(hangs, {
      waitUntilApiTimeoutSeconds: 1,
      waitUntilApiRetryPolicy: { maximumAttempts: 1 },
    });
    expect(outcome.errorMessage).toBe(
      'activity error (type: StateApiWaitUntil, scheduledEventID: 8, startedEventID: 9, identity: ): activity StartToClose timeout (type: StartToClose)',
    );
  });

  it('B22: a refused connection fails with status 0 and the transport error', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => {
          throw new Error(
            'Post "http://127.0.0.1:1/api/v1/workflowState/start": dial tcp 127.0.0.1:1: connect: connection refused',
          );
        },
        execute: () => gracefulComplete(),
      },
    });
    const { outcome } = await failureOf(worker, { waitUntilApiRetryPolicy: { maximumAttempts: 1 } });
    expect(outcome.errorMessage).toBe(
      'statusCode: 0, responseBody: None, errMsg: Post "http://127.0.0.1:1/api/v1/workflowState/star...',
    );
  });

  it('B23: a waitUntil answer over 2 MB fails the workflow at once, not retried, and its DA is not stored', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({ upsertDataObjects: [{ key: 'big', value: big(2.5) }] }),
        execute: () => gracefulComplete(),
      },
    });
    const env = setup(worker);
    await env.start('wf', {
      workflowTimeoutSeconds: 30,
      stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 3 } },
      workflowStartOptions: { dataAttributes: [{ key: 'init', value: enc(1) }] },
    });
    expect((await env.result('wf')).body).toMatchObject({
      workflowStatus: 'FAILED',
      errorType: 'STATE_API_FAIL_ERROR_TYPE',
      errorMessage: expect.stringMatching(
        /^activity error \(type: StateApiWaitUntil, scheduledEventID: 8, startedEventID: 9, identity: .*\): Complete result exceeds size limit\.$/,
      ),
    });
    expect(worker.callsOf('waitUntil')).toHaveLength(1);
    expect((await env.post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'init', value: enc(1) }],
    });
  });

  it('B25: an execute retry policy Temporal refuses lets waitUntil run, then the workflow is stuck until TIMEOUT', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: () => ({}), execute: () => gracefulComplete() } });
    const { outcome } = await failureOf(worker, { executeApiRetryPolicy: { initialIntervalSeconds: -3 } });
    expect(outcome).toMatchObject({ workflowStatus: 'TIMEOUT' });
    expect(worker.callsOf('waitUntil')).toHaveLength(1);
    expect(worker.callsOf('execute')).toHaveLength(0);
  });

  it('B26: a negative waitUntilApiTimeoutSeconds keeps the 30 s default', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: () => ({}), execute: () => gracefulComplete() } });
    const { outcome } = await failureOf(worker, { waitUntilApiTimeoutSeconds: -5 });
    expect(outcome.workflowStatus).toBe('COMPLETED');
  });
});

describe('fault table C: RPC faults', () => {
  async function rpcAnswering(answer: Answer, request: Record<string, unknown> = {}) {
    const worker = new FakeWorker({}, { r: () => answer, ok: () => ({ output: enc('fine') }) });
    const env = setup(worker);
    await env.start('wf', {
      startStateId: undefined,
      workflowStartOptions: { dataAttributes: [{ key: 'k', value: enc(1) }] },
    });
    const reply = await env.post('rpc', { workflowId: 'wf', rpcName: 'r', timeoutSeconds: 2, ...request });
    // After every case the workflow still runs, its DAs are unchanged, and the next RPC works.
    expect((await env.post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
    expect((await env.post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'k', value: enc(1) }],
    });
    expect((await env.post('rpc', { workflowId: 'wf', rpcName: 'ok' })).status).toBe(200);
    return reply;
  }
  const workerApiError = (detail: string, status: number, type = '', workerDetail = '') => ({
    status: 420,
    body: {
      detail,
      originalWorkerErrorDetail: workerDetail,
      originalWorkerErrorStatus: status,
      originalWorkerErrorType: type,
      subStatus: 'WORKER_API_ERROR',
    },
  });

  it('C3 C4: 400 with an error body, or 404 text, are 420 worker API errors', async () => {
    expect(
      await rpcAnswering(
        new Answer({ status: 400, body: { detail: 'unknown rpc', errorType: 'RpcNotFound' } }),
      ),
    ).toEqual(
      workerApiError(
        'worker API error, status:400, errorType:RpcNotFound',
        400,
        'RpcNotFound',
        'unknown rpc',
      ),
    );
    expect(
      await rpcAnswering(new Answer({ status: 404, body: '404 page not found', contentType: 'text/plain' })),
    ).toEqual(
      workerApiError(
        'unable to decode worker response body to WorkerErrorResponse: body404 page not found',
        404,
      ),
    );
  });

  it('C6: 200 text/plain OK is undecodable', async () => {
    expect(await rpcAnswering(new Answer({ status: 200, body: 'OK', contentType: 'text/plain' }))).toEqual(
      workerApiError('unable to decode worker response body to WorkerErrorResponse: bodyOK', 200),
    );
  });

  it('C7: a 200 answer of the wrong shape is "status:200, errorType:" and its upsert is not applied', async () => {
    const wrong = new Answer({
      status: 200,
      body: { output: 'not-an-object', upsertDataAttributes: [{ key: 'k', value: enc(2) }] },
    });
    expect(await rpcAnswering(wrong)).toEqual(
      workerApiError('worker API error, status:200, errorType:', 200),
    );
    const badEnum = new Answer({
      status: 200,
      body: { upsertSearchAttributes: [{ key: 'CustomIntField', valueType: 'NOPE' }] },
    });
    expect(await rpcAnswering(badEnum)).toEqual(
      workerApiError('worker API error, status:200, errorType:', 200),
    );
  });

  it('C8: an empty 200 body is the server’s 500 nil-pointer crash', async () => {
    expect(
      await rpcAnswering(new Answer({ status: 200, body: '', contentType: 'application/json' })),
    ).toEqual({
      status: 500,
      body: {
        detail: 'runtime error: invalid memory address or nil pointer dereference',
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    });
  });

  it('C11: without timeoutSeconds the RPC waits up to maxWaitSeconds', async () => {
    let release: () => void = () => {};
    const worker = new FakeWorker(
      {},
      { slow: () => new Promise((resolve) => (release = () => resolve({ output: enc('late') }))) },
    );
    const { simulator, post, start } = setup(worker, { maxWaitSeconds: 12 });
    await start('wf', { startStateId: undefined });
    const pending = post('rpc', { workflowId: 'wf', rpcName: 'slow', timeoutSeconds: 0 });
    await simulator.advanceBy(5_000);
    release();
    expect(await pending).toEqual({ status: 200, body: { output: enc('late') } });
  });
});
