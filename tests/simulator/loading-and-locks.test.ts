import { describe, expect, it } from 'vitest';
import { deadEnd, enc, goTo, gracefulComplete, noWait } from '../../conformance/kit/index.ts';
import type { PersistenceLoadingPolicy, WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import { execId, FakeWorker, HANG, lockK, setup } from './fake-worker.ts';

describe('data attributes, search attributes, loading and locking', () => {
  it('upserts overwrite per key and never delete; workers get attributes sorted by key (data-1)', async () => {
    const seen: unknown[] = [];
    const worker = new FakeWorker({
      S1: {
        execute: () => ({
          upsertDataObjects: [{ key: 'a', value: enc(2) }],
          upsertSearchAttributes: [{ key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'new' }],
          ...goTo({ stateId: 'S2', stateOptions: noWait }),
        }),
      },
      S2: {
        execute: (req) => {
          seen.push(req.DataObjects, req.searchAttributes);
          return gracefulComplete();
        },
      },
    });
    const { start, result } = setup(worker);
    await start('wf', {
      stateOptions: noWait,
      workflowStartOptions: {
        dataAttributes: [
          { key: 'b', value: enc(1) },
          { key: 'a', value: enc(1) },
        ],
        searchAttributes: [
          { key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'old' },
          { key: 'CustomIntField', valueType: 'INT', integerValue: 5 },
        ],
      },
    });
    await result('wf');
    expect(seen).toEqual([
      [
        { key: 'a', value: enc(2) },
        { key: 'b', value: enc(1) },
      ],
      [
        { key: 'CustomIntField', valueType: 'INT', integerValue: 5 },
        { key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'new' },
      ],
    ]);
  });

  it('LOAD_PARTIAL_WITHOUT_LOCKING without keys loads no search attributes (but all data attributes) (loading-3)', async () => {
    const seen: unknown[] = [];
    const worker = new FakeWorker({
      S1: {
        execute: (req) => {
          seen.push(
            req.searchAttributes,
            req.DataObjects?.map((kv) => kv.key),
          );
          return gracefulComplete();
        },
      },
    });
    const partial: PersistenceLoadingPolicy = { persistenceLoadingType: 'LOAD_PARTIAL_WITHOUT_LOCKING' };
    const { start, result } = setup(worker);
    await start('wf', {
      stateOptions: {
        ...noWait,
        searchAttributesLoadingPolicy: partial,
        dataAttributesLoadingPolicy: partial,
      },
      workflowStartOptions: {
        dataAttributes: [{ key: 'a', value: enc(1) }],
        searchAttributes: [{ key: 'CustomIntField', valueType: 'INT', integerValue: 5 }],
      },
    });
    await result('wf');
    // Measured on the real server (iwf at 127.0.0.1:8811): the execute request has no searchAttributes field.
    expect(seen).toEqual([undefined, ['a']]);
    expect(worker.callsOf('execute')[0]!.body).not.toHaveProperty('searchAttributes');
  });

  it('LOAD_ALL_WITH_PARTIAL_LOCK loads every attribute and locks only the lockingKeys (loading-1)', async () => {
    const keys: unknown[] = [];
    const worker = new FakeWorker(
      {
        S1: {
          execute: (req) => {
            keys.push(req.DataObjects?.map((kv) => kv.key));
            return HANG;
          },
        },
      },
      { read: () => ({ output: enc('ok') }) },
    );
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('wf', {
      stateOptions: { ...noWait, executeApiDataAttributesLoadingPolicy: lockK },
      workflowStartOptions: { dataAttributes: ['k', 'x'].map((key) => ({ key, value: enc(key) })) },
    });
    await simulator.runUntilIdle();
    expect(keys).toEqual([['k', 'x']]);
    const rpcLocking = (key: string) =>
      post('rpc', {
        workflowId: 'wf',
        rpcName: 'read',
        dataAttributesLoadingPolicy: {
          persistenceLoadingType: 'LOAD_ALL_WITH_PARTIAL_LOCK',
          lockingKeys: [key],
        },
      });
    expect((await rpcLocking('k')).status).toBe(450);
    expect((await rpcLocking('x')).status).toBe(200);
  });

  // SIMULATOR DISAGREES (simulator/engine/locks.ts grants waiters in the order they asked).
  // Real server evidence (iwf at 127.0.0.1:8811, 3 runs of this exact shape with a loopback worker:
  // H holds DA key k in execute for 8 s; A waits a 4 s timer, B a 2 s timer, both then lock k):
  // execute calls came A-1 at +8067..8114 ms, then B-1 at +8083..8135 ms, every time, although B
  // had been waiting for the lock 2 s longer. Temporal re-evaluates blocked coroutines in creation order.
  it('lock waiters are granted in thread creation order, not in the order they started waiting (locks-4)', async () => {
    let release: () => void = () => {};
    const lockedExecute = { ...noWait, executeApiDataAttributesLoadingPolicy: lockK };
    const timerThenLocked = (seconds: number) => ({
      waitUntil: (): WorkflowStateStartResponse => ({
        commandRequest: {
          commandWaitingType: 'ALL_COMPLETED',
          timerCommands: [{ durationSeconds: seconds }],
        },
      }),
      execute: deadEnd,
    });
    const worker = new FakeWorker({
      S1: {
        execute: () =>
          goTo(
            { stateId: 'H', stateOptions: lockedExecute },
            { stateId: 'A', stateOptions: { executeApiDataAttributesLoadingPolicy: lockK } },
            { stateId: 'B', stateOptions: { executeApiDataAttributesLoadingPolicy: lockK } },
          ),
      },
      H: { execute: () => new Promise((resolve) => (release = () => resolve(deadEnd()))) },
      A: timerThenLocked(10),
      B: timerThenLocked(5),
    });
    const { simulator, start } = setup(worker, { autoAdvance: false, hungCallGraceMs: 5 });
    await start('wf', { stateOptions: noWait });
    await simulator.advanceBy(20_000);
    expect(worker.callsOf('execute').map(execId)).toEqual(['S1-1', 'H-1']);
    release();
    await simulator.runUntilIdle();
    expect(worker.callsOf('execute').map(execId)).toEqual(['S1-1', 'H-1', 'A-1', 'B-1']);
  });

  // Real server evidence (iwf at 127.0.0.1:8811, loopback worker): S1 decided [C, A, H, B]; H held DA
  // key k in execute for 8 s; A waited a 2 s timer, C 3 s, B 4 s, each then locking k in execute. The
  // execute calls came H-1, then B-1 (+8131 ms), C-1 (+8149 ms), A-1 (+8165 ms): Temporal's dispatcher
  // runs the coroutines after the releaser first, then wraps round to the earlier ones. Also measured:
  // [A, H, B] → B first, [B, H, A] → A first, whatever the timers.
  it('after a release, the waiters created after the releaser come first, then the earlier ones (locks-4)', async () => {
    let release: () => void = () => {};
    const lockedExecute = { ...noWait, executeApiDataAttributesLoadingPolicy: lockK };
    const timerThenLocked = (seconds: number) => ({
      waitUntil: (): WorkflowStateStartResponse => ({
        commandRequest: {
          commandWaitingType: 'ALL_COMPLETED',
          timerCommands: [{ durationSeconds: seconds }],
        },
      }),
      execute: deadEnd,
    });
    const locked = { executeApiDataAttributesLoadingPolicy: lockK };
    const worker = new FakeWorker({
      S1: {
        execute: () =>
          goTo(
            { stateId: 'C', stateOptions: locked },
            { stateId: 'A', stateOptions: locked },
            { stateId: 'H', stateOptions: lockedExecute },
            { stateId: 'B', stateOptions: locked },
          ),
      },
      H: { execute: () => new Promise((resolve) => (release = () => resolve(deadEnd()))) },
      A: timerThenLocked(2),
      C: timerThenLocked(3),
      B: timerThenLocked(4),
    });
    const { simulator, start } = setup(worker, { autoAdvance: false, hungCallGraceMs: 5 });
    await start('wf', { stateOptions: noWait });
    await simulator.advanceBy(20_000);
    expect(worker.callsOf('execute').map(execId)).toEqual(['S1-1', 'H-1']);
    release();
    await simulator.runUntilIdle();
    expect(worker.callsOf('execute').map(execId)).toEqual(['S1-1', 'H-1', 'B-1', 'C-1', 'A-1']);
  });
});
