import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete, noWait } from '../../conformance/kit/index.ts';
import { FakeWorker, HANG, lockK, noState, runIdOf, setup } from './fake-worker.ts';

// Detail texts marked "measured" were read from the real iWF server (127.0.0.1:8811) with curl.

const waitForever = {
  waitUntil: () => ({
    commandRequest: {
      commandWaitingType: 'ALL_COMPLETED' as const,
      signalCommands: [{ commandId: 's', signalChannelName: 'never' }],
    },
  }),
  execute: () => gracefulComplete(),
};

const closed = {
  status: 400,
  body: { detail: 'workflow execution already completed', subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS' },
};

describe('server-side validation and the errors it answers', () => {
  it('start when a run is RUNNING (no TERMINATE_IF_RUNNING, no ignore option) → 400 WORKFLOW_ALREADY_STARTED_SUB_STATUS (start-4)', async () => {
    const { start } = setup(new FakeWorker({}));
    const runId = runIdOf(await start('wf', noState));
    expect(await start('wf', noState)).toEqual({
      status: 400,
      body: {
        // measured
        detail: `Workflow execution is already running. WorkflowId: wf, RunId: ${runId}.`,
        subStatus: 'WORKFLOW_ALREADY_STARTED_SUB_STATUS',
      },
    });
  });

  it('start with REJECT_DUPLICATE after a closed run / ALLOW_DUPLICATE_FAILED_ONLY after a COMPLETED run → 400 WORKFLOW_ALREADY_STARTED_SUB_STATUS (start-4)', async () => {
    const { start, result } = setup(new FakeWorker({ S1: { execute: () => gracefulComplete() } }));
    const runId = runIdOf(await start('wf', { stateOptions: noWait }));
    await result('wf');
    const again = (workflowIDReusePolicy: string) =>
      start('wf', { ...noState, workflowStartOptions: { workflowIDReusePolicy } });
    expect(await again('REJECT_DUPLICATE')).toEqual({
      status: 400,
      body: {
        // measured
        detail: `Workflow execution already finished. WorkflowId: wf, RunId: ${runId}. Workflow Id reuse policy: reject duplicate workflow Id.`,
        subStatus: 'WORKFLOW_ALREADY_STARTED_SUB_STATUS',
      },
    });
    expect(await again('ALLOW_DUPLICATE_FAILED_ONLY')).toEqual({
      status: 400,
      body: {
        // measured
        detail: `Workflow execution already finished successfully. WorkflowId: wf, RunId: ${runId}. Workflow Id reuse policy: allow duplicate workflow Id if last run failed.`,
        subStatus: 'WORKFLOW_ALREADY_STARTED_SUB_STATUS',
      },
    });
  });

  it('bad initial search attribute value (unparsable DATETIME) → 500 UNCATEGORIZED (start-3)', async () => {
    const { simulator, start } = setup(new FakeWorker({}));
    const reply = await start('wf', {
      ...noState,
      workflowStartOptions: {
        searchAttributes: [{ key: 'CustomDatetimeField', valueType: 'DATETIME', stringValue: 'not-a-date' }],
      },
    });
    expect(reply).toEqual({
      status: 500,
      body: {
        // measured
        detail:
          "cannot parse time '2006-01-02T15:04:05-07:00', use UTC format not-a-date, time range or raw UnixNano directly. See help for more details: cannot parse timeRange not-a-date",
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    });
    expect(simulator.listWorkflows()).toHaveLength(0);
  });

  it('any op on an unknown workflowId or runId → 400 WORKFLOW_NOT_EXISTS_SUB_STATUS (errors-2)', async () => {
    const { start, post } = setup(new FakeWorker({}));
    await start('wf', noState);
    const ghostRun = '01a2170a-1239-7424-a9a4-b03dfd11d665';
    for (const path of ['get', 'getWithWait', 'signal', 'stop', 'dataobjects/get']) {
      const reply = await post(path, { workflowId: 'wf', workflowRunId: ghostRun, signalChannelName: 'c' });
      expect(reply.status, path).toBe(400);
      expect(reply.body, path).toMatchObject({ subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS' });
    }
    for (const path of ['signal', 'dataobjects/set', 'searchattributes/get', 'timer/skip', 'config/update']) {
      const reply = await post(path, { workflowId: 'ghost', signalChannelName: 'c', timerCommandIndex: 0 });
      expect(reply.status, path).toBe(400);
      expect(reply.body, path).toMatchObject({ subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS' });
    }
  });

  // Real server evidence (iwf at 127.0.0.1:8811): POST /api/v1/workflow/get {workflowId: <running id>,
  // workflowRunId: "01a2170a-1239-7424-a9a4-b03dfd11d665"} → 400 {"detail":"workflow execution not found
  // for workflow ID \"<id>\" and run ID \"01a2170a-1239-7424-a9a4-b03dfd11d665\"","subStatus":"WORKFLOW_NOT_EXISTS_SUB_STATUS"}.
  // Re-measured: the same answer on every endpoint that takes a run id (below), also for an unknown
  // workflow id; a run id that is not a UUID → 500 "Invalid RunId."; waitForStateCompletion ignores it.
  it('an unknown runId of a known workflowId → 400 with Temporal’s run-not-found detail (errors-2)', async () => {
    const { start, post } = setup(new FakeWorker({}));
    await start('wf', noState);
    const ghostRun = '01a2170a-1239-7424-a9a4-b03dfd11d665';
    expect(await post('get', { workflowId: 'wf', workflowRunId: ghostRun })).toEqual({
      status: 400,
      body: {
        detail: `workflow execution not found for workflow ID "wf" and run ID "${ghostRun}"`,
        subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
      },
    });
  });

  it('every endpoint that takes a runId answers an unknown one with the run-not-found detail, a malformed one with 500 Invalid RunId. (errors-2)', async () => {
    const { start, post } = setup(new FakeWorker({}));
    await start('wf', noState);
    const calls: [string, object][] = [
      ['get', {}],
      ['getWithWait', {}],
      ['signal', { signalChannelName: 'c' }],
      ['publishToInternalChannel', { messages: [{ channelName: 'c' }] }],
      ['stop', {}],
      ['stop', { stopType: 'TERMINATE' }],
      ['dataobjects/get', {}],
      ['dataobjects/set', { objects: [{ key: 'k', value: enc(1) }] }],
      ['searchattributes/get', {}],
      ['searchattributes/set', { searchAttributes: [] }],
      ['reset', { resetType: 'BEGINNING' }],
      ['rpc', { rpcName: 'r' }],
      ['rpc', { rpcName: 'r', dataAttributesLoadingPolicy: lockK }],
      ['timer/skip', { workflowStateExecutionId: 'S1-1', timerCommandIndex: 0 }],
      ['config/update', { workflowConfig: { disableSystemSearchAttribute: true } }],
      ['internal/dump', { pageSizeInBytes: 1000, pageNum: 0 }],
      ['triggerContinueAsNew', {}],
    ];
    for (const [workflowId, runId] of [
      ['wf', '01a2170a-1239-7424-a9a4-b03dfd11d665'],
      ['ghost', '01A2170A12397424A9A4B03DFD11D665'],
    ] as const)
      for (const [path, body] of calls)
        expect(
          await post(path, { ...body, workflowId, workflowRunId: runId }),
          `${workflowId} ${path}`,
        ).toEqual({
          status: 400,
          body: {
            detail: `workflow execution not found for workflow ID "${workflowId}" and run ID "${runId}"`,
            subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
          },
        });
    for (const runId of ['not-a-uuid', ' ', '01a2170a-1239-7424-a9a4-b03dfd11d66g'])
      for (const [path, body] of calls)
        expect(
          await post(path, { ...body, workflowId: 'wf', workflowRunId: runId }),
          `${runId} ${path}`,
        ).toEqual({
          status: 500,
          body: { detail: 'Invalid RunId.', subStatus: 'UNCATEGORIZED_SUB_STATUS' },
        });
  });

  it('signal / set / publish / stop TERMINATE or FAIL / locking RPC / mutating RPC on a closed workflow → 400 WORKFLOW_NOT_EXISTS_SUB_STATUS; stop CANCEL → 200 {} (errors-3)', async () => {
    const worker = new FakeWorker(
      { S1: { execute: () => gracefulComplete() } },
      { write: () => ({ upsertDataAttributes: [{ key: 'k', value: enc(1) }] }) },
    );
    const { start, post, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    await result('wf');
    const calls: [string, object][] = [
      ['signal', { signalChannelName: 'c' }],
      ['dataobjects/set', { objects: [{ key: 'k', value: enc(1) }] }],
      ['searchattributes/set', { searchAttributes: [] }],
      ['publishToInternalChannel', { messages: [{ channelName: 'c' }] }],
      ['stop', { stopType: 'TERMINATE' }],
      ['stop', { stopType: 'FAIL', reason: 'r' }],
      ['rpc', { rpcName: 'write', dataAttributesLoadingPolicy: lockK }],
      ['rpc', { rpcName: 'write' }],
    ];
    for (const [path, body] of calls)
      expect(await post(path, { workflowId: 'wf', ...body }), `${path} ${JSON.stringify(body)}`).toEqual(
        closed,
      );
    expect(await post('stop', { workflowId: 'wf', stopType: 'CANCEL' })).toEqual({ status: 200, body: {} });
    expect(worker.callsOf('rpc')).toHaveLength(1);
  });

  it('getWithWait / waitForStateCompletion past the wait deadline → 420 LONG_POLL_TIME_OUT_SUB_STATUS (errors-5)', async () => {
    const { simulator, start, post } = setup(new FakeWorker({ S1: waitForever }));
    await start('wf', { waitForCompletionStateExecutionIds: ['S1-1'] });
    const t0 = simulator.now();
    expect(await post('getWithWait', { workflowId: 'wf', waitTimeSeconds: 3 })).toEqual({
      status: 420,
      body: {
        detail: 'workflow is still running, waiting has exceeded timeout limit, please retry',
        subStatus: 'LONG_POLL_TIME_OUT_SUB_STATUS',
      },
    });
    expect(simulator.now() - t0).toBe(3_000);
    expect(
      await post('waitForStateCompletion', {
        workflowId: 'wf',
        stateExecutionId: 'S1-1',
        waitTimeSeconds: 2,
      }),
    ).toEqual({
      status: 420,
      // measured
      body: {
        detail: 'waiting has exceeded timeout limit, please retry',
        subStatus: 'LONG_POLL_TIME_OUT_SUB_STATUS',
      },
    });
  });

  it('timer/skip for a non-existing or non-pending timer → 400 UNCATEGORIZED requested timer command doesn’t exist (timer-skip-1)', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          commandRequest: {
            commandWaitingType: 'ANY_COMPLETED',
            timerCommands: [
              { commandId: 'short', durationSeconds: 1 },
              { commandId: 'long', durationSeconds: 3600 },
            ],
          },
        }),
        execute: () => gracefulComplete(),
      },
    });
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('wf', { stateOptions: { executeApiTimeoutSeconds: 5 } });
    await simulator.runUntilIdle();
    const skip = (extra: object) =>
      post('timer/skip', { workflowId: 'wf', workflowStateExecutionId: 'S1-1', ...extra });
    const missing = {
      status: 400,
      body: {
        detail: "invalid request - requested timer command doesn't exist",
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    };
    expect(await skip({ timerCommandIndex: 2 })).toEqual(missing);
    expect(await skip({ timerCommandId: 'nope' })).toEqual(missing);
    expect(
      await post('timer/skip', { workflowId: 'wf', workflowStateExecutionId: 'S9-1', timerCommandIndex: 0 }),
    ).toEqual(missing);
  });

  it('locking RPC while a locking key is held → 450 WORKER_API_ERROR, without calling the worker (rpc-4)', async () => {
    const worker = new FakeWorker({ S1: { execute: () => HANG } }, { locked: () => ({}) });
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('wf', { stateOptions: { ...noWait, executeApiDataAttributesLoadingPolicy: lockK } });
    await simulator.runUntilIdle();
    expect(
      await post('rpc', { workflowId: 'wf', rpcName: 'locked', dataAttributesLoadingPolicy: lockK }),
    ).toEqual({
      status: 450,
      body: {
        detail: 'requested data or search attributes are being locked by other operations',
        subStatus: 'WORKER_API_ERROR',
      },
    });
    expect(worker.callsOf('rpc')).toHaveLength(0);
  });

  it('reset STATE_ID / STATE_EXECUTION_ID not found → 500 (reset-2)', async () => {
    const { start, post } = setup(new FakeWorker({ S1: waitForever }));
    await start('wf');
    const notFound = {
      status: 500,
      // measured
      body: { detail: 'Get historyEventId failed, no historyEventId', subStatus: 'UNCATEGORIZED_SUB_STATUS' },
    };
    expect(await post('reset', { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'Nope' })).toEqual(
      notFound,
    );
    expect(
      await post('reset', { workflowId: 'wf', resetType: 'STATE_EXECUTION_ID', stateExecutionId: 'S1-9' }),
    ).toEqual(notFound);
  });

  it('handler panic → 500 UNCATEGORIZED with the panic message (ignoreAlreadyStartedError with a requestId against a run without one) (start-5)', async () => {
    const { start } = setup(new FakeWorker({}));
    await start('wf', noState);
    expect(
      await start('wf', {
        ...noState,
        workflowStartOptions: {
          workflowAlreadyStartedOptions: { ignoreAlreadyStartedError: true, requestId: 'r1' },
        },
      }),
    ).toEqual({
      status: 500,
      // measured
      body: {
        detail: 'runtime error: invalid memory address or nil pointer dereference',
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    });
  });
});
