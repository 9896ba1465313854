import { describe, expect, it } from 'vitest';
import {
  Answer,
  deadEnd,
  enc,
  goTo,
  gracefulComplete,
  noWait,
  waitFor,
} from '../../conformance/kit/index.ts';
import type { TimerCommand, WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { FakeWorker, HANG, lockK, noState, runIdOf, setup } from './fake-worker.ts';

// The rules most often got wrong: docs/semantics/README.md#pitfall-1 and on.

describe('pitfalls 10–17: contexts, loading, RPCs, ignored fields, timers, waitForStateCompletion, cron', () => {
  it('context.workflowRunId is the first run id for state APIs but the current run id for RPCs (pitfall-10)', async () => {
    const worker = new FakeWorker(
      { S1: { execute: deadEnd } },
      { peek: () => ({}), go: () => goTo({ stateId: 'S1', stateOptions: noWait }) },
    );
    const { simulator, start, post } = setup(worker);
    const first = runIdOf(await start('wf', noState));
    await post('triggerContinueAsNew', { workflowId: 'wf' });
    const current = runIdOf(await post('get', { workflowId: 'wf' }));
    expect(current).not.toBe(first);
    await post('rpc', { workflowId: 'wf', rpcName: 'peek' });
    await post('rpc', { workflowId: 'wf', rpcName: 'go' });
    await simulator.runUntilIdle();
    const runOf = (body: Record<string, unknown>) =>
      (body.context as { workflowRunId: string }).workflowRunId;
    expect(worker.callsOf('rpc').map((c) => runOf(c.body))).toEqual([current, current]);
    expect(worker.callsOf('execute').map((c) => runOf(c.body))).toEqual([first]);
  });

  it('data-attribute PARTIAL loading with an empty key list returns all data attributes (pitfall-11)', async () => {
    const worker = new FakeWorker({ S1: { execute: () => gracefulComplete() } });
    const { start, result } = setup(worker);
    await start('wf', {
      stateOptions: {
        ...noWait,
        dataAttributesLoadingPolicy: {
          persistenceLoadingType: 'LOAD_PARTIAL_WITHOUT_LOCKING',
          partialLoadingKeys: [],
        },
      },
      workflowStartOptions: { dataAttributes: ['b', 'a'].map((key) => ({ key, value: enc(key) })) },
    });
    await result('wf');
    expect(worker.callsOf('execute')[0]!.body.DataObjects).toEqual([
      { key: 'a', value: enc('a') },
      { key: 'b', value: enc('b') },
    ]);
  });

  it('a non-locking RPC’s side effects land after the worker answered; its nextStates start new executions; it cannot close the workflow (pitfall-12)', async () => {
    let duringRpc: unknown;
    const worker = new FakeWorker({ A: { execute: deadEnd } }, {});
    const { simulator, start, post } = setup(worker);
    worker.rpcs.mutate = async () => {
      duringRpc = (await post('dataobjects/get', { workflowId: 'wf' })).body;
      return {
        upsertDataAttributes: [{ key: 'k', value: enc(1) }],
        ...goTo({ stateId: 'A', stateOptions: noWait }),
      };
    };
    worker.rpcs.close = () => goTo({ stateId: '_SYS_FORCE_COMPLETING_WORKFLOW' });
    await start('wf', noState);
    expect(await post('rpc', { workflowId: 'wf', rpcName: 'mutate' })).toEqual({ status: 200, body: {} });
    expect(duringRpc).toEqual({});
    await simulator.runUntilIdle();
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'k', value: enc(1) }],
    });
    expect(
      worker.callsOf('execute').map((c) => (c.body.context as { stateExecutionId: string }).stateExecutionId),
    ).toEqual(['A-1']);
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'close' })).status).toBe(420);
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
  });

  it('a worker RPC error is a 420 with the originalWorker* fields; a lock conflict is a 450 with subStatus WORKER_API_ERROR (pitfall-13)', async () => {
    const worker = new FakeWorker(
      { S1: { execute: () => HANG } },
      { bad: () => new Answer({ status: 418, body: { detail: 'teapot', errorType: 'Tea' } }) },
    );
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('wf', { stateOptions: { ...noWait, executeApiDataAttributesLoadingPolicy: lockK } });
    await simulator.runUntilIdle();
    expect(await post('rpc', { workflowId: 'wf', rpcName: 'bad' })).toEqual({
      status: 420,
      body: {
        detail: 'worker API error, status:418, errorType:Tea',
        subStatus: 'WORKER_API_ERROR',
        originalWorkerErrorStatus: 418,
        originalWorkerErrorType: 'Tea',
        originalWorkerErrorDetail: 'teapot',
      },
    });
    // S1 holds k in its execute call: a locking RPC on k is refused at once, without a worker call.
    expect(
      await post('rpc', { workflowId: 'wf', rpcName: 'bad', dataAttributesLoadingPolicy: lockK }),
    ).toEqual({
      status: 450,
      body: {
        detail: 'requested data or search attributes are being locked by other operations',
        subStatus: 'WORKER_API_ERROR',
      },
    });
    expect(worker.callsOf('rpc')).toHaveLength(1);
  });

  it('atLeast/atMost, useKeyAsPrefix, lazyLoadingLargeDataAttributes, recordEvents and execute’s upsertStateLocals are ignored (pitfall-14)', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          upsertStateLocals: [{ key: 'l', value: enc('wu') }],
          recordEvents: [{ key: 'e', value: enc(1) }],
          commandRequest: {
            commandWaitingType: 'ALL_COMPLETED',
            signalCommands: [{ commandId: 's', signalChannelName: 's', atLeast: 3, atMost: 5 }],
          },
        }),
        execute: (req) => {
          seen.push(req);
          return {
            upsertStateLocals: [{ key: 'l', value: enc('ex') }],
            recordEvents: [{ key: 'e' }],
            ...goTo({ stateId: 'S2' }),
          };
        },
      },
      S2: {
        waitUntil: () => ({}),
        execute: (req) => {
          seen.push(req);
          return gracefulComplete();
        },
      },
    });
    const { start, post, result } = setup(worker);
    await start('wf', {
      stateOptions: {
        dataAttributesLoadingPolicy: {
          persistenceLoadingType: 'LOAD_PARTIAL_WITHOUT_LOCKING',
          partialLoadingKeys: ['ab'],
          useKeyAsPrefix: true,
          lazyLoadingLargeDataAttributes: true,
        },
      },
      workflowStartOptions: { dataAttributes: ['ab', 'abc'].map((key) => ({ key, value: enc(key) })) },
    });
    await post('signal', { workflowId: 'wf', signalChannelName: 's', signalValue: enc(1) });
    await post('signal', { workflowId: 'wf', signalChannelName: 's', signalValue: enc(2) });
    await result('wf');
    expect(seen[0]!.commandResults!.signalResults).toEqual([
      { commandId: 's', signalChannelName: 's', signalRequestStatus: 'RECEIVED', signalValue: enc(1) },
    ]);
    expect(seen[0]!.DataObjects).toEqual([{ key: 'ab', value: enc('ab') }]);
    expect(seen[0]!.stateLocals).toEqual([{ key: 'l', value: enc('wu') }]);
    expect(seen[1]!.stateLocals).toBeUndefined();
  });

  it('durationSeconds is anchored when the waitUntil response is processed, and past timestamps fire at once (pitfall-15)', async () => {
    let attempts = 0;
    const worker = new FakeWorker({
      S1: {
        waitUntil: () =>
          ++attempts === 1
            ? new Answer({ status: 500, body: {} })
            : {
                commandRequest: {
                  commandWaitingType: 'ALL_COMPLETED',
                  timerCommands: [{ durationSeconds: 5 }, { firingUnixTimestampSeconds: 1_000 }],
                },
              },
        execute: () => gracefulComplete(),
      },
    });
    const { simulator, start, result } = setup(worker);
    const t0 = simulator.now();
    await start('wf');
    await result('wf');
    expect(worker.calls.map((c) => c.at - t0)).toEqual([0, 1_000, 6_000]);
  });

  // Real server evidence (iwf at 127.0.0.1:8811, loopback worker, 8 workflows whose waitUntil answered at
  // fractional seconds .058–.990): with durationSeconds 2 the execute call came 2017–2025 ms after the
  // waitUntil answer every time, and with firingUnixTimestampSeconds = floor(now)+2 also 2018–2023 ms
  // (even at fraction .990): the server waits (firing − floor(now)) whole seconds from the moment it processes the answer.
  it('timer resolution is whole seconds counted from the processing moment, also at a fractional-second start (commands-5)', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () =>
          waitFor({ commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ durationSeconds: 2 }] }),
        execute: () => gracefulComplete(),
      },
    });
    const { simulator, start, result } = setup(worker, { startTime: Date.UTC(2025, 0, 1) + 600 });
    const t0 = simulator.now();
    await start('wf');
    await result('wf');
    expect(worker.calls.map((c) => c.at - t0)).toEqual([0, 2_000]);
  });

  // Real server evidence (iwf at 127.0.0.1:8811, loopback worker, twice each): answers at fraction
  // .9 with firingUnixTimestampSeconds floor(now)+2 → execute +2031/+2034 ms; .5 with floor(now)+1 →
  // +1044/+1029 ms; .6 with durationSeconds 2 AND firingUnixTimestampSeconds floor(now)+10 → +2029/+2022 ms
  // (the duration wins); .5 with floor(now) or floor(now)−5 → at once (+26…43 ms). Server source:
  // timers.FixTimerCommandFromActivityOutput fixes floor(now)+duration, and WaitForTimerFiredOrSkipped
  // starts a Temporal timer of (firing − floor(now)) whole seconds.
  it('a firing timestamp fires (firing − floor(now)) seconds after the answer; a duration wins over it (commands-5)', async () => {
    const t0 = Date.UTC(2025, 0, 1) + 900;
    const s0 = Math.floor(t0 / 1000);
    const timers: Record<string, TimerCommand> = {
      plus2: { firingUnixTimestampSeconds: s0 + 2 },
      plus1: { firingUnixTimestampSeconds: s0 + 1 },
      both: { durationSeconds: 2, firingUnixTimestampSeconds: s0 + 10 },
      same: { firingUnixTimestampSeconds: s0 },
      past: { firingUnixTimestampSeconds: s0 - 5 },
    };
    const worker = new FakeWorker({
      S1: {
        waitUntil: (request) => ({
          commandRequest: {
            commandWaitingType: 'ALL_COMPLETED',
            timerCommands: [timers[request.context.workflowId]!],
          },
        }),
        execute: () => gracefulComplete(),
      },
    });
    const { start, result } = setup(worker, { startTime: t0 });
    for (const id of Object.keys(timers)) await start(id);
    for (const id of Object.keys(timers)) await result(id);
    const executeAt = (id: string) =>
      worker
        .callsOf('execute')
        .find((c) => (c.body as unknown as WorkflowStateDecideRequest).context.workflowId === id)!.at - t0;
    expect(Object.fromEntries(Object.keys(timers).map((id) => [id, executeAt(id)]))).toEqual({
      plus2: 2_000,
      plus1: 1_000,
      both: 2_000,
      same: 0,
      past: 0,
    });
  });

  // Real server evidence (iwf at 127.0.0.1:8811, loopback worker): waitUntil answered durationSeconds 10
  // at fraction .2; triggerContinueAsNew 2.6 s later (fraction .8); execute came 10666 ms after the
  // answer, in the first run id's context: the new run kept the fixed timestamp (floor + 10) and
  // waited (floor + 10) − floor(its now) = 8 whole seconds from its start.
  it('a timer carried over by continue-as-new keeps its fixed timestamp, counted again in whole seconds (commands-5)', async () => {
    const t0 = Date.UTC(2025, 0, 1) + 200;
    const worker = new FakeWorker({
      S1: {
        waitUntil: () =>
          waitFor({ commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ durationSeconds: 10 }] }),
        execute: () => gracefulComplete(),
      },
    });
    const { simulator, start, post, result } = setup(worker, { startTime: t0, autoAdvance: false });
    await start('wf');
    await simulator.advanceBy(2_600);
    expect((await post('triggerContinueAsNew', { workflowId: 'wf' })).status).toBe(200);
    await simulator.advanceBy(20_000);
    await result('wf');
    expect(worker.calls.map((c) => [c.path, c.at - t0])).toEqual([
      ['/api/v1/workflowState/start', 0],
      ['/api/v1/workflowState/decide', 10_600],
    ]);
  });

  it('waitForStateCompletion returns an empty stateCompletionOutput, and only for ids registered at start (pitfall-16)', async () => {
    const worker = new FakeWorker({ S1: { execute: () => gracefulComplete(enc('out')) } });
    const { start, post, result } = setup(worker);
    await start('wf', { stateOptions: noWait, waitForCompletionStateIds: ['S1'] });
    await result('wf');
    expect(await post('waitForStateCompletion', { workflowId: 'wf', stateExecutionId: 'S1-1' })).toEqual({
      status: 200,
      body: { stateCompletionOutput: { completedStateExecutionId: '', completedStateId: '' } },
    });
    await start('unregistered', { stateOptions: noWait });
    await result('unregistered');
    expect(
      (
        await post('waitForStateCompletion', {
          workflowId: 'unregistered',
          stateExecutionId: 'S1-1',
          waitTimeSeconds: 1,
        })
      ).body,
    ).toEqual({
      detail: 'waiting has exceeded timeout limit, please retry',
      subStatus: 'LONG_POLL_TIME_OUT_SUB_STATUS',
    });
  });

  it('the server waits on a helper workflow __IwfSystem_<workflowId>_<key> that clients can get (wait-state-1)', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () => ({
          stateDecision: { nextStates: [{ stateId: 'S2', waitForKey: 'k1', stateOptions: noWait }] },
        }),
      },
      S2: { execute: () => gracefulComplete() },
    });
    const { simulator, start, post, result } = setup(worker);
    await start('parent', {
      stateOptions: noWait,
      waitForCompletionStateExecutionIds: ['S1-1'],
      waitForCompletionStateIds: ['S2'],
    });
    await result('parent');
    const statusOf = async (workflowId: string) =>
      ((await post('get', { workflowId })).body as { workflowStatus?: string }).workflowStatus;
    // Completed states signal-with-start their helpers, whether or not anybody waited.
    expect(await statusOf('__IwfSystem_parent_S1-1')).toBe('COMPLETED');
    expect(await statusOf('__IwfSystem_parent_S2_k1')).toBe('COMPLETED');
    // A non-empty waitForKey names the helper, whatever stateExecutionId says.
    const byKey = await post('waitForStateCompletion', {
      workflowId: 'parent',
      stateId: 'S2',
      waitForKey: 'k1',
      stateExecutionId: 'S9-9',
      waitTimeSeconds: 1,
    });
    expect(byKey.status).toBe(200);
    // Waiting for a state that never completes starts a helper that runs for an hour, then times out.
    const waited = await post('waitForStateCompletion', {
      workflowId: 'parent',
      stateExecutionId: 'S3-1',
      waitTimeSeconds: 1,
    });
    expect(waited.status).toBe(420);
    expect(await statusOf('__IwfSystem_parent_S3-1')).toBe('RUNNING');
    await simulator.advanceBy(60 * 60 * 1000);
    expect(await statusOf('__IwfSystem_parent_S3-1')).toBe('TIMEOUT');
    // Helpers carry no IwfWorkflowType: searches by type do not see them.
    expect(simulator.listWorkflows().map((w) => w.workflowId)).toEqual([
      'parent',
      '__IwfSystem_parent_S1-1',
      '__IwfSystem_parent_S2_k1',
      '__IwfSystem_parent_S3-1',
    ]);
  });

  it('a cron start returns workflowRunId "" (pitfall-17)', async () => {
    const { start } = setup(new FakeWorker({ S1: { execute: () => gracefulComplete() } }));
    expect(
      await start('cron', { stateOptions: noWait, workflowStartOptions: { cronSchedule: '0 * * * *' } }),
    ).toEqual({
      status: 200,
      body: { workflowRunId: '' },
    });
  });
});
