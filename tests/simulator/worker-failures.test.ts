import { describe, expect, it } from 'vitest';
import { Answer, enc, goTo, gracefulComplete } from '../../conformance/kit/index.ts';
import type { WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { FakeWorker, HANG, setup } from './fake-worker.ts';

const boom = () => new Answer({ status: 500, body: { detail: 'boom', errorType: 'BoomError' } });

describe('worker failures, retries and failure policies (failures-2, fault table B)', () => {
  it('retries with exponential backoff on the virtual clock and fails with the server’s message (B1)', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: boom, execute: () => gracefulComplete() } });
    const { simulator, start, result } = setup(worker);
    await start('wf', {
      stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 4, initialIntervalSeconds: 1 } },
    });
    const t0 = simulator.now();
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'STATE_API_FAIL_ERROR_TYPE',
      errorMessage:
        'statusCode: 500, responseBody: {"detail":"boom","errorType":"BoomError"}, errMsg: 500 Internal Server Error',
    });
    const calls = worker.callsOf('waitUntil');
    expect(calls.map((c) => c.at - t0)).toEqual([0, 1_000, 3_000, 7_000]);
    expect(calls.map((c) => (c.body.context as { attempt: number }).attempt)).toEqual([1, 2, 3, 4]);
    expect(
      new Set(calls.map((c) => (c.body.context as { firstAttemptTimestamp: number }).firstAttemptTimestamp))
        .size,
    ).toBe(1);
  });

  it('caps the backoff at maximumIntervalSeconds and retries forever by default', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: boom, execute: () => gracefulComplete() } });
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('wf');
    const t0 = simulator.now();
    await simulator.advanceBy(1_000_000);
    const gaps = worker
      .callsOf('waitUntil')
      .map((c, i, all) => (i === 0 ? c.at - t0 : c.at - all[i - 1]!.at));
    expect(gaps.slice(0, 9)).toEqual([0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 100_000]);
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
  });

  it('stops retrying at the workflow timeout when no retry limit is set: FAILED after the attempts at 0, 1 and 3 s', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: boom, execute: () => gracefulComplete() } });
    const { simulator, start, result } = setup(worker);
    await start('wf', { workflowTimeoutSeconds: 5 });
    const t0 = simulator.now();
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'FAILED',
      errorType: 'STATE_API_FAIL_ERROR_TYPE',
      errorMessage: expect.stringContaining('errMsg: 500 Internal Server Error'),
    });
    expect(worker.callsOf('waitUntil').map((c) => c.at - t0)).toEqual([0, 1_000, 3_000]);
    expect(simulator.now() - t0).toBe(3_000);
  });

  it('caps maximumAttemptsDurationSeconds at the workflow timeout (10 s workflow, 60 s limit: FAILED at 7 s)', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: boom, execute: () => gracefulComplete() } });
    const { simulator, start, result } = setup(worker);
    await start('wf', {
      workflowTimeoutSeconds: 10,
      stateOptions: { waitUntilApiRetryPolicy: { maximumAttemptsDurationSeconds: 60 } },
    });
    const t0 = simulator.now();
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'FAILED' });
    expect(worker.callsOf('waitUntil').map((c) => c.at - t0)).toEqual([0, 1_000, 3_000, 7_000]);
  });

  it('gives up when the next attempt would be exactly at the deadline (7 s workflow: FAILED at 3 s, as measured)', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: boom, execute: () => gracefulComplete() } });
    const { simulator, start, result } = setup(worker);
    await start('wf', { workflowTimeoutSeconds: 7 });
    const t0 = simulator.now();
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'FAILED' });
    expect(simulator.now() - t0).toBe(3_000);
  });

  it('counts the workflow-timeout cap from the first attempt: a state started 4 s into a 10 s workflow retries at 11 s, so the workflow times out', async () => {
    const worker = new FakeWorker({
      Wait: {
        waitUntil: () => ({
          commandRequest: {
            deciderTriggerType: 'ALL_COMMAND_COMPLETED',
            timerCommands: [{ commandId: 't', durationSeconds: 4 }],
          },
        }),
        execute: () => goTo('S1'),
      },
      S1: { waitUntil: boom, execute: () => gracefulComplete() },
    });
    const { simulator, start, result } = setup(worker);
    await start('wf', { workflowTimeoutSeconds: 10, startStateId: 'Wait' });
    const t0 = simulator.now();
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'TIMEOUT' });
    expect(worker.callsOf('waitUntil', 'S1').map((c) => c.at - t0)).toEqual([4_000, 5_000, 7_000]);
    expect(simulator.now() - t0).toBe(10_000);
  });

  it('quotes the worker’s own reason phrase in errMsg (Flask: 500 INTERNAL SERVER ERROR)', async () => {
    const answers = [
      new Answer({ status: 500, body: 'worker says no', statusText: 'BOOM', contentType: 'text/plain' }),
      new Answer({
        status: 500,
        body: 'oops',
        statusText: 'INTERNAL SERVER ERROR',
        contentType: 'text/html',
      }),
    ];
    const messages: string[] = [];
    for (const answer of answers) {
      const worker = new FakeWorker({ S1: { waitUntil: () => answer, execute: () => gracefulComplete() } });
      const { start, result } = setup(worker);
      await start('wf', { stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 1 } } });
      messages.push(((await result('wf')).body as { errorMessage: string }).errorMessage);
    }
    expect(messages).toEqual([
      'statusCode: 500, responseBody: worker says no, errMsg: 500 BOOM',
      'statusCode: 500, responseBody: oops, errMsg: 500 INTERNAL SERVER ERROR',
    ]);
  });

  it('stops retrying at maximumAttemptsDurationSeconds', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: boom, execute: () => gracefulComplete() } });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: { waitUntilApiRetryPolicy: { maximumAttemptsDurationSeconds: 1 } } });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'FAILED' });
    expect(worker.callsOf('waitUntil')).toHaveLength(1);
  });

  it('formats a 400 with an empty body like the Go client (B4)', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: () => new Answer({ status: 400, body: {} }), execute: () => gracefulComplete() },
    });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 1 } } });
    expect((await result('wf')).body).toMatchObject({
      errorMessage: 'statusCode: 400, responseBody: {}, errMsg: 400 Bad Request  (%!s(*string=<nil>))',
    });
  });

  it('cuts the response body at 500 characters and the error text at 50 (B21)', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => new Answer({ status: 503, body: 'x'.repeat(600), contentType: 'text/plain' }),
        execute: () => gracefulComplete(),
      },
      S2: {
        waitUntil: () => {
          throw new Error('Post "http://localhost:9741/api/v1/workflowState/start": EOF');
        },
        execute: () => gracefulComplete(),
      },
    });
    const { start, result } = setup(worker);
    const once = { waitUntilApiRetryPolicy: { maximumAttempts: 1 } };
    await start('a', { stateOptions: once });
    await start('b', { startStateId: 'S2', stateOptions: once });
    expect(((await result('a')).body as { errorMessage: string }).errorMessage).toBe(
      `statusCode: 503, responseBody: ${'x'.repeat(500)}..., errMsg: 503 Service Unavailable`,
    );
    expect(((await result('b')).body as { errorMessage: string }).errorMessage).toBe(
      'statusCode: 0, responseBody: None, errMsg: Post "http://localhost:9741/api/v1/workflowState/s...',
    );
  });

  it('reports undecodable 200 answers with the decoder error (B6, B7, B9)', async () => {
    const answers = [
      new Answer({ status: 200, body: '{"commandRequest":', contentType: 'application/json' }),
      new Answer({ status: 200, body: 'OK', contentType: 'text/plain' }),
      new Answer({
        status: 200,
        body: { commandRequest: { deciderTriggerType: 'SOME', timerCommands: [{ durationSeconds: 1 }] } },
      }),
    ];
    const messages: string[] = [];
    for (const answer of answers) {
      const worker = new FakeWorker({ S1: { waitUntil: () => answer, execute: () => gracefulComplete() } });
      const { start, result } = setup(worker);
      await start('wf', { stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 1 } } });
      messages.push(((await result('wf')).body as { errorMessage: string }).errorMessage);
    }
    expect(messages).toEqual([
      'statusCode: 200, responseBody: {"commandRequest":, errMsg: unexpected end of JSON input',
      'statusCode: 200, responseBody: OK, errMsg: undefined response type',
      'statusCode: 200, responseBody: {"commandRequest":{"deciderTriggerType":"SOME","timerCommands":[{"durationSeconds":1}]}}, errMsg: SOME is not a valid DeciderTriggerType',
    ]);
  });

  it('treats an empty execute decision as a retryable failure with the exact text (B13)', async () => {
    const worker = new FakeWorker({ S1: { execute: () => ({ stateDecision: { nextStates: [] } }) } });
    const { start, result } = setup(worker);
    await start('wf', {
      stateOptions: { skipWaitUntil: true, executeApiRetryPolicy: { maximumAttempts: 2 } },
    });
    expect((await result('wf')).body).toMatchObject({
      errorType: 'STATE_API_FAIL_ERROR_TYPE',
      errorMessage:
        'err msg: empty state decision is no longer supported. If it\'s from old SDKs then upgrade the SDK to newer versions, response: {"stateDecision":{"nextStates":[]}}',
    });
    expect(worker.callsOf('execute')).toHaveLength(2);
  });

  it('proceeds to execute on waitUntil failure with PROCEED_ON_FAILURE', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = new FakeWorker({
      S1: {
        waitUntil: boom,
        execute: (req) => {
          seen.push(req);
          return gracefulComplete(enc('proceeded'));
        },
      },
    });
    const { start, result } = setup(worker);
    await start('wf', {
      stateOptions: {
        waitUntilApiRetryPolicy: { maximumAttempts: 2 },
        waitUntilApiFailurePolicy: 'PROCEED_ON_FAILURE',
      },
    });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(seen[0]!.commandResults).toEqual({ stateStartApiSucceeded: false, stateWaitUntilFailed: true });
  });

  it('moves to the configured state with the same input on execute failure with PROCEED_TO_CONFIGURED_STATE', async () => {
    const worker = new FakeWorker({
      S1: { execute: boom },
      Recover: { execute: (req) => gracefulComplete(enc(req.stateInput)) },
    });
    const { start, result } = setup(worker);
    await start('wf', {
      stateInput: enc('input'),
      stateOptions: {
        skipWaitUntil: true,
        executeApiRetryPolicy: { maximumAttempts: 1 },
        executeApiFailurePolicy: 'PROCEED_TO_CONFIGURED_STATE',
        executeApiFailureProceedStateId: 'Recover',
        executeApiFailureProceedStateOptions: { skipWaitUntil: true },
      },
    });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateExecutionId: 'Recover-1', completedStateOutput: enc(enc('input')) }],
    });
  });

  it('times out a hung execute call on the virtual clock and drops its late answer (B18)', async () => {
    const worker = new FakeWorker({ S1: { execute: () => HANG } });
    const { simulator, start, result } = setup(worker, { hungCallGraceMs: 20 });
    await start('wf', {
      stateOptions: {
        skipWaitUntil: true,
        executeApiTimeoutSeconds: 1,
        executeApiRetryPolicy: { maximumAttempts: 2 },
      },
    });
    const t0 = simulator.now();
    const body = (await result('wf')).body as { errorMessage: string };
    expect(body.errorMessage).toContain('activity StartToClose timeout (type: StartToClose)');
    expect(body.errorMessage).toMatch(/^activity error \(type: StateApiExecute/);
    expect(simulator.now() - t0).toBe(3_000);
    expect(worker.callsOf('execute')).toHaveLength(2);
  });

  it('honours legacy option names over the new ones (options-1)', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: boom, execute: () => goTo('_SYS_GRACEFUL_COMPLETING_WORKFLOW') },
    });
    const { start, result } = setup(worker);
    await start('wf', {
      stateOptions: {
        startApiRetryPolicy: { maximumAttempts: 1 },
        waitUntilApiRetryPolicy: { maximumAttempts: 5 },
        startApiFailurePolicy: 'PROCEED_TO_DECIDE_ON_START_API_FAILURE',
        waitUntilApiFailurePolicy: 'FAIL_WORKFLOW_ON_FAILURE',
      },
    });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(worker.callsOf('waitUntil')).toHaveLength(1);
  });

  it('never calls the worker for a retry policy Temporal refuses, leaving a diagnostic (B24)', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: () => ({}), execute: () => gracefulComplete() } });
    const lines: string[] = [];
    const { simulator, start, result } = setup(worker, { logger: (line) => lines.push(line) });
    await start('wf', {
      workflowTimeoutSeconds: 5,
      stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: -1 } },
    });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'TIMEOUT' });
    expect(worker.calls).toHaveLength(0);
    expect(simulator.history('wf').find((e) => e.type === 'Diagnostic')?.attrs?.problem).toContain(
      'MaximumAttempts cannot be negative',
    );
    expect(lines.some((line) => line.includes('MaximumAttempts cannot be negative'))).toBe(true);
  });
});
