import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { WorkflowGetResponse, WorkflowStateOptions } from '../../sdk/wire/types.ts';
import { expectEqual, expectFields, expectMatch, expectResponse, expectTrue } from '../checks.ts';
import type { ScenarioContext } from '../context.ts';
import { Answer, enc, gracefulComplete, type StateScript, sleep } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';

const once = { maximumAttempts: 1 };
const boom = () => new Answer({ status: 500, body: { detail: 'boom', errorType: 'BoomError' } });
const BOOM_MESSAGE =
  'statusCode: 500, responseBody: {"detail":"boom","errorType":"BoomError"}, errMsg: 500 Internal Server Error';

/** Starts S1 with options and a script; returns the getWithWait body and the id. */
async function runS1(
  ctx: ScenarioContext,
  suffix: string,
  stateOptions: WorkflowStateOptions,
  s1: StateScript,
  extra: Record<string, StateScript> = {},
  timeout = 30,
) {
  const id = ctx.id(suffix);
  await ctx.start(
    id,
    { startStateId: 'S1', stateInput: enc('input'), stateOptions, workflowTimeoutSeconds: timeout },
    { states: { S1: s1, ...extra } },
  );
  return { id, result: await ctx.result(id, 15) };
}

/** `{errorType: STATE_API_FAIL_ERROR_TYPE, errorMessage, workflowStatus: FAILED}` check. */
function expectStateApiFailure(
  label: string,
  result: { workflowStatus: string; errorType?: string; errorMessage?: string },
  message: string | RegExp,
) {
  expectFields(`${label}: result`, result, {
    workflowStatus: 'FAILED',
    errorType: 'STATE_API_FAIL_ERROR_TYPE',
  });
  if (typeof message === 'string') expectEqual(`${label}: errorMessage`, result.errorMessage, message);
  else expectMatch(`${label}: errorMessage`, result.errorMessage, message);
}

