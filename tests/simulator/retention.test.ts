import { describe, expect, it } from 'vitest';
import { gracefulComplete } from '../../conformance/kit/index.ts';
import { parseRetention } from '../../simulator/engine/runs/retention.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const HOUR = 3600_000;

function worker() {
  return new FakeWorker({
    S1: { waitUntil: () => ({}), execute: () => gracefulComplete() },
    Wait: {
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

describe('retention of closed workflows', () => {
  it('keeps a closed workflow readable for 24 h by default, then forgets it as a real namespace does', async () => {
    const { simulator, post, start, result } = setup(worker());
    await start('done');
    expect((await result('done')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    await simulator.advanceBy(23 * HOUR);
    expect((await post('get', { workflowId: 'done' })).status).toBe(200);
    await simulator.advanceBy(2 * HOUR);
    expect(await post('get', { workflowId: 'done' })).toMatchObject({
      status: 400,
      body: { detail: 'workflow not found for ID: done' },
    });
    expect(simulator.listWorkflows()).toEqual([]);
  });

  it('never forgets a running workflow, however long it runs', async () => {
    const { simulator, post, start } = setup(worker());
    await start('running', { startStateId: 'Wait' });
    await simulator.advanceBy(30 * 24 * HOUR);
    expect((await post('get', { workflowId: 'running' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
  });

  it('keeps closed workflows forever with retention 0', async () => {
    const { simulator, post, start, result } = setup(worker(), { retentionMs: 0 });
    await start('done');
    await result('done');
    await simulator.advanceBy(365 * 24 * HOUR);
    expect((await post('get', { workflowId: 'done' })).status).toBe(200);
  });

  it('reads the --retention durations of the command line', () => {
    expect(parseRetention('24h')).toBe(24 * HOUR);
    expect(parseRetention('90m')).toBe(90 * 60_000);
    expect(parseRetention('7d')).toBe(7 * 24 * HOUR);
    expect(parseRetention('0')).toBe(0);
    expect(parseRetention('soon')).toBeUndefined();
  });
});
