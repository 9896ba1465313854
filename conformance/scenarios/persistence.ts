import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { KeyValue, PersistenceLoadingPolicy, SearchAttribute } from '../../sdk/wire/types.ts';
import { expectEqual, expectResponse } from '../checks.ts';
import { enc, goTo, gracefulComplete, move, waitSignal } from '../kit/index.ts';
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

const policy = (
  persistenceLoadingType: PersistenceLoadingPolicy['persistenceLoadingType'],
  extra: PersistenceLoadingPolicy = {},
): PersistenceLoadingPolicy => ({ persistenceLoadingType, ...extra });

/** What one state API call received; a field listed here is checked, also when it is `undefined`. */
interface Loaded {
  dataAttributes?: KeyValue[] | undefined;
  searchAttributes?: SearchAttribute[] | undefined;
}

/**
 * A loading-policy row: S1 starts with three data attributes (z, a, m) and two search attributes
 * under these state options; waitUntil and execute must receive what the row lists.
 */
interface LoadingRow {
  name: string;
  stateOptions: Record<string, unknown>;
  waitUntil: Loaded;
  execute?: Loaded;
  /** Why the row expects what it does, shown in a failure. */
  why?: string;
}

// docs/semantics/persistence.md#loading-1 to #loading-3: one row per policy behaviour.
const loadingRows: LoadingRow[] = [
  {
    name: 'data-attributes-sorted-by-key',
    stateOptions: {},
    waitUntil: { dataAttributes: sorted, searchAttributes: [int(7), keyword('kw')] },
    execute: { dataAttributes: sorted },
  },
  {
    name: 'loading-policy-partial',
    stateOptions: {
      dataAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING', {
        partialLoadingKeys: ['m', 'missing'],
      }),
      searchAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING', {
        partialLoadingKeys: ['CustomIntField'],
      }),
    },
    waitUntil: { dataAttributes: [kv('m', 13)], searchAttributes: [int(7)] },
    execute: { dataAttributes: [kv('m', 13)] },
  },
  {
    name: 'loading-policy-partial-empty-keys',
    stateOptions: {
      dataAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING'),
      searchAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING', { partialLoadingKeys: [] }),
    },
    waitUntil: { dataAttributes: sorted, searchAttributes: undefined },
    why: 'empty keys load all data attributes and no search attribute (the field is left out)',
  },
  {
    name: 'loading-policy-none',
    stateOptions: {
      dataAttributesLoadingPolicy: policy('LOAD_NONE'),
      searchAttributesLoadingPolicy: policy('LOAD_NONE'),
    },
    waitUntil: { dataAttributes: [], searchAttributes: [] },
  },
  {
    name: 'loading-policy-partial-with-lock',
    stateOptions: {
      dataAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK', {
        partialLoadingKeys: ['a'],
        lockingKeys: ['z'],
      }),
      searchAttributesLoadingPolicy: policy('LOAD_ALL_WITH_PARTIAL_LOCK', {
        lockingKeys: ['CustomIntField'],
      }),
    },
    waitUntil: { dataAttributes: [kv('a', 1), kv('z', 26)], searchAttributes: [int(7), keyword('kw')] },
    why: 'partial ∪ locking keys for data attributes, all search attributes',
  },
  {
    name: 'loading-policy-per-api',
    stateOptions: {
      waitUntilApiDataAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING', {
        partialLoadingKeys: ['a'],
      }),
      dataAttributesLoadingPolicy: policy('LOAD_PARTIAL_WITHOUT_LOCKING', { partialLoadingKeys: ['z'] }),
      dataObjectsLoadingPolicy: policy('LOAD_NONE'),
      executeApiSearchAttributesLoadingPolicy: policy('LOAD_NONE'),
    },
    waitUntil: { dataAttributes: [kv('a', 1)], searchAttributes: [int(7), keyword('kw')] },
    execute: { dataAttributes: [kv('z', 26)], searchAttributes: [] },
    why: 'the API-specific policy first, then the generic one over the legacy name; search attributes default to all',
  },
];

function expectLoaded(label: string, got: Loaded, expected: Loaded | undefined, why: string): void {
  for (const field of ['dataAttributes', 'searchAttributes'] as const) {
    if (expected && field in expected) expectEqual(`${label} ${field}${why}`, got[field], expected[field]);
  }
}

function loadingScenario(row: LoadingRow): Scenario {
  return {
    name: row.name,
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        {
          startStateId: 'S1',
          stateOptions: row.stateOptions,
          workflowStartOptions: { dataAttributes: initialDas, searchAttributes: [keyword('kw'), int(7)] },
        },
        { states: { S1: { execute: () => gracefulComplete() } } },
      );
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
      const waitUntil = ctx.worker.callsOf(id, 'waitUntil')[0]!.body;
      const execute = ctx.worker.callsOf(id, 'execute')[0]!.body;
      const why = row.why ? ` (${row.why})` : '';
      expectLoaded(
        'waitUntil',
        {
          dataAttributes: waitUntil.dataObjects as KeyValue[],
          searchAttributes: waitUntil.searchAttributes as SearchAttribute[],
        },
        row.waitUntil,
        why,
      );
      expectLoaded(
        'execute',
        {
          dataAttributes: execute.DataObjects as KeyValue[],
          searchAttributes: execute.searchAttributes as SearchAttribute[],
        },
        row.execute,
        why,
      );
    },
  };
}

/** Data and search attributes: loading policies, upserts, client get/set (docs/semantics/client-api.md#data-get-1, docs/semantics/persistence.md#locks-1). */
export const persistenceScenarios: Scenario[] = [
  ...loadingRows.map(loadingScenario),
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
