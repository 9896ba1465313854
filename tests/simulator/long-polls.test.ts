import { describe, expect, it } from 'vitest';
import { gracefulComplete } from '../../conformance/kit/index.ts';
import type { WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const DAY_SECONDS = 24 * 3600;

function timerThenDone(seconds: number): WorkflowStateStartResponse {
  return {
    commandRequest: {
      deciderTriggerType: 'ALL_COMMAND_COMPLETED',
      timerCommands: [{ commandId: 't', durationSeconds: seconds }],
    },
  };
}

const waitForGo: WorkflowStateStartResponse = {
  commandRequest: {
    deciderTriggerType: 'ALL_COMMAND_COMPLETED',
    signalCommands: [{ commandId: 'go', signalChannelName: 'go' }],
  },
};

describe('long polls and auto-advance on the virtual clock', () => {
  it('completes a workflow with a 90-day timer through one getWithWait in a handful of ms', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: () => timerThenDone(90 * DAY_SECONDS), execute: () => gracefulComplete() },
    });
    const { simulator, start, result } = setup(worker);
    await start('wf');
    const t0 = simulator.now();
    const realStart = performance.now();
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(performance.now() - realStart).toBeLessThan(500);
    expect(simulator.now() - t0).toBe(90 * DAY_SECONDS * 1000);
  });

  it('answers 420 at exactly +30 s of virtual time to a getWithWait with waitTimeSeconds 30 on a workflow stuck on a signal', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: () => waitForGo, execute: () => gracefulComplete() } });
    const { simulator, start, result } = setup(worker);
    await start('wf', { workflowTimeoutSeconds: 3600 });
    const t0 = simulator.now();
    expect(await result('wf', 30)).toMatchObject({ status: 420 });
    expect(simulator.now() - t0).toBe(30_000);
  });

  it('measures the server’s own cap (no waitTimeSeconds) in real time: 420 after maxWaitSeconds of real time, virtual time unmoved', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: () => waitForGo, execute: () => gracefulComplete() } });
    const { simulator, start, result } = setup(worker, { maxWaitSeconds: 0.2 });
    await start('wf');
    const t0 = simulator.now();
    const realStart = performance.now();
    expect(await result('wf')).toMatchObject({ status: 420 });
    expect(performance.now() - realStart).toBeGreaterThanOrEqual(190);
    expect(simulator.now()).toBe(t0);
  });

  it('keeps auto-advancing when work arrives during a real-time wait (a signal that leads to a 10-day timer)', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => waitForGo,
        execute: () => ({ stateDecision: { nextStates: [{ stateId: 'S2' }] } }),
      },
      S2: { waitUntil: () => timerThenDone(10 * DAY_SECONDS), execute: () => gracefulComplete() },
    });
    const { simulator, post, start, result } = setup(worker);
    await start('wf');
    const t0 = simulator.now();
    const waiting = result('wf');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    expect((await waiting).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(simulator.now() - t0).toBe(10 * DAY_SECONDS * 1000);
  });

  it('keeps the virtual cap when auto-advance is off: 420 at maxWaitSeconds of virtual time once time is moved', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: () => waitForGo, execute: () => gracefulComplete() } });
    const { simulator, start, result } = setup(worker, { autoAdvance: false, maxWaitSeconds: 12 });
    await start('wf');
    const t0 = simulator.now();
    const waiting = result('wf');
    await simulator.advanceBy(12_000);
    expect(await waiting).toMatchObject({ status: 420 });
    expect(simulator.now() - t0).toBe(12_000);
  });
});
