import { describe, expect, it } from 'vitest';
import {
  Answer,
  deadEnd,
  enc,
  goTo,
  gracefulComplete,
  noWait,
  waitFor,
  waitSignal,
} from '../../conformance/kit/index.ts';
import type { TimerCommand, WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { FakeWorker, HANG, lockK, noState, runIdOf, setup } from './fake-worker.ts';

// The rules most often got wrong: docs/semantics/README.md#pitfall-1 and on.

describe('pitfalls 1–9: threads, outputs, decisions, retries, command results, wire spelling', () => {
  it('graceful completion does not stop other threads: the workflow completes only when every thread ended; dead ends alone leave it RUNNING (pitfall-1)', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => goTo({ stateId: 'Done', stateOptions: noWait }, { stateId: 'W' }) },
      Done: { execute: () => gracefulComplete() },
      W: { waitUntil: () => waitSignal('go'), execute: deadEnd },
      D: { execute: deadEnd },
    });
    const { simulator, start, post, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    await simulator.runUntilIdle();
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(worker.callsOf('execute', 'W')).toHaveLength(1);

    await start('dead', { startStateId: 'D', stateOptions: noWait });
    expect((await result('dead', 30)).status).toBe(420);
    expect((await post('get', { workflowId: 'dead' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
  });

  it('outputs are collected only from closing decisions with a non-null stateInput; results are omitted when there is none (pitfall-2)', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () =>
          goTo(
            { stateId: 'A', stateOptions: noWait },
            { stateId: 'B', stateOptions: noWait },
            { stateId: 'C', stateOptions: noWait },
          ),
      },
      A: { execute: () => gracefulComplete(enc('a')) },
      B: { execute: () => gracefulComplete() },
      C: { execute: () => gracefulComplete(enc('c')) },
      N: { execute: () => gracefulComplete() },
    });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    expect(
      ((await result('wf')).body as { results: { completedStateId: string }[] }).results.map(
        (r) => r.completedStateId,
      ),
    ).toEqual(['A', 'C']);
    await start('none', { startStateId: 'N', stateOptions: noWait });
    expect((await result('none')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'COMPLETED',
    });
  });

  it('execute must return at least one next state, even with conditionalClose: an empty decision is a retried worker failure (pitfall-3)', async () => {
    let calls = 0;
    const worker = new FakeWorker({
      S1: {
        execute: () =>
          ++calls < 3
            ? {
                stateDecision: {
                  nextStates: [],
                  conditionalClose: {
                    conditionalCloseType: 'FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY',
                    channelName: 'c',
                  },
                },
              }
            : gracefulComplete(enc('ok')),
      },
    });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateOutput: enc('ok') }],
    });
    expect(worker.callsOf('execute').map((c) => (c.body.context as { attempt: number }).attempt)).toEqual([
      1, 2, 3,
    ]);
  });

  // Earlier notes said "RUNNING until timeout; the workflow then ends TIMEOUT"; the real server differs (docs/semantics/worker-failures.md#failures-2).
  // Real server evidence (iwf at 127.0.0.1:8811, loopback worker answering execute with 500 {}, no retry
  // policy, workflowTimeoutSeconds 20): attempts at 0, 1.0, 3.0, 7.0, 15.0 s, then at 15.1 s getWithWait =
  // {"errorMessage":"statusCode: 500, responseBody: {}, errMsg: 500 Internal Server Error",
  // "errorType":"STATE_API_FAIL_ERROR_TYPE","workflowStatus":"FAILED"}: Temporal's ScheduleToClose defaults to
  // the workflow timeout, so the call fails once the next retry would fall past it. Without a timeout it is RUNNING forever.
  it('the default retry is unlimited: a permanently failing worker keeps a workflow without timeout RUNNING; with a timeout it fails when the next retry would pass it (pitfall-4)', async () => {
    const worker = new FakeWorker({ S1: { execute: () => new Answer({ status: 500, body: {} }) } });
    const { simulator, start, post, result } = setup(worker, { autoAdvance: false });
    const t0 = simulator.now();
    await start('forever', { stateOptions: noWait });
    await start('timed', { stateOptions: noWait, workflowTimeoutSeconds: 20 });
    await simulator.advanceBy(24 * 3_600_000);
    expect((await post('get', { workflowId: 'forever' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
    expect(worker.calls.filter((c) => c.at - t0 <= 20_000).map((c) => c.at - t0)).toEqual([
      0, 0, 1_000, 1_000, 3_000, 3_000, 7_000, 7_000, 15_000, 15_000,
    ]);
    expect((await result('timed', 1)).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'STATE_API_FAIL_ERROR_TYPE',
      errorMessage: 'statusCode: 500, responseBody: {}, errMsg: 500 Internal Server Error',
    });
  });

  it('skipped timers are reported FIRED, unfinished ones SCHEDULED; signals and channels WAITING or RECEIVED (pitfall-5)', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = new FakeWorker({
      S1: {
        waitUntil: () =>
          waitFor({
            deciderTriggerType: 'ANY_COMMAND_COMBINATION_COMPLETED',
            timerCommands: [
              { commandId: 'skipped', durationSeconds: 100 },
              { commandId: 'pending', durationSeconds: 200 },
            ],
            signalCommands: [
              { commandId: 'sig', signalChannelName: 'sig' },
              { commandId: 'sig2', signalChannelName: 'other' },
            ],
            interStateChannelCommands: [
              { commandId: 'ch', channelName: 'ch' },
              { commandId: 'ch2', channelName: 'other' },
            ],
            commandCombinations: [{ commandIds: ['skipped', 'sig', 'ch'] }],
          }),
        execute: (req) => {
          seen.push(req);
          return gracefulComplete();
        },
      },
    });
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('wf');
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'sig', signalValue: enc(1) });
    await post('publishToInternalChannel', {
      workflowId: 'wf',
      messages: [{ channelName: 'ch', value: enc(2) }],
    });
    await post('timer/skip', {
      workflowId: 'wf',
      workflowStateExecutionId: 'S1-1',
      timerCommandId: 'skipped',
    });
    await simulator.runUntilIdle();
    expect(seen[0]!.commandResults).toEqual({
      timerResults: [
        { commandId: 'skipped', timerStatus: 'FIRED' },
        { commandId: 'pending', timerStatus: 'SCHEDULED' },
      ],
      signalResults: [
        {
          commandId: 'sig',
          signalChannelName: 'sig',
          signalRequestStatus: 'RECEIVED',
          signalValue: enc(1),
        },
        { commandId: 'sig2', signalChannelName: 'other', signalRequestStatus: 'WAITING' },
      ],
      interStateChannelResults: [
        { commandId: 'ch', channelName: 'ch', requestStatus: 'RECEIVED', value: enc(2) },
        { commandId: 'ch2', channelName: 'other', requestStatus: 'WAITING' },
      ],
      stateStartApiSucceeded: true,
      stateWaitUntilFailed: false,
    });
  });

  it('commandResults are absent when waitUntil is skipped, and otherwise always carry stateStartApiSucceeded/stateWaitUntilFailed (pitfall-6)', async () => {
    const tolerant = {
      waitUntilApiRetryPolicy: { maximumAttempts: 1 },
      waitUntilApiFailurePolicy: 'PROCEED_ON_FAILURE' as const,
    };
    const worker = new FakeWorker({
      S1: { execute: () => goTo({ stateId: 'S2' }, { stateId: 'S3', stateOptions: tolerant }) },
      S2: { waitUntil: () => ({}), execute: deadEnd },
      S3: { waitUntil: () => new Answer({ status: 500, body: {} }), execute: deadEnd },
    });
    const { simulator, start } = setup(worker);
    await start('wf', { stateOptions: noWait });
    await simulator.runUntilIdle();
    const results = (id: string) => worker.callsOf('execute', id)[0]!.body.commandResults;
    expect(worker.callsOf('execute', 'S1')[0]!.body).not.toHaveProperty('commandResults');
    expect(results('S2')).toEqual({ stateStartApiSucceeded: true, stateWaitUntilFailed: false });
    expect(results('S3')).toEqual({ stateStartApiSucceeded: false, stateWaitUntilFailed: true });
  });

  it('the execute request spells DataObjects with a capital D; waitUntil spells dataObjects (pitfall-7)', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: () => ({}), execute: () => gracefulComplete() } });
    const { start, result } = setup(worker);
    await start('wf', { workflowStartOptions: { dataAttributes: [{ key: 'k', value: enc(1) }] } });
    await result('wf');
    const kv = [{ key: 'k', value: enc(1) }];
    expect(worker.callsOf('waitUntil')[0]!.body).toMatchObject({ dataObjects: kv });
    expect(worker.callsOf('waitUntil')[0]!.body).not.toHaveProperty('DataObjects');
    expect(worker.callsOf('execute')[0]!.body).toMatchObject({ DataObjects: kv });
    expect(worker.callsOf('execute')[0]!.body).not.toHaveProperty('dataObjects');
  });

  it('/get without needsResults returns no results or error details; getWithWait ignores needsResults (pitfall-8)', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => goTo({ stateId: '_SYS_FORCE_FAILING_WORKFLOW', stateInput: enc('x') }) },
      S2: { execute: () => gracefulComplete(enc('done')) },
    });
    const { start, post, result } = setup(worker);
    const failed = runIdOf(await start('f', { stateOptions: noWait }));
    await result('f');
    expect((await post('get', { workflowId: 'f' })).body).toEqual({
      workflowRunId: failed,
      workflowStatus: 'FAILED',
    });
    expect((await post('get', { workflowId: 'f', needsResults: true })).body).toMatchObject({
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
    });
    const ok = runIdOf(await start('c', { startStateId: 'S2', stateOptions: noWait }));
    const output = [
      { completedStateId: 'S2', completedStateExecutionId: 'S2-1', completedStateOutput: enc('done') },
    ];
    expect((await post('getWithWait', { workflowId: 'c', needsResults: false })).body).toEqual({
      workflowRunId: ok,
      workflowStatus: 'COMPLETED',
      results: output,
    });
    expect((await post('get', { workflowId: 'c' })).body).toEqual({
      workflowRunId: ok,
      workflowStatus: 'COMPLETED',
    });
  });

  it('a signal without value is delivered as {}; a channel message without value is delivered with no value (pitfall-9)', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = new FakeWorker({
      S1: {
        waitUntil: () =>
          waitFor({
            commandWaitingType: 'ALL_COMPLETED',
            signalCommands: [{ commandId: 's', signalChannelName: 's' }],
            interStateChannelCommands: [{ commandId: 'c', channelName: 'c' }],
          }),
        execute: (req) => {
          seen.push(req);
          return gracefulComplete();
        },
      },
    });
    const { start, post, result } = setup(worker);
    await start('wf');
    await post('signal', { workflowId: 'wf', signalChannelName: 's' });
    await post('publishToInternalChannel', { workflowId: 'wf', messages: [{ channelName: 'c' }] });
    await result('wf');
    expect(seen[0]!.commandResults!.signalResults).toEqual([
      { commandId: 's', signalChannelName: 's', signalRequestStatus: 'RECEIVED', signalValue: {} },
    ]);
    expect(seen[0]!.commandResults!.interStateChannelResults).toEqual([
      { commandId: 'c', channelName: 'c', requestStatus: 'RECEIVED' },
    ]);
  });
});

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