/** Worker failures, retries, timeouts and failure policies (docs/semantics/worker-failures.md#failures-2, docs/semantics/execution.md#options-1; docs/semantics/faults.md#table-b). */
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
    name: 'wait-until-malformed-response',
    async run(ctx) {
      const cases: Array<[string, Answer, string | RegExp]> = [
        [
          'truncated',
          new Answer({ body: '{"commandRequest":' }),
          'statusCode: 200, responseBody: {"commandRequest":, errMsg: unexpected end of JSON input',
        ],
        [
          'text',
          new Answer({ body: 'OK', contentType: 'text/plain' }),
          'statusCode: 200, responseBody: OK, errMsg: undefined response type',
        ],
        [
          'string',
          new Answer({ body: '{"commandRequest":"all"}' }),
          'statusCode: 200, responseBody: {"commandRequest":"all"}, errMsg: json: cannot unmarshal string into Go struct field...',
        ],
        [
          'enum',
          new Answer({
            body: '{"commandRequest":{"deciderTriggerType":"SOME","timerCommands":[{"durationSeconds":1}]}}',
          }),
          'statusCode: 200, responseBody: {"commandRequest":{"deciderTriggerType":"SOME","timerCommands":[{"durationSeconds":1}]}}, errMsg: SOME is not a valid DeciderTriggerType',
        ],
        [
          'no-trigger',
          new Answer({ body: '{"commandRequest":{"timerCommands":[{"durationSeconds":1}]}}' }),
          'err msg: unsupported decider trigger type , response: {"commandRequest":{"timerCommands":[{"durationSeconds":1}]}}',
        ],
      ];
      await Promise.all(
        cases.map(async ([suffix, answer, message]) => {
          const { id, result } = await runS1(
            ctx,
            suffix,
            { waitUntilApiRetryPolicy: once },
            { waitUntil: () => answer, execute: () => gracefulComplete() },
          );
          expectStateApiFailure(suffix, result, message);
          expectEqual(
            `${suffix}: calls`,
            ctx.worker.callsOf(id).map((c) => c.api),
            ['waitUntil'],
          );
        }),
      );
    },
  },
  {
    name: 'worker-empty-body',
    async run(ctx) {
      const wu = await runS1(
        ctx,
        'wait-until',
        {},
        { waitUntil: () => new Answer({ body: '' }), execute: () => gracefulComplete() },
      );
      expectEqual('empty waitUntil body: status', wu.result.workflowStatus, 'COMPLETED');
      expectEqual(
        'empty waitUntil body: execute commandResults',
        ctx.worker.callsOf(wu.id, 'execute')[0]?.body.commandResults,
        {
          stateStartApiSucceeded: true,
          stateWaitUntilFailed: false,
        },
      );
      const ex = await runS1(
        ctx,
        'execute',
        { executeApiRetryPolicy: { maximumAttempts: 2, initialIntervalSeconds: 1 } },
        { execute: () => new Answer({ body: '' }) },
      );
      expectStateApiFailure(
        'empty execute body',
        ex.result,
        /^activity error \(type: StateApiExecute, .*\): runtime error: invalid memory address or nil pointer dereference$/,
      );
      expectEqual('empty execute body: execute attempts', ctx.worker.callsOf(ex.id, 'execute').length, 2);
    },
  },
  {
    name: 'execute-empty-decision',
    async run(ctx) {
      const options = { executeApiRetryPolicy: { maximumAttempts: 2, initialIntervalSeconds: 1 } };
      const prefix =
        "err msg: empty state decision is no longer supported. If it's from old SDKs then upgrade the SDK to newer versions, response: ";
      const s1 = (body: object): StateScript => ({
        waitUntil: () => ({ upsertDataObjects: [{ key: 'w', value: enc(1) }] }),
        execute: () => body,
      });
      const [a, b] = await Promise.all([
        runS1(ctx, 'empty-list', options, s1({ stateDecision: { nextStates: [] } })),
        runS1(ctx, 'empty-object', options, s1({})),
      ]);
      expectStateApiFailure('nextStates []', a.result, `${prefix}{"stateDecision":{"nextStates":[]}}`);
      expectStateApiFailure('{}', b.result, `${prefix}{}`);
      expectEqual(
        'execute attempts',
        [ctx.worker.callsOf(a.id, 'execute').length, ctx.worker.callsOf(b.id, 'execute').length],
        [2, 2],
      );
      expectResponse(
        'waitUntil DA kept',
        await ctx.post(ApiPaths.dataObjectsGet, { workflowId: a.id }),
        200,
        { objects: [{ key: 'w', value: enc(1) }] },
      );
    },
  },
  {
    name: 'execute-timeout',
    async run(ctx) {
      const slow = () =>
        new Answer({
          delayMs: 5_000,
          body: { ...gracefulComplete(), upsertDataObjects: [{ key: 'late', value: enc(1) }] },
        });
      const s1 = { waitUntil: () => ({ upsertDataObjects: [{ key: 'w', value: enc(1) }] }), execute: slow };
      const [a, b] = await Promise.all([
        runS1(
          ctx,
          'attempts',
          {
            executeApiTimeoutSeconds: 1,
            executeApiRetryPolicy: { maximumAttempts: 2, initialIntervalSeconds: 1 },
          },
          s1,
        ),
        runS1(
          ctx,
          'duration',
          {
            executeApiTimeoutSeconds: 1,
            executeApiRetryPolicy: {
              maximumAttemptsDurationSeconds: 3,
              initialIntervalSeconds: 1,
              backoffCoefficient: 1,
            },
          },
          s1,
        ),
      ]);
      expectStateApiFailure(
        'maximumAttempts 2',
        a.result,
        /^activity error \(type: StateApiExecute, .*\): activity StartToClose timeout \(type: StartToClose\): activity StartToClose timeout \(type: StartToClose\)$/,
      );
      expectStateApiFailure(
        'maximumAttemptsDurationSeconds 3',
        b.result,
        /^activity error \(type: StateApiExecute, .*\): Not enough time to schedule next retry before activity ScheduleToClose timeout, giving up retrying \(type: ScheduleToClose\): activity StartToClose timeout \(type: StartToClose\)$/,
      );
      expectEqual(
        'execute attempts',
        [ctx.worker.callsOf(a.id, 'execute').length, ctx.worker.callsOf(b.id, 'execute').length],
        [2, 2],
      );
      await sleep(3_000);
      expectResponse(
        'late answer dropped, waitUntil DA kept',
        await ctx.post(ApiPaths.dataObjectsGet, { workflowId: a.id }),
        200,
        { objects: [{ key: 'w', value: enc(1) }] },
      );
    },
  },
  {
    name: 'wait-until-timeout',
    async run(ctx) {
      const { id, result } = await runS1(
        ctx,
        'wf',
        { waitUntilApiTimeoutSeconds: 1, waitUntilApiRetryPolicy: once },
        { waitUntil: () => new Answer({ delayMs: 3_000, body: {} }) },
      );
      expectStateApiFailure(
        'result',
        result,
        // One attempt: the cause is said once (after retries it is said twice; see above).
        /^activity error \(type: StateApiWaitUntil, .*\): activity StartToClose timeout \(type: StartToClose\)$/,
      );
      expectEqual('waitUntil attempts', ctx.worker.callsOf(id, 'waitUntil').length, 1);
    },
  },
  {
    name: 'worker-connection-failure',
    async run(ctx) {
      const hang = await runS1(
        ctx,
        'hangup',
        { waitUntilApiRetryPolicy: once },
        { waitUntil: () => new Answer({ hangUp: true }) },
      );
      const cut = `Post "${ctx.workerUrl}/api/v1/workflowState/start": EOF`.slice(0, 50);
      expectStateApiFailure(
        'connection closed',
        hang.result,
        `statusCode: 0, responseBody: None, errMsg: ${cut}...`,
      );
      expectEqual('connection closed: calls', ctx.worker.callsOf(hang.id).length, 1);
      const id = ctx.id('refused');
      await ctx.start(id, {
        startStateId: 'S1',
        iwfWorkerUrl: 'http://127.0.0.1:1',
        stateOptions: { waitUntilApiRetryPolicy: once },
      });
      expectStateApiFailure(
        'connection refused',
        await ctx.result(id),
        'statusCode: 0, responseBody: None, errMsg: Post "http://127.0.0.1:1/api/v1/workflowState/star...',
      );
    },
  },
  {
    name: 'worker-oversized-upsert',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        {
          startStateId: 'S1',
          stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 3 } },
          workflowStartOptions: { dataAttributes: [{ key: 'init', value: enc(1) }] },
        },
        {
          states: {
            S1: {
              waitUntil: () => ({
                upsertDataObjects: [{ key: 'big', value: enc('x'.repeat(2.5 * 1024 * 1024)) }],
              }),
            },
          },
        },
      );
      const res = await ctx.post(ApiPaths.getWithWait, { workflowId: id, waitTimeSeconds: 8 }, 20_000);
      const calls = ctx.worker.callsOf(id).map((c) => c.api);
      expectEqual('getWithWait status (closed within 8 s)', [res.status, calls], [200, ['waitUntil']]);
      expectStateApiFailure(
        'result',
        res.json as WorkflowGetResponse,
        /^activity error \(type: StateApiWaitUntil, .*\): Complete result exceeds size limit\.$/,
      );
      expectEqual('waitUntil attempts (not retried)', ctx.worker.callsOf(id, 'waitUntil').length, 1);
      expectResponse(
        'only the initial DA',
        await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id }),
        200,
        { objects: [{ key: 'init', value: enc(1) }] },
      );
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
