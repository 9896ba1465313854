import { describe, expect, it } from 'vitest';
import type { PersistenceLoadingPolicy, WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import { complete, encoded, FakeWorker, HANG, RawReply, setup } from './fake-worker.ts';
import { deadEnd, decide, execId, lockK, noState, noWait, runIdOf } from './wire-builders.ts';

// Behaviour tests named after the rules of iwf-server-semantics.md §5.7–§5.14.

const channelCommands = (channel: string, n: number): WorkflowStateStartResponse => ({
  commandRequest: {
    commandWaitingType: 'ALL_COMPLETED',
    interStateChannelCommands: Array.from({ length: n }, (_, i) => ({
      commandId: `c${i}`,
      channelName: channel,
    })),
  },
});
const infos = (field: 'internalChannelInfos' | 'signalChannelInfos') =>
  ((req: Record<string, unknown>) => ({ output: encoded(req[field]) })) as never;

describe('§5.7 internal channels', () => {
  it('§5.7 a channel keeps messages with or without value in FIFO order until consumed, and leaves internalChannelInfos once empty', async () => {
    const values: unknown[] = [];
    const worker = new FakeWorker(
      {
        C: {
          waitUntil: () => channelCommands('c', 3),
          execute: (req) => {
            values.push(...req.commandResults!.interStateChannelResults!.map((r) => r.value ?? 'none'));
            return deadEnd();
          },
        },
      },
      { peek: infos('internalChannelInfos'), consume: () => decide({ stateId: 'C' }) },
    );
    const { simulator, start, post } = setup(worker);
    await start('wf', noState);
    await post('publishToInternalChannel', {
      workflowId: 'wf',
      messages: [
        { channelName: 'c', value: encoded(1) },
        { channelName: 'c' },
        { channelName: 'c', value: encoded(3) },
      ],
    });
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).body).toEqual({
      output: encoded({ c: { size: 3 } }),
    });
    await post('rpc', { workflowId: 'wf', rpcName: 'consume' });
    await simulator.runUntilIdle();
    expect(values).toEqual([encoded(1), 'none', encoded(3)]);
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).body).toEqual({ output: encoded({}) });
  });

  it('§5.7 waitUntil, execute, RPC and the publish API all publish into the channel; each message is consumed once', async () => {
    const values: unknown[] = [];
    const worker = new FakeWorker(
      {
        P: {
          waitUntil: () => ({
            publishToInterStateChannel: [{ channelName: 'c', value: encoded('waitUntil') }],
          }),
          execute: () => ({
            publishToInterStateChannel: [{ channelName: 'c', value: encoded('execute') }],
            ...deadEnd(),
          }),
        },
        C: {
          waitUntil: () => channelCommands('c', 4),
          execute: (req) => {
            values.push(...req.commandResults!.interStateChannelResults!.map((r) => r.value));
            return deadEnd();
          },
        },
        Late: {
          waitUntil: () => channelCommands('c', 1),
          execute: () => deadEnd(),
        },
      },
      {
        peek: infos('internalChannelInfos'),
        produce: () => ({
          publishToInterStateChannel: [{ channelName: 'c', value: encoded('rpc') }],
          ...decide({ stateId: 'P' }),
        }),
        consume: () => decide({ stateId: 'C' }, { stateId: 'Late' }),
      },
    );
    const { simulator, start, post } = setup(worker);
    await start('wf', noState);
    await post('publishToInternalChannel', {
      workflowId: 'wf',
      messages: [{ channelName: 'c', value: encoded('api') }],
    });
    await post('rpc', { workflowId: 'wf', rpcName: 'produce' });
    await simulator.runUntilIdle();
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).body).toEqual({
      output: encoded({ c: { size: 4 } }),
    });
    await post('rpc', { workflowId: 'wf', rpcName: 'consume' });
    await simulator.runUntilIdle();
    expect(values).toEqual([encoded('api'), encoded('rpc'), encoded('waitUntil'), encoded('execute')]);
    expect(worker.callsOf('execute', 'Late')).toHaveLength(0);
  });
});

