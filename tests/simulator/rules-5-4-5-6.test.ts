import { describe, expect, it } from 'vitest';
import type {
  CommandRequest,
  WorkflowStateDecideRequest,
  WorkflowStateDecideResponse,
} from '../../sdk/wire/types.ts';
import { complete, encoded, FakeWorker, setup } from './fake-worker.ts';
import { deadEnd, decide, execId, noState, noWait, to } from './wire-builders.ts';

// Behaviour tests named after the rules of iwf-server-semantics.md §5.4–§5.6.

const sig = (id: string, channel = id) => ({ commandId: id, signalChannelName: channel });

/** A workflow without a start state whose RPC `go` starts S1 waiting on `request`. */
function startedByRpc(request: CommandRequest, seen: WorkflowStateDecideRequest[], after = deadEnd) {
  return new FakeWorker(
    {
      S1: {
        waitUntil: () => ({ commandRequest: request }),
        execute: (req) => {
          seen.push(req);
          return after();
        },
      },
      S2: {
        waitUntil: () => ({
          commandRequest: { commandWaitingType: 'ALL_COMPLETED', signalCommands: [sig('y')] },
        }),
        execute: (req) => {
          seen.push(req);
          return deadEnd();
        },
      },
    },
    { go: () => decide({ stateId: 'S1' }) },
  );
}

describe('§5.4 commands and trigger types', () => {
  it('§5.4 a waitUntil without commands is satisfied at once: execute follows immediately with only the two flags', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: () => ({ commandRequest: { timerCommands: [] } }), execute: () => complete() },
    });
    const { simulator, start, result } = setup(worker, { autoAdvance: false });
    const t0 = simulator.now();
    await start('wf');
    await simulator.runUntilIdle();
    expect((await result('wf', 1)).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    const execute = worker.callsOf('execute')[0]!;
    expect(execute.at).toBe(t0);
    expect(execute.body.commandResults).toEqual({
      stateStartApiSucceeded: true,
      stateWaitUntilFailed: false,
    });
  });

  it('§5.4 once the trigger is met the other commands stop waiting: a message already there is taken, later ones are left for others', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const request: CommandRequest = {
      commandWaitingType: 'ANY_COMPLETED',
      signalCommands: [sig('x'), sig('y')],
    };
    const worker = startedByRpc(request, seen, () => decide({ stateId: 'S2' }));
    const { simulator, start, post } = setup(worker);
    await start('both', noState);
    await post('signal', { workflowId: 'both', signalChannelName: 'x', signalValue: encoded('x1') });
    await post('signal', { workflowId: 'both', signalChannelName: 'y', signalValue: encoded('y1') });
    await post('rpc', { workflowId: 'both', rpcName: 'go' });
    await simulator.runUntilIdle();
    expect(seen[0]!.commandResults!.signalResults!.map((s) => s.signalRequestStatus)).toEqual([
      'RECEIVED',
      'RECEIVED',
    ]);

    seen.length = 0;
    await start('one', noState);
    await post('signal', { workflowId: 'one', signalChannelName: 'x', signalValue: encoded('x1') });
    await post('rpc', { workflowId: 'one', rpcName: 'go' });
    await simulator.runUntilIdle();
    expect(seen[0]!.commandResults!.signalResults).toEqual([
      { commandId: 'x', signalChannelName: 'x', signalRequestStatus: 'RECEIVED', signalValue: encoded('x1') },
      { commandId: 'y', signalChannelName: 'y', signalRequestStatus: 'WAITING' },
    ]);
    await post('signal', { workflowId: 'one', signalChannelName: 'y', signalValue: encoded('y-late') });
    await simulator.runUntilIdle();
    expect(seen[1]!.commandResults!.signalResults![0]).toMatchObject({
      signalRequestStatus: 'RECEIVED',
      signalValue: encoded('y-late'),
    });
  });

  it('§5.4 timer infos exist only from the end of waitUntil until the command wait finishes: a skip afterwards answers 400', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          commandRequest: {
            commandWaitingType: 'ANY_COMPLETED',
            timerCommands: [{ commandId: 't', durationSeconds: 3600 }],
            signalCommands: [sig('go')],
          },
        }),
        execute: () => decide({ stateId: 'S2' }),
      },
      S2: {
        waitUntil: () => ({
          commandRequest: { commandWaitingType: 'ALL_COMPLETED', signalCommands: [sig('never')] },
        }),
        execute: deadEnd,
      },
    });
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('wf');
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    await simulator.runUntilIdle();
    expect(worker.callsOf('waitUntil', 'S2')).toHaveLength(1);
    expect(
      await post('timer/skip', { workflowId: 'wf', workflowStateExecutionId: 'S1-1', timerCommandId: 't' }),
    ).toEqual({
      status: 400,
      body: {
        detail: "invalid request - requested timer command doesn't exist",
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    });
  });

  it('§5.4 several signal commands on one channel each take one message, the earlier command first', async () => {
    const seen: WorkflowStateDecideRequest[] = [];
    const request: CommandRequest = {
      commandWaitingType: 'ALL_COMPLETED',
      signalCommands: [sig('first', 'x'), sig('second', 'x')],
    };
    const worker = startedByRpc(request, seen);
    const { simulator, start, post } = setup(worker);
    await start('wf', noState);
    await post('rpc', { workflowId: 'wf', rpcName: 'go' });
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'x', signalValue: encoded(1) });
    await simulator.runUntilIdle();
    expect(seen).toHaveLength(0);
    await post('signal', { workflowId: 'wf', signalChannelName: 'x', signalValue: encoded(2) });
    await simulator.runUntilIdle();
    expect(seen[0]!.commandResults!.signalResults!.map((s) => [s.commandId, s.signalValue])).toEqual([
      ['first', encoded(1)],
      ['second', encoded(2)],
    ]);
  });
});

