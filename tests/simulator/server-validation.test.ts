import { describe, expect, it } from 'vitest';
import { Answer, enc, goTo, gracefulComplete, noWait } from '../../conformance/kit/index.ts';
import type { WorkflowStateDecideResponse } from '../../sdk/wire/types.ts';
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

  it('RPC worker non-200 / transport error → 420 WORKER_API_ERROR with the original* fields (rpc-7)', async () => {
    const worker = new FakeWorker(
      {},
      {
        bad: () => new Answer({ status: 404, body: { detail: 'no', errorType: 'NotFound' } }),
        down: () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:1');
        },
      },
    );
    const { start, post } = setup(worker);
    await start('wf', noState);
    expect(await post('rpc', { workflowId: 'wf', rpcName: 'bad' })).toEqual({
      status: 420,
      body: {
        detail: 'worker API error, status:404, errorType:NotFound',
        subStatus: 'WORKER_API_ERROR',
        originalWorkerErrorStatus: 404,
        originalWorkerErrorType: 'NotFound',
        originalWorkerErrorDetail: 'no',
      },
    });
    expect(await post('rpc', { workflowId: 'wf', rpcName: 'down' })).toEqual({
      status: 420,
      body: {
        detail: 'connect ECONNREFUSED 127.0.0.1:1',
        subStatus: 'WORKER_API_ERROR',
        originalWorkerErrorStatus: 0,
        originalWorkerErrorType: '',
        originalWorkerErrorDetail: '',
      },
    });
  });

  it('RPC decision with a _SYS_* id or a conditionalClose → 420 WORKER_API_ERROR closing workflow in RPC is not supported yet (rpc-6)', async () => {
    const worker = new FakeWorker(
      {},
      {
        sys: () => goTo({ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW' }),
        cond: () => ({
          stateDecision: {
            nextStates: [{ stateId: 'S1' }],
            conditionalClose: {
              conditionalCloseType: 'FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY',
              channelName: 'c',
            },
          },
        }),
      },
    );
    const { start, post } = setup(worker);
    await start('wf', noState);
    for (const rpcName of ['sys', 'cond'])
      expect(await post('rpc', { workflowId: 'wf', rpcName }), rpcName).toEqual({
        status: 420,
        body: {
          detail: 'closing workflow in RPC is not supported yet',
          subStatus: 'WORKER_API_ERROR',
          originalWorkerErrorStatus: 0,
          originalWorkerErrorType: '',
          originalWorkerErrorDetail: '',
        },
      });
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
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

  it('worker waitUntil: commands without trigger type or an invalid combination → retried, then STATE_API_FAIL_ERROR_TYPE (worker-3)', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          commandRequest: {
            deciderTriggerType: 'ANY_COMMAND_COMBINATION_COMPLETED',
            signalCommands: [{ signalChannelName: 'x' }],
            commandCombinations: [{ commandIds: ['a'] }],
          },
        }),
        execute: () => gracefulComplete(),
      },
      S2: {
        waitUntil: () => ({ commandRequest: { signalCommands: [{ signalChannelName: 'x' }] } }),
        execute: () => gracefulComplete(),
      },
    });
    const { start, result } = setup(worker);
    const twice = { stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 2 } } };
    await start('combo', twice);
    await start('none', { ...twice, startStateId: 'S2' });
    for (const id of ['combo', 'none'])
      expect((await result(id)).body, id).toMatchObject({
        workflowStatus: 'FAILED',
        errorType: 'STATE_API_FAIL_ERROR_TYPE',
      });
    expect((await result('combo')).body).toMatchObject({
      errorMessage: expect.stringContaining(
        'ANY_COMMAND_COMBINATION_COMPLETED can only be used when every command has an commandId',
      ),
    });
    expect((await result('none')).body).toMatchObject({
      errorMessage: expect.stringContaining('unsupported decider trigger type '),
    });
    expect(worker.callsOf('waitUntil', 'S1')).toHaveLength(2);
    expect(worker.callsOf('waitUntil', 'S2')).toHaveLength(2);
  });

  it('worker execute: empty nextStates → retried, then STATE_API_FAIL_ERROR_TYPE (worker-6)', async () => {
    const worker = new FakeWorker({ S1: { execute: () => ({ stateDecision: { nextStates: [] } }) } });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: { ...noWait, executeApiRetryPolicy: { maximumAttempts: 3 } } });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'FAILED',
      errorType: 'STATE_API_FAIL_ERROR_TYPE',
      errorMessage: expect.stringContaining('empty state decision is no longer supported'),
    });
    expect(worker.callsOf('execute')).toHaveLength(3);
  });

  it('decision mixing a closing id with others, unsupported conditional close, or unmet-condition closing id → FAILED INVALID_USER_WORKFLOW_CODE_ERROR_TYPE without retry (decisions-5)', async () => {
    const decisions: Record<string, WorkflowStateDecideResponse> = {
      mixed: goTo({ stateId: '_SYS_FORCE_COMPLETING_WORKFLOW' }, { stateId: 'S1' }),
      unsupported: {
        stateDecision: {
          nextStates: [{ stateId: 'S1' }],
          conditionalClose: { conditionalCloseType: 'GRACEFUL_COMPLETE_ON_ALL_CHANNELS_EMPTY' },
        },
      },
      unmet: {
        publishToInterStateChannel: [{ channelName: 'c' }],
        stateDecision: {
          nextStates: [{ stateId: '_SYS_DEAD_END' }],
          conditionalClose: {
            conditionalCloseType: 'FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY',
            channelName: 'c',
          },
        },
      },
    };
    for (const [id, decision] of Object.entries(decisions)) {
      const worker = new FakeWorker({ S1: { execute: () => decision } });
      const { start, result } = setup(worker);
      await start(id, { stateOptions: noWait });
      expect((await result(id)).body, id).toMatchObject({
        workflowStatus: 'FAILED',
        errorType: 'INVALID_USER_WORKFLOW_CODE_ERROR_TYPE',
      });
      expect(worker.calls, id).toHaveLength(1);
    }
  });

  it('worker non-200 / timeout on a state API → retried per policy, then fail or proceed per failure policy (failures-3)', async () => {
    let attempts = 0;
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => (++attempts < 3 ? new Answer({ status: 503, body: {} }) : HANG),
        execute: (req) => gracefulComplete(enc(req.commandResults?.stateWaitUntilFailed)),
      },
    });
    const { simulator, start, result } = setup(worker, { hungCallGraceMs: 5 });
    const t0 = simulator.now();
    await start('wf', {
      stateOptions: {
        waitUntilApiTimeoutSeconds: 2,
        waitUntilApiRetryPolicy: { maximumAttempts: 3, initialIntervalSeconds: 1 },
        waitUntilApiFailurePolicy: 'PROCEED_ON_FAILURE',
      },
    });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateOutput: enc(true) }],
    });
    expect(worker.callsOf('waitUntil').map((c) => c.at - t0)).toEqual([0, 1_000, 3_000]);
  });
});
