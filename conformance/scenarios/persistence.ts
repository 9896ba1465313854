import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { KeyValue, PersistenceLoadingPolicy, SearchAttribute } from '../../sdk/wire/types.ts';
import { expectEqual, expectResponse } from '../checks.ts';
import type { ScenarioContext } from '../context.ts';
import { enc, goTo, gracefulComplete, move, waitSignal } from '../helpers.ts';
import type { Scenario } from '../scenario.ts';

const kv = (key: string, value: unknown): KeyValue => ({ key, value: enc(value) });
const initialDas = [kv('z', 26), kv('a', 1), kv('m', 13)];
const sorted = [kv('a', 1), kv('m', 13), kv('z', 26)];
const keyword = (value: string): SearchAttribute => ({
  key: 'CustomKeywordField',
  valueType: 'KEYWORD',
  stringValue: value,
});
const int = (value: number): SearchAttribute => ({
  key: 'CustomIntField',
  valueType: 'INT',
  integerValue: value,
});

/** Starts S1 (policy on waitUntil and execute) with three DAs and two SAs; returns what S1 saw. */
async function loaded(ctx: ScenarioContext, suffix: string, stateOptions: Record<string, unknown>) {
  const id = ctx.id(suffix);
  await ctx.start(
    id,
    {
      startStateId: 'S1',
      stateOptions,
      workflowStartOptions: { dataAttributes: initialDas, searchAttributes: [keyword('kw'), int(7)] },
    },
    { states: { S1: { execute: () => gracefulComplete() } } },
  );
  expectEqual(`${suffix}: status`, (await ctx.result(id)).workflowStatus, 'COMPLETED');
  const wu = ctx.worker.callsOf(id, 'waitUntil')[0]!.body;
  const ex = ctx.worker.callsOf(id, 'execute')[0]!.body;
  return {
    wu: { da: wu.dataObjects, sa: wu.searchAttributes },
    ex: { da: ex.DataObjects, sa: ex.searchAttributes },
  };
}

const policy = (
  persistenceLoadingType: PersistenceLoadingPolicy['persistenceLoadingType'],
  extra: PersistenceLoadingPolicy = {},
): PersistenceLoadingPolicy => ({ persistenceLoadingType, ...extra });

