import { ApiPaths } from '../../sdk/wire/paths.ts';
import { AllChecks, expectEqual, expectFields, expectPrefix, expectResponse, expectTrue } from '../checks.ts';
import type { ScenarioContext } from '../context.ts';
import { Answer, enc, gracefulComplete } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';

const INVALID_SCHEMA = { detail: 'invalid request schema' };
const NO_WORKFLOW_ID = {
  detail: 'WorkflowId is not set on request.',
  subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
};
const ALREADY_COMPLETED = {
  detail: 'workflow execution already completed',
  subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
};
const notFound = (id: string) => ({
  detail: `workflow not found for ID: ${id}`,
  subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
});
const uncategorized = (detail: string) => ({ detail, subStatus: 'UNCATEGORIZED_SUB_STATUS' });

/** The 18 POST endpoints of the client API. */
const ALL_POST_PATHS = Object.entries(ApiPaths)
  .filter(([name]) => name !== 'healthcheck')
  .map(([, path]) => path);
/** Endpoints that answer `{}`/`null` with "WorkflowId is not set on request." (docs/semantics/faults.md#a22). */
const WORKFLOW_ID_PATHS = [
  ApiPaths.signal,
  ApiPaths.stop,
  ApiPaths.get,
  ApiPaths.getWithWait,
  ApiPaths.rpc,
  ApiPaths.dataObjectsGet,
  ApiPaths.dataObjectsSet,
  ApiPaths.searchAttributesGet,
  ApiPaths.searchAttributesSet,
  ApiPaths.reset,
  ApiPaths.configUpdate,
  ApiPaths.publishToInternalChannel,
  ApiPaths.triggerContinueAsNew,
  ApiPaths.dump,
];

async function expectNotCreated(ctx: ScenarioContext, label: string, id: string): Promise<void> {
  expectResponse(
    `${label}: get afterwards (not created)`,
    await ctx.post(ApiPaths.get, { workflowId: id }),
    400,
    notFound(id),
  );
}

