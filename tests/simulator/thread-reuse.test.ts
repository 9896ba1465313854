import { describe, expect, it } from 'vitest';
import { enc, goTo, gracefulComplete } from '../../conformance/kit/index.ts';
import type {
  CommandRequest,
  CommandResults,
  WorkflowStateDecideRequest,
  WorkflowStateDecideResponse,
} from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

// A state S1 that moves to itself, waiting on `steps[i]` in its i-th execution, then completes.
function loopingWorker(steps: CommandRequest[], seen: { executionId: string; results: CommandResults }[]) {
  let waits = 0;
  let executes = 0;
  return new FakeWorker({
    S1: {
      waitUntil: () => ({ commandRequest: steps[waits++]! }),
      execute: (req: WorkflowStateDecideRequest): WorkflowStateDecideResponse => {
        seen.push({ executionId: req.context!.stateExecutionId!, results: req.commandResults! });
        return ++executes < steps.length ? goTo('S1') : gracefulComplete();
      },
    },
  });
}

describe('a state that moves to itself (the engine reuses its thread and command wait)', () => {
  it('reports each step’s own command results when the commands change shape from step to step', async () => {
    const seen: { executionId: string; results: CommandResults }[] = [];
    const worker = loopingWorker(
      [
        {
          deciderTriggerType: 'ALL_COMMAND_COMPLETED',
          timerCommands: [{ commandId: 'one', durationSeconds: 10 }],
        },
        {
          deciderTriggerType: 'ANY_COMMAND_COMPLETED',
          timerCommands: [
            { commandId: 'short', durationSeconds: 5 },
            { commandId: 'long', durationSeconds: 20 },
          ],
        },
        {
          deciderTriggerType: 'ALL_COMMAND_COMPLETED',
          timerCommands: [{ commandId: 'again', durationSeconds: 1 }],
        },
        {},
        {
          deciderTriggerType: 'ANY_COMMAND_COMBINATION_COMPLETED',
          timerCommands: [
            { commandId: 'a', durationSeconds: 3 },
            { commandId: 'b', durationSeconds: 7 },
          ],
          commandCombinations: [{ commandIds: ['a', 'b'] }],
        },
      ],
      seen,
    );
    const { simulator, start, result } = setup(worker);
    const t0 = simulator.now();
    await start('wf');
    expect((await result('wf')).status).toBe(200);
    expect(seen).toEqual([
      {
        executionId: 'S1-1',
        results: expect.objectContaining({ timerResults: [{ commandId: 'one', timerStatus: 'FIRED' }] }),
      },
      {
        executionId: 'S1-2',
        results: expect.objectContaining({
          timerResults: [
            { commandId: 'short', timerStatus: 'FIRED' },
            { commandId: 'long', timerStatus: 'SCHEDULED' },
          ],
        }),
      },
      {
        executionId: 'S1-3',
        results: expect.objectContaining({ timerResults: [{ commandId: 'again', timerStatus: 'FIRED' }] }),
      },
      { executionId: 'S1-4', results: { stateStartApiSucceeded: true, stateWaitUntilFailed: false } },
      {
        executionId: 'S1-5',
        results: expect.objectContaining({
          timerResults: [
            { commandId: 'a', timerStatus: 'FIRED' },
            { commandId: 'b', timerStatus: 'FIRED' },
          ],
        }),
      },
    ]);
    // 10 + 5 + 1 + 0 + 7 seconds: the 20 s timer of step 2 never fired later.
    expect(simulator.now() - t0).toBe(23_000);
  });

  it('never fires a timer of an earlier step once that step went on', async () => {
    const seen: { executionId: string; results: CommandResults }[] = [];
    const worker = loopingWorker(
      [
        {
          deciderTriggerType: 'ANY_COMMAND_COMPLETED',
          timerCommands: [{ commandId: 'old', durationSeconds: 100 }],
          signalCommands: [{ commandId: 'go', signalChannelName: 'go' }],
        },
        {
          deciderTriggerType: 'ALL_COMMAND_COMPLETED',
          timerCommands: [{ commandId: 'new', durationSeconds: 300 }],
        },
      ],
      seen,
    );
    const { simulator, start, post, result } = setup(worker, { autoAdvance: false });
    const t0 = simulator.now();
    await start('wf');
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'go', signalValue: enc('now') });
    await simulator.runUntilIdle();
    expect(seen.map((s) => s.executionId)).toEqual(['S1-1']);
    await simulator.advanceBy(299_000);
    expect(seen.map((s) => s.executionId)).toEqual(['S1-1']);
    await simulator.advanceBy(1_000);
    expect((await result('wf')).status).toBe(200);
    expect(worker.callsOf('execute').map((call) => call.at - t0)).toEqual([0, 300_000]);
    expect(seen[1]!.results.timerResults).toEqual([{ commandId: 'new', timerStatus: 'FIRED' }]);
  });

  it('keeps a signal for the next step when the step that also waited on its channel went on', async () => {
    const seen: { executionId: string; results: CommandResults }[] = [];
    const worker = loopingWorker(
      [
        {
          deciderTriggerType: 'ANY_COMMAND_COMPLETED',
          signalCommands: [
            { commandId: 'a', signalChannelName: 'a' },
            { commandId: 'b', signalChannelName: 'b' },
          ],
        },
        {
          deciderTriggerType: 'ALL_COMMAND_COMPLETED',
          signalCommands: [{ commandId: 'b2', signalChannelName: 'b' }],
        },
      ],
      seen,
    );
    const { simulator, start, post, result } = setup(worker, { autoAdvance: false });
    await start('wf');
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'a', signalValue: enc(1) });
    await simulator.runUntilIdle();
    await post('signal', { workflowId: 'wf', signalChannelName: 'b', signalValue: enc(2) });
    expect((await result('wf')).status).toBe(200);
    expect(seen[0]!.results.signalResults).toEqual([
      { commandId: 'a', signalChannelName: 'a', signalRequestStatus: 'RECEIVED', signalValue: enc(1) },
      { commandId: 'b', signalChannelName: 'b', signalRequestStatus: 'WAITING' },
    ]);
    expect(seen[1]!.results.signalResults).toEqual([
      { commandId: 'b2', signalChannelName: 'b', signalRequestStatus: 'RECEIVED', signalValue: enc(2) },
    ]);
  });

  it('resets to a step of the loop and runs the steps after it again with their own commands', async () => {
    const seen: { executionId: string; results: CommandResults }[] = [];
    const steps: CommandRequest[] = [10, 20, 30].map((seconds) => ({
      deciderTriggerType: 'ALL_COMMAND_COMPLETED',
      timerCommands: [{ commandId: `t${seconds}`, durationSeconds: seconds }],
    }));
    let waits = 0;
    let executes = 0;
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({ commandRequest: steps[waits++ % 3]! }),
        execute: (req) => {
          seen.push({ executionId: req.context!.stateExecutionId!, results: req.commandResults! });
          return ++executes % 3 === 0 ? gracefulComplete() : goTo('S1');
        },
      },
    });
    const { start, post, result } = setup(worker);
    await start('wf');
    await result('wf');
    waits = 1;
    executes = 1;
    const reset = await post('reset', {
      workflowId: 'wf',
      resetType: 'STATE_EXECUTION_ID',
      stateExecutionId: 'S1-2',
    });
    expect(reset.status).toBe(200);
    expect((await result('wf')).status).toBe(200);
    expect(seen.map((s) => [s.executionId, s.results.timerResults?.[0]?.commandId])).toEqual([
      ['S1-1', 't10'],
      ['S1-2', 't20'],
      ['S1-3', 't30'],
      ['S1-2', 't20'],
      ['S1-3', 't30'],
    ]);
  });
});