describe('§5.8 signal channels', () => {
  it('§5.8 unconsumed signals stay buffered and are carried over continue-as-new', async () => {
    const worker = new FakeWorker({}, { peek: infos('signalChannelInfos') });
    const { start, post } = setup(worker);
    const first = runIdOf(await start('wf', noState));
    await post('signal', { workflowId: 'wf', signalChannelName: 'b', signalValue: encoded(1) });
    await post('signal', { workflowId: 'wf', signalChannelName: 'b' });
    await post('triggerContinueAsNew', { workflowId: 'wf' });
    expect(runIdOf(await post('get', { workflowId: 'wf' }))).not.toBe(first);
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).body).toEqual({
      output: encoded({ b: { size: 2 } }),
    });
  });

  it('§5.8 a signal to a closed workflow answers 400 WORKFLOW_NOT_EXISTS_SUB_STATUS', async () => {
    const { start, post, result } = setup(new FakeWorker({ S1: { execute: () => complete() } }));
    await start('wf', { stateOptions: noWait });
    await result('wf');
    expect(await post('signal', { workflowId: 'wf', signalChannelName: 'x' })).toEqual({
      status: 400,
      body: { detail: 'workflow execution already completed', subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS' },
    });
  });
});

describe('§5.9 data attributes, search attributes, loading and locking', () => {
  it('§5.9 upserts overwrite per key and never delete; workers get attributes sorted by key', async () => {
    const seen: unknown[] = [];
    const worker = new FakeWorker({
      S1: {
        execute: () => ({
          upsertDataObjects: [{ key: 'a', value: encoded(2) }],
          upsertSearchAttributes: [{ key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'new' }],
          ...decide({ stateId: 'S2', stateOptions: noWait }),
        }),
      },
      S2: {
        execute: (req) => {
          seen.push(req.DataObjects, req.searchAttributes);
          return complete();
        },
      },
    });
    const { start, result } = setup(worker);
    await start('wf', {
      stateOptions: noWait,
      workflowStartOptions: {
        dataAttributes: [
          { key: 'b', value: encoded(1) },
          { key: 'a', value: encoded(1) },
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
        { key: 'a', value: encoded(2) },
        { key: 'b', value: encoded(1) },
      ],
      [
        { key: 'CustomIntField', valueType: 'INT', integerValue: 5 },
        { key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'new' },
      ],
    ]);
  });

  it('§5.9 LOAD_PARTIAL_WITHOUT_LOCKING without keys loads no search attributes (but all data attributes)', async () => {
    const seen: unknown[] = [];
    const worker = new FakeWorker({
      S1: {
        execute: (req) => {
          seen.push(
            req.searchAttributes,
            req.DataObjects?.map((kv) => kv.key),
          );
          return complete();
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
        dataAttributes: [{ key: 'a', value: encoded(1) }],
        searchAttributes: [{ key: 'CustomIntField', valueType: 'INT', integerValue: 5 }],
      },
    });
    await result('wf');
    // Measured on the real server (iwf at 127.0.0.1:8811): the execute request has no searchAttributes field.
    expect(seen).toEqual([undefined, ['a']]);
    expect(worker.callsOf('execute')[0]!.body).not.toHaveProperty('searchAttributes');
  });

  it('§5.9 LOAD_ALL_WITH_PARTIAL_LOCK loads every attribute and locks only the lockingKeys', async () => {
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
      { read: () => ({ output: encoded('ok') }) },
    );
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('wf', {
      stateOptions: { ...noWait, executeApiDataAttributesLoadingPolicy: lockK },
      workflowStartOptions: { dataAttributes: ['k', 'x'].map((key) => ({ key, value: encoded(key) })) },
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
  it('§5.9 lock waiters are granted in thread creation order, not in the order they started waiting', async () => {
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
          decide(
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
  it('§5.9 after a release, the waiters created after the releaser come first, then the earlier ones', async () => {
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
          decide(
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

describe('§5.10 RPC', () => {
  it('§5.10 a locking RPC applies its mutations before it answers and surfaces worker errors as 420', async () => {
    const worker = new FakeWorker(
      {},
      {
        write: () => ({ output: encoded('w'), upsertDataAttributes: [{ key: 'k', value: encoded(1) }] }),
        bad: () => new RawReply({ status: 503, json: { detail: 'd', errorType: 't' } }),
      },
    );
    const { start, post } = setup(worker);
    await start('wf', noState);
    expect(
      await post('rpc', { workflowId: 'wf', rpcName: 'write', dataAttributesLoadingPolicy: lockK }),
    ).toEqual({
      status: 200,
      body: { output: encoded('w') },
    });
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'k', value: encoded(1) }],
    });
    expect(
      await post('rpc', { workflowId: 'wf', rpcName: 'bad', dataAttributesLoadingPolicy: lockK }),
    ).toEqual({
      status: 420,
      body: {
        detail: 'worker API error, status:503, errorType:t',
        subStatus: 'WORKER_API_ERROR',
        originalWorkerErrorStatus: 503,
        originalWorkerErrorType: 't',
        originalWorkerErrorDetail: 'd',
      },
    });
  });

  it('§5.10 mutating RPCs count toward the continue-as-new threshold, read-only ones do not', async () => {
    const worker = new FakeWorker(
      {},
      {
        read: () => ({ output: encoded('r') }),
        write: () => ({ upsertDataAttributes: [{ key: 'k', value: encoded(1) }] }),
      },
    );
    const { simulator, start, post } = setup(worker);
    const first = runIdOf(
      await start('wf', {
        ...noState,
        workflowStartOptions: { workflowConfigOverride: { continueAsNewThreshold: 3 } },
      }),
    );
    for (let i = 0; i < 5; i++) await post('rpc', { workflowId: 'wf', rpcName: 'read' });
    await simulator.runUntilIdle();
    expect(runIdOf(await post('get', { workflowId: 'wf' }))).toBe(first);
    for (let i = 0; i < 3; i++) await post('rpc', { workflowId: 'wf', rpcName: 'write' });
    await simulator.runUntilIdle();
    expect(runIdOf(await post('get', { workflowId: 'wf' }))).not.toBe(first);
  });

  it('§5.10 the RPC request’s useMemoForDataAttributes and searchAttributes fields are accepted and ignored', async () => {
    const worker = new FakeWorker({}, { read: () => ({ output: encoded('r') }) });
    const { start, post } = setup(worker);
    await start('wf', {
      ...noState,
      workflowStartOptions: { dataAttributes: [{ key: 'k', value: encoded(1) }] },
    });
    expect(
      await post('rpc', {
        workflowId: 'wf',
        rpcName: 'read',
        useMemoForDataAttributes: true,
        searchAttributes: [{ key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'x' }],
      }),
    ).toEqual({ status: 200, body: { output: encoded('r') } });
    expect(worker.callsOf('rpc')[0]!.body.dataAttributes).toEqual([{ key: 'k', value: encoded(1) }]);
    expect(
      (
        await post('searchattributes/get', {
          workflowId: 'wf',
          keys: [{ key: 'CustomKeywordField', valueType: 'KEYWORD' }],
        })
      ).body,
    ).toEqual({});
  });
});

describe('§5.14 system search attributes', () => {
  const getSa = (key: string, valueType: string) => ({ workflowId: 'wf', keys: [{ key, valueType }] });

  it('§5.14 IwfWorkflowType is set at start to the iwfWorkflowType', async () => {
    const { start, post } = setup(new FakeWorker({}));
    await start('wf', { ...noState, iwfWorkflowType: 'OrderWorkflow' });
    expect((await post('searchattributes/get', getSa('IwfWorkflowType', 'KEYWORD'))).body).toEqual({
      searchAttributes: [{ key: 'IwfWorkflowType', valueType: 'KEYWORD', stringValue: 'OrderWorkflow' }],
    });
  });

  it('§5.14 IwfGlobalWorkflowVersion is not written', async () => {
    const { start, post, result } = setup(
      new FakeWorker({ S1: { waitUntil: () => ({}), execute: () => complete() } }),
    );
    await start('wf');
    await result('wf');
    const reply = await post('searchattributes/get', getSa('IwfGlobalWorkflowVersion', 'INT'));
    expect(reply.status).toBe(200);
    expect((reply.body as { searchAttributes?: unknown[] }).searchAttributes ?? []).toEqual([]);
  });
});
