import { describe, expect, it } from 'vitest';
import { enc, goTo, gracefulComplete, noWait } from '../../conformance/kit/index.ts';
import type { WorkflowStateDecideRequest, WorkflowStateDecideResponse } from '../../sdk/wire/types.ts';
import { FakeWorker, noState, setup, sig, startedByRpc, to } from './fake-worker.ts';

describe('decisions, closing and outputs', () => {
  it('FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY proceeds while signals are buffered and completes with closeInput once empty (decisions-7)', async () => {
    const close: WorkflowStateDecideResponse = {
      stateDecision: {
        nextStates: [{ stateId: 'S1' }],
        conditionalClose: {
          conditionalCloseType: 'FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY',
          channelName: 'x',
          closeInput: enc('closed'),
        },
      },
    };
    const seen: WorkflowStateDecideRequest[] = [];
    const worker = startedByRpc(
      { commandWaitingType: 'ALL_COMPLETED', signalCommands: [sig('x')] },
      seen,
      () => close,
    );
    const { start, post, result } = setup(worker);
    await start('wf', noState);
    await post('signal', { workflowId: 'wf', signalChannelName: 'x' });
    await post('signal', { workflowId: 'wf', signalChannelName: 'x' });
    await post('rpc', { workflowId: 'wf', rpcName: 'go' });
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'COMPLETED',
      results: [
        {
          completedStateId: 'S1',
          completedStateExecutionId: 'S1-2',
          completedStateOutput: enc('closed'),
        },
      ],
    });
    expect(seen).toHaveLength(2);
  });

  it('condition-unmet next states that contain a _SYS_ id fail the workflow with invalid ConditionUnmetDecision (decisions-7)', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () => ({
          publishToInterStateChannel: [{ channelName: 'c', value: enc(1) }],
          stateDecision: {
            nextStates: [{ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW' }],
            conditionalClose: {
              conditionalCloseType: 'FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY',
              channelName: 'c',
            },
          },
        }),
      },
    });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'INVALID_USER_WORKFLOW_CODE_ERROR_TYPE',
      errorMessage: 'invalid ConditionUnmetDecision with stateId: _SYS_GRACEFUL_COMPLETING_WORKFLOW',
    });
    expect(worker.calls).toHaveLength(1);
  });

  // Real server evidence (iwf at 127.0.0.1:8811,
  // loopback worker, state FF deciding [_SYS_FORCE_FAILING_WORKFLOW with stateInput {json 1}, A]):
  // getWithWait = {"errorType":"STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE","results":[{"completedStateExecutionId":
  // "FF-1","completedStateId":"FF","completedStateOutput":{"data":"1","encoding":"json"}}],"workflowStatus":"FAILED"},
  // and A was never called.
  it('a closing combination that includes _SYS_FORCE_FAILING_WORKFLOW fails with STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE and that movement’s output (decisions-6)', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () =>
          goTo(
            { stateId: '_SYS_FORCE_FAILING_WORKFLOW', stateInput: enc(1) },
            { stateId: 'A', stateOptions: noWait },
          ),
      },
      A: { execute: () => gracefulComplete() },
    });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    expect(worker.callsOf('execute', 'A')).toHaveLength(0);
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [{ completedStateId: 'S1', completedStateExecutionId: 'S1-1', completedStateOutput: enc(1) }],
    });
  });

  // Real server evidence (iwf at 127.0.0.1:8811, loopback worker): [_SYS_FORCE_FAILING_WORKFLOW {json 1},
  // _SYS_GRACEFUL_COMPLETING_WORKFLOW {json 2}] → results [S1-1 with "2"] (the server keeps the output of
  // the last closing movement); [_SYS_FORCE_FAILING_WORKFLOW without input, A] → results [], A not called.
  it('in a combination with _SYS_FORCE_FAILING_WORKFLOW the last closing movement’s input is the output; none → results [] (decisions-6)', async () => {
    const decisions: Record<string, () => ReturnType<typeof goTo>> = {
      last: () =>
        goTo(
          { stateId: '_SYS_FORCE_FAILING_WORKFLOW', stateInput: enc(1) },
          { stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW', stateInput: enc(2) },
        ),
      none: () => goTo({ stateId: '_SYS_FORCE_FAILING_WORKFLOW' }, { stateId: 'A', stateOptions: noWait }),
    };
    const worker = new FakeWorker({
      S1: { execute: (request) => decisions[request.context.workflowId]!() },
      A: { execute: () => gracefulComplete() },
    });
    const { start, result } = setup(worker);
    await start('last', { stateOptions: noWait });
    await start('none', { stateOptions: noWait });
    expect((await result('last')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [{ completedStateId: 'S1', completedStateExecutionId: 'S1-1', completedStateOutput: enc(2) }],
    });
    expect((await result('none')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [],
    });
    expect(worker.callsOf('execute', 'A')).toHaveLength(0);
  });

  it('states registered in waitForCompletionStateIds do not change the results (decisions-8)', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => to('S2') },
      S2: { execute: () => gracefulComplete() },
    });
    const { start, result } = setup(worker);
    await start('wf', {
      stateOptions: noWait,
      waitForCompletionStateIds: ['S1', 'S2'],
      waitForCompletionStateExecutionIds: ['S1-1'],
    });
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'COMPLETED',
    });
  });
});
