import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import { FakeWorker, setup } from './fake-worker.ts';

/**
 * What a reset run keeps of its workflow's start, measured on iWF ed9f8c2 / Temporal 1.31.2: the
 * workflow timeout is armed again from the reset (Temporal's resetter refreshes the expiration to
 * now + timeout; a 10 s workflow completed at 3 s and reset at 5 s timed out at 15.0 s, reset again
 * at 7 s at 17.0 s), the start delay is not waited again, search attributes given at start stay.
 */
function waitForGo() {
  return new FakeWorker({
    S1: {
      waitUntil: () => ({
        commandRequest: {
          deciderTriggerType: 'ALL_COMMAND_COMPLETED',
          signalCommands: [{ commandId: 's', signalChannelName: 'go' }],
        },
      }),
      execute: () => gracefulComplete(enc('done')),
    },
  });
}

async function statusOf(post: ReturnType<typeof setup>['post'], workflowId: string): Promise<string> {
  return ((await post('get', { workflowId })).body as { workflowStatus: string }).workflowStatus;
}

describe('reset: the workflow timeout counts from the reset (measured)', () => {
  it('a 10 s workflow completed at 3 s and reset at 5 s times out at 15 s, not at 10 s (timeout-2)', async () => {
    const { simulator, post, start } = setup(waitForGo());
    await start('wf', { workflowTimeoutSeconds: 10 });
    await simulator.advanceBy(3_000);
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    await simulator.runUntilIdle();
    expect(await statusOf(post, 'wf')).toBe('COMPLETED');
    await simulator.advanceBy(2_000);
    const reset = await post('reset', { workflowId: 'wf', resetType: 'BEGINNING', skipSignalReapply: true });
    expect(reset.status).toBe(200);

    await simulator.advanceBy(9_999);
    expect(await statusOf(post, 'wf')).toBe('RUNNING');
    await simulator.advanceBy(1);
    expect(await statusOf(post, 'wf')).toBe('TIMEOUT');
  });

  it('a reset of a reset run re-arms the timeout again from the second reset (timeout-2)', async () => {
    const { simulator, post, start } = setup(waitForGo());
    await start('wf', { workflowTimeoutSeconds: 10 });
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    await simulator.advanceBy(5_000);
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING', skipSignalReapply: true });
    await simulator.advanceBy(2_000);
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING', skipSignalReapply: true });

    await simulator.advanceBy(9_999);
    expect(await statusOf(post, 'wf')).toBe('RUNNING');
    await simulator.advanceBy(1);
    expect(await statusOf(post, 'wf')).toBe('TIMEOUT');
  });

  it('a run that timed out, reset after its deadline, gets the whole timeout again (timeout-2)', async () => {
    const worker = waitForGo();
    const { simulator, post, start } = setup(worker);
    await start('wf', { workflowTimeoutSeconds: 3 });
    await simulator.advanceBy(5_000);
    expect(await statusOf(post, 'wf')).toBe('TIMEOUT');
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING' });
    await simulator.advanceBy(2_999);
    expect(await statusOf(post, 'wf')).toBe('RUNNING');
    expect(worker.callsOf('waitUntil', 'S1')).toHaveLength(2);
    await simulator.advanceBy(1);
    expect(await statusOf(post, 'wf')).toBe('TIMEOUT');
  });

  it('on the wall clock too, the reset run times out a whole timeout after the reset (timeout-2)', async () => {
    // 20 times real time: the 4 s timeout takes 200 ms.
    const { simulator, post, start, result } = setup(waitForGo(), { clock: 'wall', speed: 20 });
    try {
      const startedAt = simulator.now();
      await start('wf', { workflowTimeoutSeconds: 4 });
      await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
      expect(((await result('wf', 2)).body as { workflowStatus: string }).workflowStatus).toBe('COMPLETED');
      await new Promise((resolve) => setTimeout(resolve, 100)); // 2 s of simulator time
      const resetAt = simulator.now();
      await post('reset', { workflowId: 'wf', resetType: 'BEGINNING', skipSignalReapply: true });
      const closed = await result('wf', 60);
      const closedAt = simulator.now();
      expect((closed.body as { workflowStatus: string }).workflowStatus).toBe('TIMEOUT');
      expect(closedAt - resetAt).toBeGreaterThanOrEqual(4_000);
      expect(closedAt - startedAt).toBeGreaterThan(5_000);
    } finally {
      await simulator.close();
    }
  });
  it('on the skipping clock, a client waiting for the result skips to the timeout a whole timeout after the reset (timeout-2)', async () => {
    const { simulator, post, start, result } = setup(waitForGo(), { clock: 'skip', stepLatencyMs: 0 });
    try {
      const startedAt = simulator.now();
      await start('wf', { workflowTimeoutSeconds: 10 });
      await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
      expect(((await result('wf', 2)).body as { workflowStatus: string }).workflowStatus).toBe('COMPLETED');
      await simulator.advanceBy(5_000);
      const resetAt = simulator.now();
      await post('reset', { workflowId: 'wf', resetType: 'BEGINNING', skipSignalReapply: true });
      let closed = await result('wf', 30);
      while (closed.status === 420) closed = await result('wf', 30);
      const closedAt = simulator.now();
      expect((closed.body as { workflowStatus: string }).workflowStatus).toBe('TIMEOUT');
      expect(closedAt - resetAt).toBeGreaterThanOrEqual(10_000);
      expect(closedAt - resetAt).toBeLessThan(10_500);
      expect(closedAt - startedAt).toBeGreaterThanOrEqual(15_000);
    } finally {
      await simulator.close();
    }
  });
});

