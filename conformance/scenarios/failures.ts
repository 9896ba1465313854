import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { WorkflowStateOptions } from '../../sdk/wire/types.ts';
import { expectEqual, expectFields, expectResponse, expectTrue } from '../checks.ts';
import { Answer, enc, gracefulComplete, sleep } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';
import { expectStateApiFailure, once, runS1 } from './state-api-failures.ts';

const boom = () => new Answer({ status: 500, body: { detail: 'boom', errorType: 'BoomError' } });
const BOOM_MESSAGE =
  'statusCode: 500, responseBody: {"detail":"boom","errorType":"BoomError"}, errMsg: 500 Internal Server Error';

/** A worker that fails: retries, their limits and failure policies (docs/semantics/worker-failures.md#failures-2, docs/semantics/execution.md#options-1; docs/semantics/faults.md#table-b). */
export const failureScenarios: Scenario[] = [
  {
    name: 'wait-until-500',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        {
          startStateId: 'S1',
          stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 2, initialIntervalSeconds: 1 } },
          workflowStartOptions: { dataAttributes: [{ key: 'init', value: enc(1) }] },
        },
        { states: { S1: { waitUntil: boom } } },
      );
      expectResponse(
        'dataobjects/set right after start',
        await ctx.post(ApiPaths.dataObjectsSet, { workflowId: id, objects: [{ key: 'set', value: enc(2) }] }),
        200,
        {},
      );
      const result = await ctx.result(id);
      expectStateApiFailure('B1', result, BOOM_MESSAGE);
      expectEqual('waitUntil attempts', ctx.worker.callsOf(id, 'waitUntil').length, 2);
      expectEqual('get without needsResults', await ctx.describe(id), {
        workflowRunId: result.workflowRunId,
        workflowStatus: 'FAILED',
      });
      expectEqual('get with needsResults', await ctx.describe(id, { needsResults: true }), result);
      expectResponse('DAs kept', await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id }), 200, {
        objects: [
          { key: 'init', value: enc(1) },
          { key: 'set', value: enc(2) },
        ],
      });
    },
  },
  {
    name: 'wait-until-long-error-body',
    async run(ctx) {
      const body = `${'e'.repeat(480)}${'f'.repeat(100)}`;
      const { result } = await runS1(
        ctx,
        'wf',
        { waitUntilApiRetryPolicy: once },
        {
          waitUntil: () => new Answer({ status: 503, body, contentType: 'text/plain' }),
        },
      );
      expectStateApiFailure(
        'body cut at 500 characters',
        result,
        `statusCode: 503, responseBody: ${body.slice(0, 500)}..., errMsg: 503 Service Unavailable`,
      );
    },
  },
  {
    name: 'wait-until-500-default-retry',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(id, { startStateId: 'S1' }, { states: { S1: { waitUntil: boom } } });
      const res = await ctx.post(ApiPaths.getWithWait, { workflowId: id, waitTimeSeconds: 3 });
      expectEqual('getWithWait: status', res.status, 420);
      await sleep(500);
      const calls = ctx.worker.callsOf(id, 'waitUntil').length;
      expectTrue(
        'waitUntil calls in ~3.5 s (retried with backoff, forever)',
        calls >= 2 && calls <= 4,
        '2..4',
        calls,
      );
      expectResponse(
        'stop TERMINATE',
        await ctx.post(ApiPaths.stop, { workflowId: id, stopType: 'TERMINATE' }),
        200,
        {},
      );
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'TERMINATED');
    },
  },
  {
    name: 'retry-backoff',
    async run(ctx) {
      const { id, result } = await runS1(
        ctx,
        'wf',
        { waitUntilApiRetryPolicy: { maximumAttempts: 3, initialIntervalSeconds: 1, backoffCoefficient: 2 } },
        { waitUntil: boom },
      );
      expectStateApiFailure('result', result, BOOM_MESSAGE);
      const calls = ctx.worker.callsOf(id, 'waitUntil');
      const contexts = calls.map(
        (c) => c.body.context as { attempt?: number; firstAttemptTimestamp?: number },
      );
      expectEqual(
        'attempts',
        contexts.map((c) => c.attempt),
        [1, 2, 3],
      );
      expectTrue(
        'firstAttemptTimestamp stays',
        new Set(contexts.map((c) => c.firstAttemptTimestamp)).size === 1,
        'one value',
        contexts,
      );
      const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
      expectTrue(
        'backoff gaps ~1 s then ~2 s',
        gaps[0]! >= 800 && gaps[0]! < 1_800 && gaps[1]! >= 1_800 && gaps[1]! < 3_000,
        '[0.8..1.8 s, 1.8..3 s]',
        gaps,
      );
      const capped = await runS1(
        ctx,
        'capped',
        {
          executeApiRetryPolicy: {
            maximumAttempts: 3,
            initialIntervalSeconds: 1,
            backoffCoefficient: 5,
            maximumIntervalSeconds: 1,
          },
        },
        { execute: boom },
      );
      expectStateApiFailure('capped', capped.result, BOOM_MESSAGE);
      const ex = ctx.worker.callsOf(capped.id, 'execute');
      const cappedGaps = ex.slice(1).map((c, i) => c.at - ex[i]!.at);
      expectTrue(
        'gaps capped at maximumIntervalSeconds 1',
        cappedGaps.length === 2 && cappedGaps.every((g) => g >= 800 && g < 1_800),
        '2 gaps of 0.8..1.8 s',
        cappedGaps,
      );
    },
  },
  {
    name: 'retry-maximum-attempts-duration',
    async run(ctx) {
      const { id, result } = await runS1(
        ctx,
        'wf',
        { waitUntilApiRetryPolicy: { maximumAttemptsDurationSeconds: 1 } },
        { waitUntil: boom },
      );
      expectFields('result', result, { workflowStatus: 'FAILED', errorType: 'STATE_API_FAIL_ERROR_TYPE' });
      expectEqual('waitUntil attempts', ctx.worker.callsOf(id, 'waitUntil').length, 1);
    },
  },
  {
    name: 'invalid-retry-policy-stuck',
    timeoutMs: 40_000,
    async run(ctx) {
      const cases: Array<[string, WorkflowStateOptions, number]> = [
        ['negative-attempts', { waitUntilApiRetryPolicy: { maximumAttempts: -1 } }, 0],
        ['small-coefficient', { waitUntilApiRetryPolicy: { backoffCoefficient: 0.5 } }, 0],
        ['negative-interval', { executeApiRetryPolicy: { initialIntervalSeconds: -3 } }, 1],
      ];
      await Promise.all(
        cases.map(async ([suffix, options, waitUntilCalls]) => {
          const { id, result } = await runS1(
            ctx,
            suffix,
            options,
            { execute: () => gracefulComplete() },
            {},
            3,
          );
          expectEqual(`${suffix}: result`, result, {
            workflowRunId: result.workflowRunId,
            workflowStatus: 'TIMEOUT',
          });
          expectEqual(
            `${suffix}: worker calls`,
            ctx.worker.callsOf(id).map((c) => c.api),
            waitUntilCalls ? ['waitUntil'] : [],
          );
        }),
      );
    },
  },
  {
    name: 'wait-until-proceed-on-failure',
    async run(ctx) {
      const { id, result } = await runS1(
        ctx,
        'wf',
        { waitUntilApiFailurePolicy: 'PROCEED_ON_FAILURE', waitUntilApiRetryPolicy: once },
        { waitUntil: boom, execute: () => gracefulComplete(enc('proceeded')) },
      );
      expectEqual('status', result.workflowStatus, 'COMPLETED');
      expectEqual('execute commandResults', ctx.worker.callsOf(id, 'execute')[0]?.body.commandResults, {
        stateStartApiSucceeded: false,
        stateWaitUntilFailed: true,
      });
    },
  },
  {
    name: 'execute-proceed-to-configured-state',
    async run(ctx) {
      const { id, result } = await runS1(
        ctx,
        'wf',
        {
          executeApiRetryPolicy: once,
          executeApiFailurePolicy: 'PROCEED_TO_CONFIGURED_STATE',
          executeApiFailureProceedStateId: 'Recovery',
          executeApiFailureProceedStateOptions: { skipWaitUntil: true },
        },
        { execute: boom },
        { Recovery: { execute: (req) => gracefulComplete(req.stateInput) } },
      );
      expectEqual('results', result.results, [
        {
          completedStateId: 'Recovery',
          completedStateExecutionId: 'Recovery-1',
          completedStateOutput: enc('input'),
        },
      ]);
      expectEqual(
        'calls',
        ctx.worker.callsOf(id).map((c) => `${c.api}:${c.stateExecutionId}`),
        ['waitUntil:S1-1', 'execute:S1-1', 'execute:Recovery-1'],
      );
    },
  },
  {
    name: 'legacy-state-option-names',
    async run(ctx) {
      const skip = await runS1(
        ctx,
        'skip',
        { skipStartApi: true, skipWaitUntil: false },
        { execute: () => gracefulComplete() },
      );
      expectEqual(
        'skipStartApi wins: calls',
        ctx.worker.callsOf(skip.id).map((c) => c.api),
        ['execute'],
      );
      const proceed = await runS1(
        ctx,
        'proceed',
        {
          startApiRetryPolicy: once,
          waitUntilApiRetryPolicy: { maximumAttempts: 3 },
          startApiFailurePolicy: 'PROCEED_TO_DECIDE_ON_START_API_FAILURE',
        },
        { waitUntil: boom, execute: () => gracefulComplete() },
      );
      expectEqual('legacy retry and failure policy: status', proceed.result.workflowStatus, 'COMPLETED');
      expectEqual(
        'legacy retry and failure policy: calls',
        ctx.worker.callsOf(proceed.id).map((c) => c.api),
        ['waitUntil', 'execute'],
      );
      const timeout = await runS1(
        ctx,
        'timeout',
        {
          decideApiTimeoutSeconds: 1,
          executeApiTimeoutSeconds: 30,
          decideApiRetryPolicy: once,
          executeApiRetryPolicy: { maximumAttempts: 3 },
        },
        { execute: () => new Answer({ delayMs: 2_500, body: gracefulComplete() }) },
      );
      expectStateApiFailure('decideApiTimeoutSeconds wins', timeout.result, /StartToClose/);
      expectEqual(
        'decideApiRetryPolicy wins: execute calls',
        ctx.worker.callsOf(timeout.id, 'execute').length,
        1,
      );
    },
  },
];
