import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { WorkflowGetResponse } from '../../sdk/wire/types.ts';
import { expectEqual, expectResponse } from '../checks.ts';
import { Answer, enc, gracefulComplete, type StateScript, sleep } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';
import { expectStateApiFailure, once, runS1 } from './state-api-failures.ts';

/** A worker that answers badly or not at all: malformed and empty bodies, an empty decision, timeouts, a refused connection, an oversized upsert (docs/semantics/faults.md#table-b). */
export const workerAnswerScenarios: Scenario[] = [
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
];
