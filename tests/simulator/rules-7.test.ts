import { describe, expect, it } from 'vitest';
import type { WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { complete, encoded, FakeWorker, RawReply, setup } from './fake-worker.ts';
import { deadEnd, decide, noWait, runIdOf, waitOn, waitSignal } from './wire-builders.ts';

// Behaviour tests named after the checklist items of iwf-server-semantics.md §7.

describe('§7 checklist', () => {
  it('§7.1 graceful completion does not stop other threads: the workflow completes only when every thread ended; dead ends alone leave it RUNNING', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => decide({ stateId: 'Done', stateOptions: noWait }, { stateId: 'W' }) },
      Done: { execute: () => complete() },
      W: { waitUntil: waitSignal('go'), execute: deadEnd },
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

  it('§7.2 outputs are collected only from closing decisions with a non-null stateInput; results are omitted when there is none', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () =>
          decide(
            { stateId: 'A', stateOptions: noWait },
            { stateId: 'B', stateOptions: noWait },
            { stateId: 'C', stateOptions: noWait },
          ),
      },
      A: { execute: () => complete('a') },
      B: { execute: () => complete() },
      C: { execute: () => complete('c') },
      N: { execute: () => complete() },
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

  it('§7.3 execute must return at least one next state, even with conditionalClose: an empty decision is a retried worker failure', async () => {
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
            : complete('ok'),
      },
    });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateOutput: encoded('ok') }],
    });
    expect(worker.callsOf('execute').map((c) => (c.body.context as { attempt: number }).attempt)).toEqual([
      1, 2, 3,
    ]);
  });

  // DOC IS WRONG in one detail (§7.4, §3.7 say "RUNNING until timeout; the workflow then ends TIMEOUT").
  // Real server evidence (iwf at 127.0.0.1:8811, loopback worker answering execute with 500 {}, no retry
  // policy, workflowTimeoutSeconds 20): attempts at 0, 1.0, 3.0, 7.0, 15.0 s, then at 15.1 s getWithWait =
  // {"errorMessage":"statusCode: 500, responseBody: {}, errMsg: 500 Internal Server Error",
  // "errorType":"STATE_API_FAIL_ERROR_TYPE","workflowStatus":"FAILED"}: Temporal's ScheduleToClose defaults to
  // the workflow timeout, so the call fails once the next retry would fall past it. Without a timeout it is RUNNING forever.
  it('§7.4 the default retry is unlimited: a permanently failing worker keeps a workflow without timeout RUNNING; with a timeout it fails when the next retry would pass it', async () => {
    const worker = new FakeWorker({ S1: { execute: () => new RawReply({ status: 500, json: {} }) } });
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

  it('§7.5 skipped timers are reported FIRED, unfinished ones SCHEDULED; signals and channels WAITING or RECEIVED', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = new FakeWorker({
      S1: {
        waitUntil: waitOn({
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
          return complete();
        },
      },
    });
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('wf');
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'sig', signalValue: encoded(1) });
    await post('publishToInternalChannel', {
      workflowId: 'wf',
      messages: [{ channelName: 'ch', value: encoded(2) }],
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
          signalValue: encoded(1),
        },
        { commandId: 'sig2', signalChannelName: 'other', signalRequestStatus: 'WAITING' },
      ],
      interStateChannelResults: [
        { commandId: 'ch', channelName: 'ch', requestStatus: 'RECEIVED', value: encoded(2) },
        { commandId: 'ch2', channelName: 'other', requestStatus: 'WAITING' },
      ],
      stateStartApiSucceeded: true,
      stateWaitUntilFailed: false,
    });
  });

  it('§7.6 commandResults are absent when waitUntil is skipped, and otherwise always carry stateStartApiSucceeded/stateWaitUntilFailed', async () => {
    const tolerant = {
      waitUntilApiRetryPolicy: { maximumAttempts: 1 },
      waitUntilApiFailurePolicy: 'PROCEED_ON_FAILURE' as const,
    };
    const worker = new FakeWorker({
      S1: { execute: () => decide({ stateId: 'S2' }, { stateId: 'S3', stateOptions: tolerant }) },
      S2: { waitUntil: () => ({}), execute: deadEnd },
      S3: { waitUntil: () => new RawReply({ status: 500, json: {} }), execute: deadEnd },
    });
    const { simulator, start } = setup(worker);
    await start('wf', { stateOptions: noWait });
    await simulator.runUntilIdle();
    const results = (id: string) => worker.callsOf('execute', id)[0]!.body.commandResults;
    expect(worker.callsOf('execute', 'S1')[0]!.body).not.toHaveProperty('commandResults');
    expect(results('S2')).toEqual({ stateStartApiSucceeded: true, stateWaitUntilFailed: false });
    expect(results('S3')).toEqual({ stateStartApiSucceeded: false, stateWaitUntilFailed: true });
  });

  it('§7.7 the execute request spells DataObjects with a capital D; waitUntil spells dataObjects', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: () => ({}), execute: () => complete() } });
    const { start, result } = setup(worker);
    await start('wf', { workflowStartOptions: { dataAttributes: [{ key: 'k', value: encoded(1) }] } });
    await result('wf');
    const kv = [{ key: 'k', value: encoded(1) }];
    expect(worker.callsOf('waitUntil')[0]!.body).toMatchObject({ dataObjects: kv });
    expect(worker.callsOf('waitUntil')[0]!.body).not.toHaveProperty('DataObjects');
    expect(worker.callsOf('execute')[0]!.body).toMatchObject({ DataObjects: kv });
    expect(worker.callsOf('execute')[0]!.body).not.toHaveProperty('dataObjects');
  });

  it('§7.8 /get without needsResults returns no results or error details; getWithWait ignores needsResults', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => decide({ stateId: '_SYS_FORCE_FAILING_WORKFLOW', stateInput: encoded('x') }) },
      S2: { execute: () => complete('done') },
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
      { completedStateId: 'S2', completedStateExecutionId: 'S2-1', completedStateOutput: encoded('done') },
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

  it('§7.9 a signal without value is delivered as {}; a channel message without value is delivered with no value', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = new FakeWorker({
      S1: {
        waitUntil: waitOn({
          commandWaitingType: 'ALL_COMPLETED',
          signalCommands: [{ commandId: 's', signalChannelName: 's' }],
          interStateChannelCommands: [{ commandId: 'c', channelName: 'c' }],
        }),
        execute: (req) => {
          seen.push(req);
          return complete();
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
