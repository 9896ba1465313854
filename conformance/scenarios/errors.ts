import { ApiPaths } from '../../sdk/wire/paths.ts';
import { expectEqual, expectFields, expectResponse, expectTrue } from '../checks.ts';
import { enc, gracefulComplete } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';
import { expectNotCreated, notFound, uncategorized } from './error-bodies.ts';

const INVALID_SCHEMA = { detail: 'invalid request schema' };
const NO_WORKFLOW_ID = {
  detail: 'WorkflowId is not set on request.',
  subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
};
const ALREADY_COMPLETED = {
  detail: 'workflow execution already completed',
  subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
};
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
];
