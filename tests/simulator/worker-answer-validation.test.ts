import { describe, expect, it } from 'vitest';
import { Answer, enc, goTo, gracefulComplete, noWait } from '../../conformance/kit/index.ts';
import type { WorkflowStateDecideResponse } from '../../sdk/wire/types.ts';
import { FakeWorker, HANG, noState, setup } from './fake-worker.ts';

// Detail texts marked "measured" were read from the real iWF server (127.0.0.1:8811) with curl.

describe('what the server does with a worker answer it cannot use', () => {
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