describe('§5.5 decisions, closing and outputs', () => {
  it('§5.5 FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY proceeds while signals are buffered and completes with closeInput once empty', async () => {
    const close: WorkflowStateDecideResponse = {
      stateDecision: {
        nextStates: [{ stateId: 'S1' }],
        conditionalClose: {
          conditionalCloseType: 'FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY',
          channelName: 'x',
          closeInput: encoded('closed'),
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
          completedStateOutput: encoded('closed'),
        },
      ],
    });
    expect(seen).toHaveLength(2);
  });

  it('§5.5 condition-unmet next states that contain a _SYS_ id fail the workflow with invalid ConditionUnmetDecision', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () => ({
          publishToInterStateChannel: [{ channelName: 'c', value: encoded(1) }],
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
  it('§5.5 a closing combination that includes _SYS_FORCE_FAILING_WORKFLOW fails with STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE and that movement’s output', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () =>
          decide(
            { stateId: '_SYS_FORCE_FAILING_WORKFLOW', stateInput: encoded(1) },
            { stateId: 'A', stateOptions: noWait },
          ),
      },
      A: { execute: () => complete() },
    });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    expect(worker.callsOf('execute', 'A')).toHaveLength(0);
    expect((await result('wf')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [
        { completedStateId: 'S1', completedStateExecutionId: 'S1-1', completedStateOutput: encoded(1) },
      ],
    });
  });

  // Real server evidence (iwf at 127.0.0.1:8811, loopback worker): [_SYS_FORCE_FAILING_WORKFLOW {json 1},
  // _SYS_GRACEFUL_COMPLETING_WORKFLOW {json 2}] → results [S1-1 with "2"] (the server keeps the output of
  // the last closing movement); [_SYS_FORCE_FAILING_WORKFLOW without input, A] → results [], A not called.
  it('§5.5 in a combination with _SYS_FORCE_FAILING_WORKFLOW the last closing movement’s input is the output; none → results []', async () => {
    const decisions: Record<string, () => ReturnType<typeof decide>> = {
      last: () =>
        decide(
          { stateId: '_SYS_FORCE_FAILING_WORKFLOW', stateInput: encoded(1) },
          { stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW', stateInput: encoded(2) },
        ),
      none: () => decide({ stateId: '_SYS_FORCE_FAILING_WORKFLOW' }, { stateId: 'A', stateOptions: noWait }),
    };
    const worker = new FakeWorker({
      S1: { execute: (request) => decisions[request.context.workflowId]!() },
      A: { execute: () => complete() },
    });
    const { start, result } = setup(worker);
    await start('last', { stateOptions: noWait });
    await start('none', { stateOptions: noWait });
    expect((await result('last')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [
        { completedStateId: 'S1', completedStateExecutionId: 'S1-1', completedStateOutput: encoded(2) },
      ],
    });
    expect((await result('none')).body).toEqual({
      workflowRunId: expect.any(String),
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [],
    });
    expect(worker.callsOf('execute', 'A')).toHaveLength(0);
  });

  it('§5.5 states registered in waitForCompletionStateIds do not change the results', async () => {
    const worker = new FakeWorker({ S1: { execute: () => to('S2') }, S2: { execute: () => complete() } });
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

describe('§5.6 parallelism', () => {
  it('§5.6 threads do not block each other: a thread waiting forever does not hold up its sibling’s chain', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => decide({ stateId: 'W' }, { stateId: 'A', stateOptions: noWait }) },
      W: {
        waitUntil: () => ({
          commandRequest: { commandWaitingType: 'ALL_COMPLETED', signalCommands: [sig('never')] },
        }),
        execute: deadEnd,
      },
      A: { execute: () => to('B') },
      B: { execute: () => to('C') },
      C: { execute: deadEnd },
    });
    const { simulator, start } = setup(worker, { autoAdvance: false });
    await start('wf', { stateOptions: noWait });
    await simulator.runUntilIdle();
    expect(worker.callsOf('execute').map(execId)).toEqual(['S1-1', 'A-1', 'B-1', 'C-1']);
  });

  it('§5.6 a thread’s next states start as soon as its decision is processed, without a barrier with slower siblings', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => decide({ stateId: 'Slow' }, { stateId: 'Fast', stateOptions: noWait }) },
      Slow: {
        waitUntil: () => ({
          commandRequest: { commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ durationSeconds: 100 }] },
        }),
        execute: deadEnd,
      },
      Fast: { execute: () => to('Next') },
      Next: { execute: deadEnd },
    });
    const { simulator, start } = setup(worker, { autoAdvance: false });
    const t0 = simulator.now();
    await start('wf', { stateOptions: noWait });
    await simulator.advanceBy(100_000);
    expect(worker.callsOf('execute').map((c) => [execId(c), c.at - t0])).toEqual([
      ['S1-1', 0],
      ['Fast-1', 0],
      ['Next-1', 0],
      ['Slow-1', 100_000],
    ]);
  });
});