describe('reset: what else a reset run keeps of the start (measured)', () => {
  it('a workflow started with a delay is not delayed again by a reset to BEGINNING (reset-4)', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: () => ({}), execute: () => gracefulComplete(enc('done')) },
    });
    const { simulator, post, start } = setup(worker);
    await start('wf', { workflowStartOptions: { workflowStartDelaySeconds: 3 } });
    await simulator.advanceBy(3_000);
    expect(await statusOf(post, 'wf')).toBe('COMPLETED');
    await simulator.advanceBy(1_000);
    const resetAt = simulator.now();
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING' });
    await simulator.runUntilIdle();
    expect(await statusOf(post, 'wf')).toBe('COMPLETED');
    expect(worker.callsOf('waitUntil', 'S1').map((c) => c.at - resetAt)).toEqual([-1_000, 0]);
  });

  it('search attributes given at start stay after a reset to BEGINNING; those a state wrote after the point go (reset-4)', async () => {
    let s1Runs = 0;
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => {
          s1Runs++;
          // The reset run's S1 waits, so the attributes are read before it writes again.
          return s1Runs === 1
            ? {}
            : {
                commandRequest: {
                  deciderTriggerType: 'ALL_COMMAND_COMPLETED',
                  timerCommands: [{ durationSeconds: 60 }],
                },
              };
        },
        execute: () => ({
          upsertSearchAttributes: [{ key: 'CustomIntField', valueType: 'INT', integerValue: 5 }],
          stateDecision: { nextStates: [{ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW' }] },
        }),
      },
    });
    const { simulator, post, start } = setup(worker, {
      searchAttributes: { CustomKeywordField: 'KEYWORD', CustomIntField: 'INT' },
    });
    await start('wf', {
      workflowStartOptions: {
        searchAttributes: [{ key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'start' }],
      },
    });
    await simulator.runUntilIdle();
    const keys = [
      { key: 'CustomKeywordField', valueType: 'KEYWORD' },
      { key: 'CustomIntField', valueType: 'INT' },
    ];
    expect((await post('searchattributes/get', { workflowId: 'wf', keys })).body).toMatchObject({
      searchAttributes: [
        { key: 'CustomKeywordField', stringValue: 'start' },
        { key: 'CustomIntField', integerValue: 5 },
      ],
    });
    await post('reset', { workflowId: 'wf', resetType: 'BEGINNING' });
    await simulator.runUntilIdle();
    expect((await post('searchattributes/get', { workflowId: 'wf', keys })).body).toEqual({
      searchAttributes: [{ key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'start' }],
    });
  });
});
