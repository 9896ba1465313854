import { describe, expect, it } from 'vitest';
import { Answer, deadEnd, enc, goTo, gracefulComplete, noWait } from '../../conformance/kit/index.ts';
import { execId, FakeWorker, setup, to } from './fake-worker.ts';

const fail500 = () => new Answer({ status: 500, body: 'boom', contentType: 'text/plain' });

const once = {
  executeApiRetryPolicy: { maximumAttempts: 1 },
  waitUntilApiRetryPolicy: { maximumAttempts: 1 },
};

describe('execution ids', () => {
  it('the per-state counter is shared by proceed-on-failure states, RPC-started states and survives continue-as-new (ids-1)', async () => {
    const worker = new FakeWorker(
      { S1: { execute: fail500 }, A: { execute: deadEnd } },
      { add: () => to('A', 'A') },
    );
    const { simulator, start, post } = setup(worker);
    await start('wf', {
      stateOptions: {
        ...noWait,
        ...once,
        executeApiFailurePolicy: 'PROCEED_TO_CONFIGURED_STATE',
        executeApiFailureProceedStateId: 'A',
        executeApiFailureProceedStateOptions: noWait,
      },
    });
    await simulator.runUntilIdle();
    await post('rpc', { workflowId: 'wf', rpcName: 'add' });
    await simulator.runUntilIdle();
    await post('triggerContinueAsNew', { workflowId: 'wf' });
    await simulator.runUntilIdle();
    await post('rpc', { workflowId: 'wf', rpcName: 'add' });
    await simulator.runUntilIdle();
    expect(worker.callsOf('execute', 'A').map(execId)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
  });

  it('the _SYS_ ids are never executed nor numbered: the output names the deciding execution (ids-2)', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => to('S2') },
      S2: { execute: () => gracefulComplete(enc('x')) },
    });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    expect((await result('wf')).body).toMatchObject({
      results: [
        { completedStateId: 'S2', completedStateExecutionId: 'S2-1', completedStateOutput: enc('x') },
      ],
    });
    expect(worker.calls.map((c) => c.body.workflowStateId)).toEqual(['S1', 'S2']);
  });

  it('skipWaitUntil states are numbered like the others (ids-2)', async () => {
    const worker = new FakeWorker({
      S1: {
        execute: () =>
          goTo(
            { stateId: 'A', stateOptions: noWait },
            { stateId: 'A' },
            { stateId: 'A', stateOptions: noWait },
          ),
      },
      A: { waitUntil: () => ({}), execute: deadEnd },
    });
    const { simulator, start } = setup(worker);
    await start('wf', { stateOptions: noWait });
    await simulator.runUntilIdle();
    expect(worker.callsOf('waitUntil').map(execId)).toEqual(['A-2']);
    expect(worker.callsOf('execute', 'A').map(execId).sort()).toEqual(['A-1', 'A-2', 'A-3']);
  });
});
