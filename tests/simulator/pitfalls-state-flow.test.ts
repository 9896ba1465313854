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
import type { WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { FakeWorker, runIdOf, setup } from './fake-worker.ts';

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
