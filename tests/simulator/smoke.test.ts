import { describe, expect, it } from 'vitest';
import { FakeWorker, complete, goTo, setup } from './fake-worker.ts';

describe('smoke', () => {
  it('runs a two-state workflow to completion', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => goTo('S2') },
      S2: {
        waitUntil: () => ({ commandRequest: { commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ commandId: 't', durationSeconds: 10 }] } }),
        execute: () => complete('done'),
      },
    });
    const { simulator, start, result } = setup(worker);
    const started = await start('wf-1', { stateOptions: { skipWaitUntil: true } });
    expect(started.status).toBe(200);
    const t0 = simulator.now();
    const reply = await result('wf-1');
    expect(reply).toMatchObject({ status: 200, body: { workflowStatus: 'COMPLETED' } });
    expect(simulator.now() - t0).toBe(10_000);
    console.log(JSON.stringify(reply.body));
    console.log(simulator.formatHistory('wf-1'));
    console.log(JSON.stringify(worker.calls, null, 1));
  });
});