/** Data and search attributes: loading policies, upserts, client get/set (docs/semantics/client-api.md#data-get-1, docs/semantics/persistence.md#locks-1). */
export const persistenceScenarios: Scenario[] = [
  {
    name: 'data-attributes-sorted-by-key',
    async run(ctx) {
      const seen = await loaded(ctx, 'wf', {});
      expectEqual('waitUntil dataObjects', seen.wu.da, sorted);
      expectEqual('execute DataObjects', seen.ex.da, sorted);
      expectEqual('waitUntil searchAttributes', seen.wu.sa, [int(7), keyword('kw')]);
    },
  },
  {
    name: 'loading-policy-partial',
    async run(ctx) {
      const seen = await loaded(ctx, 'wf', {
        dataAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING', {
          partialLoadingKeys: ['m', 'missing'],
        }),
        searchAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING', {
          partialLoadingKeys: ['CustomIntField'],
        }),
      });
      expectEqual('waitUntil dataObjects', seen.wu.da, [kv('m', 13)]);
      expectEqual('execute DataObjects', seen.ex.da, [kv('m', 13)]);
      expectEqual('waitUntil searchAttributes', seen.wu.sa, [int(7)]);
    },
  },
  {
    name: 'loading-policy-partial-empty-keys',
    async run(ctx) {
      const seen = await loaded(ctx, 'wf', {
        dataAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING'),
        searchAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING', { partialLoadingKeys: [] }),
      });
      expectEqual('waitUntil dataObjects (empty keys load all DAs)', seen.wu.da, sorted);
      expectEqual('waitUntil searchAttributes (empty keys load no SA: field omitted)', seen.wu.sa, undefined);
    },
  },
  {
    name: 'loading-policy-none',
    async run(ctx) {
      const seen = await loaded(ctx, 'wf', {
        dataAttributesLoadingPolicy: policy('LOAD_NONE'),
        searchAttributesLoadingPolicy: policy('LOAD_NONE'),
      });
      expectEqual('waitUntil dataObjects', seen.wu.da, []);
      expectEqual('waitUntil searchAttributes', seen.wu.sa, []);
    },
  },
  {
    name: 'loading-policy-partial-with-lock',
    async run(ctx) {
      const seen = await loaded(ctx, 'wf', {
        dataAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK', {
          partialLoadingKeys: ['a'],
          lockingKeys: ['z'],
        }),
        searchAttributesLoadingPolicy: policy('LOAD_ALL_WITH_PARTIAL_LOCK', {
          lockingKeys: ['CustomIntField'],
        }),
      });
      expectEqual('waitUntil dataObjects (partial ∪ locking keys)', seen.wu.da, [kv('a', 1), kv('z', 26)]);
      expectEqual('waitUntil searchAttributes (all)', seen.wu.sa, [int(7), keyword('kw')]);
    },
  },
  {
    name: 'loading-policy-per-api',
    async run(ctx) {
      const seen = await loaded(ctx, 'wf', {
        waitUntilApiDataAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING', {
          partialLoadingKeys: ['a'],
        }),
        dataAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING', { partialLoadingKeys: ['z'] }),
        dataObjectsLoadingPolicy: policy('LOAD_NONE'),
        executeApiSearchAttributesLoadingPolicy: policy('LOAD_NONE'),
      });
      expectEqual('waitUntil dataObjects (waitUntil policy)', seen.wu.da, [kv('a', 1)]);
      expectEqual('execute DataObjects (generic policy over legacy)', seen.ex.da, [kv('z', 26)]);
      expectEqual('waitUntil searchAttributes (default all)', seen.wu.sa, [int(7), keyword('kw')]);
      expectEqual('execute searchAttributes (execute policy)', seen.ex.sa, []);
    },
  },
  {
    name: 'upserts-applied-after-return',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              waitUntil: () => ({ upsertDataObjects: [kv('w', 'wait')], upsertSearchAttributes: [int(1)] }),
              execute: () => ({
                ...goTo(move('S2')),
                upsertDataObjects: [kv('e', 'exec')],
                upsertSearchAttributes: [keyword('x')],
              }),
            },
            S2: { waitUntil: () => waitSignal('go'), execute: () => gracefulComplete() },
          },
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.stateId === 'S2');
      const s1 = ctx.worker.callsOf(id, 'execute').find((c) => c.stateId === 'S1')!.body;
      expectEqual(
        'S1 execute sees its waitUntil upsert',
        [s1.DataObjects, s1.searchAttributes],
        [[kv('w', 'wait')], [int(1)]],
      );
      const s2 = ctx.worker.callsOf(id, 'waitUntil').find((c) => c.stateId === 'S2')!.body;
      expectEqual(
        'S2 sees both upserts',
        [s2.dataObjects, s2.searchAttributes],
        [
          [kv('e', 'exec'), kv('w', 'wait')],
          [int(1), keyword('x')],
        ],
      );
      expectResponse('dataobjects/get', await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id }), 200, {
        objects: [kv('e', 'exec'), kv('w', 'wait')],
      });
      await ctx.eventually(async () =>
        expectResponse(
          'searchattributes/get',
          await ctx.post(ApiPaths.searchAttributesGet, {
            workflowId: id,
            keys: [
              { key: 'CustomKeywordField', valueType: 'KEYWORD' },
              { key: 'CustomIntField', valueType: 'INT' },
            ],
          }),
          200,
          { searchAttributes: [keyword('x'), int(1)] },
        ),
      );
    },
  },
  {
    name: 'client-set-and-get-attributes',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(id, { workflowStartOptions: { dataAttributes: [kv('b', 'initial')] } }, {});
      expectResponse(
        'dataobjects/set',
        await ctx.post(ApiPaths.dataObjectsSet, {
          workflowId: id,
          objects: [kv('c', 3), kv('b', 'two'), kv('a', [1])],
        }),
        200,
        {},
      );
      const all = [kv('a', [1]), kv('b', 'two'), kv('c', 3)];
      await ctx.eventually(async () =>
        expectResponse(
          'dataobjects/get all',
          await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id }),
          200,
          { objects: all },
        ),
      );
      expectResponse(
        'dataobjects/get keys (unknown skipped, sorted)',
        await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id, keys: ['c', 'nope', 'a'] }),
        200,
        { objects: [kv('a', [1]), kv('c', 3)] },
      );
      expectResponse(
        'dataobjects/get unknown key only',
        await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id, keys: ['nope'] }),
        200,
        {},
      );
      const sas: SearchAttribute[] = [
        keyword('k1'),
        int(42),
        { key: 'CustomBoolField', valueType: 'BOOL', boolValue: true },
        { key: 'CustomDoubleField', valueType: 'DOUBLE', doubleValue: 2.5 },
        { key: 'CustomStringField', valueType: 'TEXT', stringValue: 'some text' },
        { key: 'CustomKeywordArrayField', valueType: 'KEYWORD_ARRAY', stringArrayValue: ['x', 'y'] },
      ];
      expectResponse(
        'searchattributes/set',
        await ctx.post(ApiPaths.searchAttributesSet, { workflowId: id, searchAttributes: sas }),
        200,
        {},
      );
      const keys = sas.map((s) => ({ key: s.key, valueType: s.valueType }));
      await ctx.eventually(async () =>
        expectResponse(
          'searchattributes/get',
          await ctx.post(ApiPaths.searchAttributesGet, { workflowId: id, keys }),
          200,
          {
            searchAttributes: sas,
          },
        ),
      );
      expectResponse(
        'searchattributes/get IwfWorkflowType',
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
    name: 'locking-no-lost-updates',
    async run(ctx) {
      const id = ctx.id('wf');
      const lock = policy('LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK', {
        partialLoadingKeys: ['counter'],
        lockingKeys: ['counter'],
      });
      await ctx.start(
        id,
        { startStateId: 'S1', workflowStartOptions: { dataAttributes: [kv('counter', 0)] } },
        {
          states: {
            S1: {
              execute: () =>
                goTo(
                  ...Array.from({ length: 8 }, () =>
                    move('Inc', undefined, {
                      skipWaitUntil: true,
                      executeApiDataAttributesLoadingPolicy: lock,
                    }),
                  ),
                ),
            },
            Inc: {
              execute: async (req) => {
                const current = JSON.parse(req.DataObjects?.[0]?.value?.data ?? '0') as number;
                await new Promise((resolve) => setTimeout(resolve, 50));
                return { ...gracefulComplete(), upsertDataObjects: [kv('counter', current + 1)] };
              },
            },
          },
        },
      );
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
      expectResponse(
        'counter after 8 locked increments',
        await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id }),
        200,
        {
          objects: [kv('counter', 8)],
        },
      );
    },
  },
  {
    name: 'initial-attributes-and-system-search-attribute',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        {
          startStateId: 'S1',
          workflowStartOptions: { dataAttributes: initialDas, searchAttributes: [keyword('init')] },
        },
        { states: { S1: { waitUntil: () => waitSignal('go'), execute: () => gracefulComplete() } } },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      expectResponse('dataobjects/get', await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id }), 200, {
        objects: sorted,
      });
      expectResponse(
        'searchattributes/get',
        await ctx.post(ApiPaths.searchAttributesGet, {
          workflowId: id,
          keys: [
            { key: 'IwfWorkflowType', valueType: 'KEYWORD' },
            { key: 'CustomKeywordField', valueType: 'KEYWORD' },
            { key: 'CustomIntField', valueType: 'INT' },
          ],
        }),
        200,
        {
          searchAttributes: [
            { key: 'IwfWorkflowType', valueType: 'KEYWORD', stringValue: 'ConformanceWorkflow' },
            keyword('init'),
          ],
        },
      );
    },
  },
];
