import { ApiPaths } from '../../sdk/wire/paths.ts';
import { AllChecks, expectEqual, expectFields, expectPrefix, expectResponse, expectTrue } from '../checks.ts';
import { Answer, enc, gracefulComplete } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';
import { expectNotCreated, uncategorized } from './error-bodies.ts';

/** A start the real server refuses, or takes and then fails: missing fields, a backend's refusal, an unknown state, a data attribute over the size limit (docs/semantics/faults.md#table-a). */
export const startErrorScenarios: Scenario[] = [
  {
    name: 'start-missing-workflow-id',
    async run(ctx) {
      const noId = ctx.startRequest('', { workflowTimeoutSeconds: 5 }) as Record<string, unknown>;
      const { workflowId: _ignored, ...withoutId } = noId;
      for (const [label, body] of [
        ['without workflowId', JSON.stringify(withoutId)],
        ['with workflowId ""', JSON.stringify(noId)],
        ['{}', '{}'],
        ['null', 'null'],
      ] as const) {
        const res = await ctx.client.request(ApiPaths.start, { rawBody: body });
        expectEqual(`start ${label}: status`, res.status, 200);
        const runId = (res.json as { workflowRunId?: unknown }).workflowRunId;
        expectTrue(
          `start ${label}: workflowRunId`,
          typeof runId === 'string' && runId.length > 0,
          'a non-empty run id',
          res.json,
        );
        // Best effort: stop the orphan (its id is only findable through search).
        const found = await ctx.post(ApiPaths.search, { query: `RunId = '${String(runId)}'` });
        const entry = (found.json as { workflowExecutions?: Array<{ workflowId: string }> } | undefined)
          ?.workflowExecutions?.[0];
        if (entry) await ctx.post(ApiPaths.stop, { workflowId: entry.workflowId, stopType: 'TERMINATE' });
      }
    },
  },
  {
    name: 'start-missing-workflow-type',
    async run(ctx) {
      const id = ctx.id('wf');
      const body = ctx.startRequest(id, {
        startStateId: 'S1',
        stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 1 } },
      }) as Record<string, unknown>;
      delete body.iwfWorkflowType;
      ctx.worker.script(id, { states: { S1: { waitUntil: () => new Answer({ status: 400, body: {} }) } } });
      expectEqual('start: status', (await ctx.post(ApiPaths.start, body)).status, 200);
      ctx.track(id);
      const result = await ctx.result(id);
      expectEqual(
        'result',
        { ...result, workflowRunId: '' },
        {
          workflowRunId: '',
          workflowStatus: 'FAILED',
          errorType: 'STATE_API_FAIL_ERROR_TYPE',
          errorMessage: 'statusCode: 400, responseBody: {}, errMsg: 400 Bad Request  (%!s(*string=<nil>))',
        },
      );
      expectEqual(
        'workflowType sent to the worker',
        ctx.worker.callsOf(id, 'waitUntil')[0]?.body.workflowType,
        '',
      );
      expectResponse(
        'IwfWorkflowType',
        await ctx.post(ApiPaths.searchAttributesGet, {
          workflowId: id,
          keys: [{ key: 'IwfWorkflowType', valueType: 'KEYWORD' }],
        }),
        200,
        { searchAttributes: [{ key: 'IwfWorkflowType', valueType: 'KEYWORD', stringValue: '' }] },
      );
    },
  },
  {
    name: 'start-missing-timeout',
    async run(ctx) {
      for (const [suffix, timeout] of [
        ['absent', undefined],
        ['zero', 0],
        ['null', null],
      ] as const) {
        const id = ctx.id(suffix);
        const body = ctx.startRequest(id, { startStateId: 'S1' }) as Record<string, unknown>;
        if (timeout === undefined) delete body.workflowTimeoutSeconds;
        else body.workflowTimeoutSeconds = timeout;
        ctx.worker.script(id, { states: { S1: { execute: () => gracefulComplete() } } });
        expectEqual(
          `start with timeout ${suffix}: status`,
          (await ctx.post(ApiPaths.start, body)).status,
          200,
        );
        ctx.track(id);
        expectEqual(`timeout ${suffix}: status`, (await ctx.result(id)).workflowStatus, 'COMPLETED');
      }
    },
  },
  {
    name: 'start-missing-worker-url',
    async run(ctx) {
      const id = ctx.id('wf');
      const body = ctx.startRequest(id, {
        startStateId: 'S1',
        stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 1 } },
      }) as Record<string, unknown>;
      delete body.iwfWorkerUrl;
      expectEqual('start: status', (await ctx.post(ApiPaths.start, body)).status, 200);
      ctx.track(id);
      const result = await ctx.result(id);
      expectFields('result', result, {
        workflowStatus: 'FAILED',
        errorType: 'STATE_API_FAIL_ERROR_TYPE',
        errorMessage:
          'statusCode: 0, responseBody: None, errMsg: Post "/api/v1/workflowState/start": unsupported pr...',
      });
    },
  },
  {
    name: 'start-backend-rejects',
    async run(ctx) {
      const long = 'x'.repeat(1001);
      const cases: Array<[string, string, Record<string, unknown>, string]> = [
        [
          'negative timeout',
          ctx.id('neg-timeout'),
          { workflowTimeoutSeconds: -5 },
          'An invalid WorkflowExecutionTimeoutSeconds is set on request. cause: negative duration',
        ],
        [
          'negative start delay',
          ctx.id('neg-delay'),
          { workflowStartOptions: { workflowStartDelaySeconds: -5 } },
          'An invalid WorkflowStartDelaySeconds is set on request. cause: negative duration',
        ],
        [
          'negative retry attempts',
          ctx.id('neg-retry'),
          { workflowStartOptions: { retryPolicy: { maximumAttempts: -1 } } },
          'MaximumAttempts cannot be negative on retry policy.',
        ],
        [
          '3000-char type',
          ctx.id('long-type'),
          { iwfWorkflowType: 't'.repeat(3000) },
          'search attribute IwfWorkflowType value size 3002 exceeds size limit 2048',
        ],
        [
          'unknown search attribute',
          ctx.id('no-such-sa'),
          {
            workflowStartOptions: {
              searchAttributes: [{ key: 'NoSuchField', valueType: 'KEYWORD', stringValue: 'x' }],
            },
          },
          'Namespace default has no mapping defined for search attribute NoSuchField',
        ],
        [
          'unparsable datetime',
          ctx.id('bad-date'),
          {
            workflowStartOptions: {
              searchAttributes: [
                { key: 'CustomDatetimeField', valueType: 'DATETIME', stringValue: 'not-a-date' },
              ],
            },
          },
          "cannot parse time '2006-01-02T15:04:05-07:00', use UTC format not-a-date, time range or raw UnixNano directly. See help for more details: cannot parse timeRange not-a-date",
        ],
        ['1001-char workflowId', long, {}, 'WorkflowId length exceeds limit.'],
      ];
      const all = new AllChecks();
      for (const [label, id, change, detail] of cases) {
        await all.check(async () => {
          expectResponse(
            `start with ${label}`,
            await ctx.post(ApiPaths.start, ctx.startRequest(id, change)),
            500,
            uncategorized(detail),
          );
          if (id !== long) await expectNotCreated(ctx, label, id);
        });
      }
      all.done();
    },
  },
  {
    name: 'start-unknown-state-id',
    async run(ctx) {
      const retryOnce = { waitUntilApiRetryPolicy: { maximumAttempts: 1 } };
      const unknown = ctx.id('unknown');
      await ctx.start(
        unknown,
        { startStateId: 'NoSuchState', stateOptions: retryOnce },
        {
          states: {
            NoSuchState: {
              waitUntil: () =>
                new Answer({
                  status: 400,
                  body: { detail: 'unknown state NoSuchState', errorType: 'StateNotFound' },
                }),
            },
          },
        },
      );
      const r1 = await ctx.result(unknown);
      expectFields('unknown state: result', r1, {
        workflowStatus: 'FAILED',
        errorType: 'STATE_API_FAIL_ERROR_TYPE',
      });
      expectPrefix(
        'unknown state: errorMessage',
        r1.errorMessage,
        // The real server prints a heap address here (docs/semantics/faults.md#b5): compare around it.
        'statusCode: 400, responseBody: {"detail":"unknown state NoSuchState","errorType":"StateNotFound"}, errMsg: 400 Bad Request  (%!s(*string=',
        '))',
      );
      expectEqual(
        'unknown state: stateExecutionId',
        ctx.worker.callsOf(unknown, 'waitUntil')[0]?.stateExecutionId,
        'NoSuchState-1',
      );
      const empty = ctx.id('empty');
      await ctx.start(
        empty,
        { startStateId: '', stateOptions: retryOnce },
        {
          states: { '': { waitUntil: () => new Answer({ status: 400, body: {} }) } },
        },
      );
      const r2 = await ctx.result(empty);
      expectFields('empty state id: result', r2, {
        workflowStatus: 'FAILED',
        errorMessage: 'statusCode: 400, responseBody: {}, errMsg: 400 Bad Request  (%!s(*string=<nil>))',
      });
      const call = ctx.worker.callsOf(empty, 'waitUntil')[0];
      expectEqual(
        'empty state id: waitUntil ids',
        [call?.body.workflowStateId, call?.stateExecutionId],
        ['', '-1'],
      );
    },
  },
  {
    name: 'large-data-attribute',
    timeoutMs: 40_000,
    async run(ctx) {
      const big = (mb: number) => 'x'.repeat(Math.round(mb * 1024 * 1024));
      const da = (mb: number) => ({
        workflowStartOptions: {
          dataAttributes: [{ key: 'big', value: { encoding: 'json/plain', data: JSON.stringify(big(mb)) } }],
        },
      });
      const ok = ctx.id('ok');
      expectEqual(
        'start with a 1.5 MB DA: status',
        (await ctx.post(ApiPaths.start, ctx.startRequest(ok, da(1.5)))).status,
        200,
      );
      ctx.track(ok);
      const got = await ctx.post(ApiPaths.dataObjectsGet, { workflowId: ok });
      const data = (got.json as { objects?: Array<{ value?: { data?: string } }> })?.objects?.[0]?.value
        ?.data;
      expectEqual('1.5 MB DA intact', data?.length, JSON.stringify(big(1.5)).length);
      const blob = ctx.id('blob');
      expectResponse(
        'start with a 2.5 MB DA',
        await ctx.post(ApiPaths.start, ctx.startRequest(blob, da(2.5))),
        500,
        uncategorized('Blob data size exceeds limit.'),
      );
      await expectNotCreated(ctx, '2.5 MB', blob);
      expectResponse(
        'dataobjects/set of a 2.5 MB DA',
        await ctx.post(ApiPaths.dataObjectsSet, {
          workflowId: ok,
          objects: [{ key: 'big2', value: enc(big(2.5)) }],
        }),
        500,
        uncategorized('Blob data size exceeds limit.'),
      );
      expectEqual('status after the refused set', (await ctx.describe(ok)).workflowStatus, 'RUNNING');
      const keys = await ctx.post(ApiPaths.dataObjectsGet, { workflowId: ok, keys: ['big2'] });
      expectEqual('refused DA not stored', keys.json, {});
      const huge = ctx.id('huge');
      // Over gRPC's 4 MB the real server gives up after ~10 s with "context deadline exceeded", a
      // transport artifact (docs/semantics/faults.md#a27): only the status and subStatus are compared.
      const hugeRes = await ctx.post(ApiPaths.start, ctx.startRequest(huge, da(5)), 30_000);
      expectEqual('start with a 5 MB DA: status', hugeRes.status, 500);
      expectFields('start with a 5 MB DA: body', hugeRes.json, { subStatus: 'UNCATEGORIZED_SUB_STATUS' });
      await expectNotCreated(ctx, '5 MB', huge);
    },
  },
];
