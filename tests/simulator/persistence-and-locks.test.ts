import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { KeyValue, PersistenceLoadingPolicy, WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { DEFAULT_SEARCH_ATTRIBUTES } from '../../simulator/engine/attributes/search-attribute-registry.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const initial = {
  workflowStartOptions: {
    dataAttributes: [
      { key: 'c', value: enc(3) },
      { key: 'a', value: enc(1) },
      { key: 'b', value: enc(2) },
    ],
  },
};

async function loadedWith(policy: PersistenceLoadingPolicy): Promise<KeyValue[] | undefined> {
  const seen: WorkflowStateDecideRequest[] = [];
  const worker = new FakeWorker({
    S1: {
      execute: (req) => {
        seen.push(req);
        return gracefulComplete();
      },
    },
  });
  const { start, result } = setup(worker);
  await start('wf', {
    ...initial,
    stateOptions: { skipWaitUntil: true, executeApiDataAttributesLoadingPolicy: policy },
  });
  await result('wf');
  return seen[0]!.DataObjects;
}

const keysOf = (items: KeyValue[] | undefined) => items?.map((kv) => kv.key);

describe('data attributes and locking (locks-1)', () => {
  it('drops null fields of attributes as the server’s Go models do (a Java client sends them)', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = new FakeWorker({
      S1: {
        execute: (request) => {
          seen.push(request);
          return gracefulComplete();
        },
      },
    });
    const { start, post, result } = setup(worker);
    await start('nulls', {
      stateOptions: { skipWaitUntil: true },
      workflowStartOptions: {
        dataAttributes: [{ key: 'empty', value: null }],
        searchAttributes: [
          {
            key: 'CustomIntField',
            valueType: 'INT',
            integerValue: 100,
            stringValue: null,
            doubleValue: null,
            boolValue: null,
            stringArrayValue: null,
          },
        ],
      },
    });
    await result('nulls');
    expect(seen[0]!.DataObjects).toEqual([{ key: 'empty' }]);
    expect(seen[0]!.searchAttributes).toEqual([
      { key: 'CustomIntField', valueType: 'INT', integerValue: 100 },
    ]);
    expect((await post('dataobjects/get', { workflowId: 'nulls' })).body).toEqual({
      objects: [{ key: 'empty' }],
    });
  });

  it('sends all data attributes sorted by key by default', async () => {
    expect(keysOf(await loadedWith({}))).toEqual(['a', 'b', 'c']);
  });

  it('loads only the partial keys that exist', async () => {
    expect(
      keysOf(
        await loadedWith({
          persistenceLoadingType: 'LOAD_PARTIAL_WITHOUT_LOCKING',
          partialLoadingKeys: ['c', 'zz', 'a'],
        }),
      ),
    ).toEqual(['a', 'c']);
  });

  it('loads all data attributes for partial loading with an empty key list (server quirk)', async () => {
    expect(
      keysOf(
        await loadedWith({ persistenceLoadingType: 'LOAD_PARTIAL_WITHOUT_LOCKING', partialLoadingKeys: [] }),
      ),
    ).toEqual(['a', 'b', 'c']);
  });

  it('sends an empty list with LOAD_NONE', async () => {
    expect(await loadedWith({ persistenceLoadingType: 'LOAD_NONE' })).toEqual([]);
  });

  it('loads partial plus locking keys with LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK', async () => {
    expect(
      keysOf(
        await loadedWith({
          persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
          partialLoadingKeys: ['a'],
          lockingKeys: ['b', 'nope'],
        }),
      ),
    ).toEqual(['a', 'b']);
  });

  it('uses the waitUntil-specific policy for waitUntil and the generic one for execute', async () => {
    const calls: Record<string, unknown>[] = [];
    const worker = new FakeWorker({
      S1: {
        waitUntil: (req) => {
          calls.push(req as unknown as Record<string, unknown>);
          return {};
        },
        execute: (req) => {
          calls.push(req as unknown as Record<string, unknown>);
          return gracefulComplete();
        },
      },
    });
    const { start, result } = setup(worker);
    await start('wf', {
      ...initial,
      stateOptions: {
        waitUntilApiDataAttributesLoadingPolicy: {
          persistenceLoadingType: 'LOAD_PARTIAL_WITHOUT_LOCKING',
          partialLoadingKeys: ['b'],
        },
        dataAttributesLoadingPolicy: {
          persistenceLoadingType: 'LOAD_PARTIAL_WITHOUT_LOCKING',
          partialLoadingKeys: ['c'],
        },
      },
    });
    await result('wf');
    expect(keysOf(calls[0]!.dataObjects as KeyValue[])).toEqual(['b']);
    expect(keysOf(calls[1]!.DataObjects as KeyValue[])).toEqual(['c']);
  });

  it('applies upserts after the worker call returns, so a later state sees them', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = new FakeWorker({
      S1: {
        execute: () => ({
          upsertDataObjects: [{ key: 'x', value: enc('new') }],
          stateDecision: { nextStates: [{ stateId: 'S2', stateOptions: { skipWaitUntil: true } }] },
        }),
      },
      S2: {
        execute: (req) => {
          seen.push(req);
          return gracefulComplete();
        },
      },
    });
    const { start, result, post } = setup(worker);
    await start('wf', { stateOptions: { skipWaitUntil: true } });
    await result('wf');
    expect(seen[0]!.DataObjects).toEqual([{ key: 'x', value: enc('new') }]);
    expect(await post('dataobjects/set', { workflowId: 'wf', objects: [] })).toMatchObject({ status: 400 });
  });

  it('loses no update when ten parallel states increment a counter under an exclusive lock', async () => {
    const lock: PersistenceLoadingPolicy = {
      persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
      lockingKeys: ['counter'],
    };
    const worker = new FakeWorker({
      S1: {
        execute: () => ({
          stateDecision: {
            nextStates: Array.from({ length: 10 }, () => ({
              stateId: 'Inc',
              stateOptions: { skipWaitUntil: true, dataAttributesLoadingPolicy: lock },
            })),
          },
        }),
      },
      Inc: {
        execute: async (req) => {
          const current = Number(req.DataObjects?.[0]?.value?.data ?? '0');
          await new Promise((resolve) => setTimeout(resolve, 1));
          return {
            upsertDataObjects: [{ key: 'counter', value: { data: String(current + 1) } }],
            ...gracefulComplete(),
          };
        },
      },
    });
    const { start, result, post } = setup(worker);
    await start('wf', { stateOptions: { skipWaitUntil: true } });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect((await post('dataobjects/get', { workflowId: 'wf', keys: ['counter'] })).body).toEqual({
      objects: [{ key: 'counter', value: { data: '10' } }],
    });
  });

  it('stores search attributes exactly as upserted and ignores locks for client writes', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          commandRequest: {
            commandWaitingType: 'ALL_COMPLETED',
            signalCommands: [{ signalChannelName: 'never' }],
          },
        }),
        execute: () => gracefulComplete(),
      },
    });
    const { start, post } = setup(worker, {
      searchAttributes: { ...DEFAULT_SEARCH_ATTRIBUTES, Done: 'BOOL', Tags: 'KEYWORD_ARRAY' },
    });
    await start('wf');
    await post('searchattributes/set', {
      workflowId: 'wf',
      searchAttributes: [
        { key: 'Tags', valueType: 'KEYWORD_ARRAY', stringArrayValue: ['x', 'y'] },
        { key: 'Done', valueType: 'BOOL', boolValue: true },
      ],
    });
    const reply = await post('searchattributes/get', {
      workflowId: 'wf',
      keys: [
        { key: 'Done', valueType: 'BOOL' },
        { key: 'Tags', valueType: 'KEYWORD_ARRAY' },
      ],
    });
    expect(reply.body).toEqual({
      searchAttributes: [
        { key: 'Done', valueType: 'BOOL', boolValue: true },
        { key: 'Tags', valueType: 'KEYWORD_ARRAY', stringArrayValue: ['x', 'y'] },
      ],
    });
  });
});
