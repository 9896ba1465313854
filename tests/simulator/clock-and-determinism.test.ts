import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import { VirtualClock } from '../../simulator/index.ts';
import { FakeWorker, setup } from './fake-worker.ts';

function reminderWorker() {
  return new FakeWorker({
    S1: {
      waitUntil: () => ({
        commandRequest: {
          commandWaitingType: 'ANY_COMPLETED',
          timerCommands: [{ commandId: 'remind', durationSeconds: 86_400 }],
          signalCommands: [{ commandId: 'verify', signalChannelName: 'verify' }],
        },
      }),
      execute: (req) => {
        const verified = req.commandResults?.signalResults?.[0]?.signalRequestStatus === 'RECEIVED';
        return verified
          ? gracefulComplete(enc('verified'))
          : { stateDecision: { nextStates: [{ stateId: 'S1' }] } };
      },
    },
  });
}

async function scenario() {
  const { simulator, start, post, result } = setup(reminderWorker(), { autoAdvance: false });
  await start('user-1', { stateInput: enc({ email: 'a@b.c' }) });
  await simulator.advanceBy(3 * 86_400_000 + 5_000);
  await post('signal', { workflowId: 'user-1', signalChannelName: 'verify', signalValue: enc(true) });
  const reply = await result('user-1');
  return { simulator, reply };
}

describe('virtual time and determinism', () => {
  it('produces the same history, run ids and timestamps for the same inputs', async () => {
    const first = await scenario();
    const second = await scenario();
    expect(first.reply).toEqual(second.reply);
    expect(first.simulator.history('user-1')).toEqual(second.simulator.history('user-1'));
    expect(first.simulator.history('user-1').length).toBeGreaterThan(10);
  });

  it('runs three days of daily reminders in virtual time', async () => {
    const { simulator, reply } = await scenario();
    expect(reply.body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateExecutionId: 'S1-4' }],
    });
    expect(
      simulator.history('user-1').filter((e) => e.type === 'CommandCompleted' && e.attrs?.kind === 'timer'),
    ).toHaveLength(3);
    expect(simulator.formatHistory('user-1')).toContain('WorkflowClosed');
  });

  it('gives random run ids on the wall clock, so a restarted simulator never reuses one', async () => {
    const runIds: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const worker = new FakeWorker({ S1: { execute: () => gracefulComplete() } });
      const { simulator, start } = setup(worker, { clock: 'wall' });
      runIds.push(
        ((await start('wf', { startStateId: undefined })).body as { workflowRunId: string }).workflowRunId,
      );
      await simulator.close();
    }
    expect(runIds[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(runIds[0]).not.toBe(runIds[1]);
  });

  it('ends advanceBy exactly at the target time even when no timer is due', async () => {
    const { simulator } = setup(new FakeWorker({}));
    const t0 = simulator.now();
    await simulator.advanceBy(12_345);
    expect(simulator.now()).toBe(t0 + 12_345);
    await simulator.advanceTo(t0);
    expect(simulator.now()).toBe(t0 + 12_345);
  });

  it('starts virtual time at the given startTime', async () => {
    const { simulator } = setup(new FakeWorker({}), { startTime: Date.UTC(2030, 5, 1) });
    expect(simulator.now()).toBe(Date.UTC(2030, 5, 1));
  });

  it('fires timers due at the same instant in creation order', () => {
    const clock = new VirtualClock(0);
    const order: string[] = [];
    clock.setTimer(() => order.push('b'), 10);
    clock.setTimer(() => order.push('a'), 5);
    clock.setTimer(() => order.push('c'), 10);
    const cancelled = clock.setTimer(() => order.push('x'), 7);
    clock.clearTimer(cancelled);
    while (clock.fireNext());
    expect(order).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(10);
  });

  it('keeps time still while a long poll waits on a hung worker only until the grace period passes', async () => {
    const worker = new FakeWorker({ S1: { execute: () => new Promise<never>(() => {}) } });
    const { simulator, start, result } = setup(worker, { hungCallGraceMs: 10 });
    await start('wf', {
      stateOptions: {
        skipWaitUntil: true,
        executeApiTimeoutSeconds: 2,
        executeApiRetryPolicy: { maximumAttempts: 1 },
      },
    });
    const t0 = simulator.now();
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'FAILED',
      errorType: 'STATE_API_FAIL_ERROR_TYPE',
    });
    expect(simulator.now() - t0).toBe(2_000);
  });

  it('lists workflows with their type, status, start time and search attributes', async () => {
    const { simulator, start } = setup(reminderWorker());
    await start('a', {
      workflowStartOptions: {
        searchAttributes: [{ key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'gold' }],
      },
    });
    expect(simulator.listWorkflows()).toEqual([
      {
        workflowId: 'a',
        runId: expect.any(String),
        workflowType: 'TestWorkflow',
        status: 'RUNNING',
        startedAt: simulator.now(),
        searchAttributes: { CustomKeywordField: 'gold' },
      },
    ]);
  });

  it('gives a closed workflow its close time', async () => {
    const { simulator, start, post } = setup(reminderWorker(), { autoAdvance: false });
    await start('a');
    await simulator.advanceBy(60_000);
    await post('stop', { workflowId: 'a' });
    expect(simulator.listWorkflows()[0]).toMatchObject({ status: 'CANCELED', closedAt: simulator.now() });
  });
});