/** Client API bad input and error bodies (docs/semantics/wire.md#errors-0, #errors-1; docs/semantics/faults.md#table-a). */
export const errorScenarios: Scenario[] = [
  {
    name: 'invalid-request-schema',
    async run(ctx) {
      const raw = (path: string, body: string) => ctx.client.request(path, { rawBody: body });
      expectResponse(
        'malformed JSON to start',
        await raw(ApiPaths.start, '{"workflowId":'),
        400,
        INVALID_SCHEMA,
      );
      expectResponse('malformed JSON to get', await raw(ApiPaths.get, 'not json'), 400, INVALID_SCHEMA);
      expectResponse(
        'invalid stopType enum',
        await ctx.post(ApiPaths.stop, { workflowId: ctx.id('x'), stopType: 'NOPE' }),
        400,
        INVALID_SCHEMA,
      );
      expectResponse(
        'invalid loading type enum',
        await ctx.post(ApiPaths.rpc, {
          workflowId: ctx.id('x'),
          rpcName: 'r',
          dataAttributesLoadingPolicy: { persistenceLoadingType: 'NOPE' },
        }),
        400,
        INVALID_SCHEMA,
      );
      expectResponse(
        'invalid id reuse policy enum',
        await ctx.post(
          ApiPaths.start,
          ctx.startRequest(ctx.id('enum'), { workflowStartOptions: { workflowIDReusePolicy: 'NOPE' } }),
        ),
        400,
        INVALID_SCHEMA,
      );
      expectResponse(
        'JSON sent as text/plain is read as JSON',
        await ctx.client.request(ApiPaths.get, { rawBody: '{}', contentType: 'text/plain' }),
        400,
        NO_WORKFLOW_ID,
      );
    },
  },
  {
    name: 'empty-body',
    async run(ctx) {
      for (const path of ALL_POST_PATHS) {
        expectResponse(
          `empty body to ${path}`,
          await ctx.client.request(path, { rawBody: '' }),
          400,
          INVALID_SCHEMA,
        );
      }
      for (const body of ['{}', 'null']) {
        for (const path of WORKFLOW_ID_PATHS) {
          expectResponse(
            `${body} to ${path}`,
            await ctx.client.request(path, { rawBody: body }),
            400,
            NO_WORKFLOW_ID,
          );
        }
        expectResponse(
          `${body} to timer/skip`,
          await ctx.client.request(ApiPaths.skipTimer, { rawBody: body }),
          400,
          uncategorized('invalid request - must provide either a timerCommandId or index'),
        );
        expectResponse(
          `${body} to waitForStateCompletion`,
          await ctx.client.request(ApiPaths.waitForStateCompletion, { rawBody: body }),
          500,
          uncategorized('runtime error: invalid memory address or nil pointer dereference'),
        );
      }
    },
  },
  {
    name: 'start-wrong-json-types',
    async run(ctx) {
      const id = ctx.id('wf');
      const base = ctx.startRequest(id, { startStateId: 'S1' }) as Record<string, unknown>;
      const variants: Array<[string, Record<string, unknown>]> = [
        ['timeout "10"', { workflowTimeoutSeconds: '10' }],
        ['timeout 10.5', { workflowTimeoutSeconds: 10.5 }],
        ['timeout true', { workflowTimeoutSeconds: true }],
        ['timeout int32 overflow', { workflowTimeoutSeconds: 3_000_000_000 }],
        ['iwfWorkflowType true', { iwfWorkflowType: true }],
        ['iwfWorkerUrl 1', { iwfWorkerUrl: 1 }],
        ['startStateId 5', { startStateId: 5 }],
        ['stateInput "x"', { stateInput: 'x' }],
        ['workflowStartOptions []', { workflowStartOptions: [] }],
        ['waitUntilApiTimeoutSeconds "1"', { stateOptions: { waitUntilApiTimeoutSeconds: '1' } }],
        [
          'dataAttributes value "v"',
          { workflowStartOptions: { dataAttributes: [{ key: 'k', value: 'v' }] } },
        ],
      ];
      for (const [label, change] of variants) {
        expectResponse(
          `start with ${label}`,
          await ctx.post(ApiPaths.start, { ...base, ...change }),
          400,
          INVALID_SCHEMA,
        );
      }
      expectResponse(
        'start with workflowId 123',
        await ctx.post(ApiPaths.start, { ...base, workflowId: 123 }),
        400,
        INVALID_SCHEMA,
      );
      for (const body of ['[]', '"x"', '42']) {
        expectResponse(
          `start with body ${body}`,
          await ctx.client.request(ApiPaths.start, { rawBody: body }),
          400,
          INVALID_SCHEMA,
        );
      }
      await expectNotCreated(ctx, 'wrong types', id);
      const elsewhere: Array<[string, string, Record<string, unknown>]> = [
        ['get workflowId 5', ApiPaths.get, { workflowId: 5 }],
        ['signal value "x"', ApiPaths.signal, { workflowId: id, signalChannelName: 'a', signalValue: 'x' }],
        ['rpc timeoutSeconds "2"', ApiPaths.rpc, { workflowId: id, rpcName: 'r', timeoutSeconds: '2' }],
        ['getWithWait waitTimeSeconds 1.5', ApiPaths.getWithWait, { workflowId: id, waitTimeSeconds: 1.5 }],
      ];
      for (const [label, path, body] of elsewhere)
        expectResponse(label, await ctx.post(path, body), 400, INVALID_SCHEMA);
      ctx.worker.script(id, { states: { S1: { execute: () => gracefulComplete(enc('ok')) } } });
      const unknown = await ctx.post(ApiPaths.start, {
        ...base,
        foo: 1,
        bar: { x: 2 },
        stateOptions: { noSuchOption: true },
      });
      expectEqual('start with unknown fields: status', unknown.status, 200);
      ctx.track(id);
      expectEqual(
        'start with unknown fields: runs normally',
        (await ctx.result(id)).workflowStatus,
        'COMPLETED',
      );
    },
  },
  {
    name: 'workflow-not-found',
    async run(ctx) {
      const id = ctx.id('nobody');
      const calls: Array<[string, Record<string, unknown>]> = [
        [ApiPaths.get, {}],
        [ApiPaths.getWithWait, { waitTimeSeconds: 1 }],
        [ApiPaths.signal, { signalChannelName: 'a' }],
        [ApiPaths.stop, {}],
        [ApiPaths.dataObjectsGet, {}],
        [ApiPaths.dataObjectsSet, { objects: [{ key: 'k', value: enc(1) }] }],
        [ApiPaths.rpc, { rpcName: 'r' }],
        [ApiPaths.publishToInternalChannel, { messages: [{ channelName: 'c' }] }],
        [ApiPaths.skipTimer, { workflowStateExecutionId: 'S1-1', timerCommandIndex: 0 }],
      ];
      for (const [path, extra] of calls) {
        const res = await ctx.post(path, { workflowId: id, ...extra });
        expectEqual(`${path} on an unknown workflow: status`, res.status, 400);
        expectFields(`${path} on an unknown workflow: body`, res.json, {
          subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
        });
      }
      expectResponse('get', await ctx.post(ApiPaths.get, { workflowId: id }), 400, notFound(id));
    },
  },
  {
    name: 'already-completed',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1', workflowStartOptions: { dataAttributes: [{ key: 'k', value: enc(1) }] } },
        {
          states: { S1: { execute: () => gracefulComplete() } },
        },
      );
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
      const writes: Array<[string, Record<string, unknown>]> = [
        [ApiPaths.signal, { signalChannelName: 'a', signalValue: enc(1) }],
        [ApiPaths.dataObjectsSet, { objects: [{ key: 'k', value: enc(2) }] }],
        [
          ApiPaths.searchAttributesSet,
          { searchAttributes: [{ key: 'CustomIntField', valueType: 'INT', integerValue: 1 }] },
        ],
        [ApiPaths.publishToInternalChannel, { messages: [{ channelName: 'c' }] }],
      ];
      for (const [path, extra] of writes) {
        expectResponse(
          `${path} on a closed workflow`,
          await ctx.post(path, { workflowId: id, ...extra }),
          400,
          ALREADY_COMPLETED,
        );
      }
      expectResponse(
        'dataobjects/get still works',
        await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id }),
        200,
        {
          objects: [{ key: 'k', value: enc(1) }],
        },
      );
      expectResponse(
        'searchattributes/get still works',
        await ctx.post(ApiPaths.searchAttributesGet, {
          workflowId: id,
          keys: [{ key: 'IwfWorkflowType', valueType: 'KEYWORD' }],
        }),
        200,
        {
          searchAttributes: [
            { key: 'IwfWorkflowType', valueType: 'KEYWORD', stringValue: 'ConformanceWorkflow' },
          ],
        },
      );
    },
  },
  {
    name: 'unknown-path',
    async run(ctx) {
      for (const path of [
        '/api/v1/workflow/nope',
        '/api/v1/workflow/GET',
        '/API/v1/workflow/get',
        '/api/v1/workflow//get',
        '/api/v2/workflow/start',
        '/api/v1/workflow/encodedobject/load',
        '/api/v1/workflowState/start',
        '/nope',
      ]) {
        const res = await ctx.client.request(path, { rawBody: '{}' });
        expectEqual(
          `POST ${path}`,
          [res.status, res.text, res.contentType.split(';')[0]],
          [404, '404 page not found', 'text/plain'],
        );
      }
      const slash = await ctx.client.request('/api/v1/workflow/get/', { rawBody: '{}' });
      expectEqual(
        'trailing slash',
        [slash.status, slash.location, slash.text],
        [307, '/api/v1/workflow/get', ''],
      );
      expectResponse(
        'query string ignored',
        await ctx.client.request('/api/v1/workflow/get?foo=bar', { rawBody: '{}' }),
        400,
        NO_WORKFLOW_ID,
      );
    },
  },
  {
    name: 'wrong-method',
    async run(ctx) {
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        for (const path of [ApiPaths.start, ApiPaths.get, ApiPaths.rpc]) {
          const res = await ctx.client.request(path, { method });
          expectEqual(`${method} ${path}`, [res.status, res.text], [404, '404 page not found']);
        }
      }
      for (const path of ['/', ApiPaths.healthcheck]) {
        const res = await ctx.client.request(path, { method: 'POST', rawBody: '{}' });
        expectEqual(`POST ${path}`, [res.status, res.text], [404, '404 page not found']);
      }
      const head = await ctx.client.request(ApiPaths.start, { method: 'HEAD' });
      expectEqual('HEAD start', [head.status, head.text], [404, '']);
      const root = await ctx.client.request('/', { method: 'GET' });
      expectEqual(
        'GET /',
        [root.status, root.text, root.contentType],
        [200, 'Hello World from iWF server!', 'text/plain; charset=utf-8'],
      );
      const health = await ctx.client.request(ApiPaths.healthcheck, { method: 'GET' });
      expectEqual('GET healthcheck status', health.status, 200);
      expectFields('GET healthcheck body', health.json, { condition: 'OK', duration: 0 });
      expectTrue(
        'healthcheck hostname',
        typeof (health.json as { hostname?: unknown }).hostname === 'string',
        'a hostname string',
        health.json,
      );
    },
  },
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
