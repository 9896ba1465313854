import { describe, expect, it } from 'vitest';
import { gracefulComplete } from '../../conformance/kit/index.ts';
import { FakeWorker, setup } from './fake-worker.ts';

function parkingWorker() {
  return new FakeWorker({
    S1: {
      waitUntil: () => ({
        commandRequest: {
          interStateChannelCommands: [{ commandId: 'c', channelName: 'never' }],
          deciderTriggerType: 'ALL_COMMAND_COMPLETED',
        },
      }),
      execute: () => gracefulComplete(),
    },
  });
}

describe('stop on the wall clock, as a real server does it', () => {
  it('cancels in the next workflow task: RUNNING and open to signals right after the answer, then CANCELED', async () => {
    const { simulator, post, start } = setup(parkingWorker(), { clock: 'wall', stepLatencyMs: 20 });
    await start('wf');
    await simulator.runUntilIdle();
    expect((await post('stop', { workflowId: 'wf', stopType: 'CANCEL' })).status).toBe(200);
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
    expect((await post('signal', { workflowId: 'wf', signalChannelName: 'late' })).status).toBe(200);
    expect((await post('getWithWait', { workflowId: 'wf', waitTimeSeconds: 5 })).body).toMatchObject({
      workflowStatus: 'CANCELED',
    });
    await simulator.close();
  });

  it('terminates at once', async () => {
    const { simulator, post, start } = setup(parkingWorker(), { clock: 'wall', stepLatencyMs: 20 });
    await start('wf');
    await simulator.runUntilIdle();
    await post('stop', { workflowId: 'wf', stopType: 'TERMINATE' });
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'TERMINATED' });
    await simulator.close();
  });

  it('stops at once on the virtual clock, which has no latency', async () => {
    const { simulator, post, start } = setup(parkingWorker());
    await start('wf');
    await simulator.runUntilIdle();
    await post('stop', { workflowId: 'wf', stopType: 'FAIL', reason: 'no' });
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'FAILED' });
  });
});
