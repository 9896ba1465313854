import { describe, expect, it } from 'vitest';
import { Answer, enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { PersistenceLoadingPolicy } from '../../sdk/wire/types.ts';
import { liveLog } from '../../simulator/history/live-log.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const lock: PersistenceLoadingPolicy = {
  persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
  lockingKeys: ['k'],
};

/** A worker whose S1 waits for a timer or a signal, and whose execute fails `failures` times first. */
function flakyWorker(failures: number) {
  let failed = 0;
  return new FakeWorker({
    S1: {
      waitUntil: () => ({
        commandRequest: {
          commandWaitingType: 'ANY_COMPLETED',
          timerCommands: [{ commandId: 'remind', durationSeconds: 3600 }],
          signalCommands: [{ commandId: 'go', signalChannelName: 'go' }],
        },
      }),
      execute: () =>
        failed++ < failures
          ? new Answer({ status: 500, body: { detail: 'database down' } })
          : { ...gracefulComplete(enc('welcome')), upsertDataObjects: [{ key: 'k', value: enc('v') }] },
    },
  });
}

describe('the live log', () => {
  it('writes one line per event: simulator time, workflow id, state execution and what happened', async () => {
    const lines: string[] = [];
    const { simulator, start, post, result } = setup(flakyWorker(1), {
      historyObserver: liveLog('text', (line) => lines.push(line)),
      autoAdvance: false,
    });
    await start('ada', {
      stateOptions: { executeApiRetryPolicy: { initialIntervalSeconds: 2, maximumAttempts: 3 } },
    });
    await simulator.advanceBy(3600_000);
    await post('signal', { workflowId: 'ada', signalChannelName: 'go' });
    await simulator.advanceBy(5_000);
    await result('ada');
    const log = lines.join('\n');
    expect(lines[0]).toBe('2026-01-01T00:00:00.000Z  ada  started TestWorkflow at S1');
    expect(log).toContain('2026-01-01T00:00:00.000Z  ada  S1-1  waitUntil called and answered in 0 ms');
    expect(log).toContain('ada  S1-1  waiting for 1 timer, 1 signal');
    expect(log).toContain('2026-01-01T01:00:00.000Z  ada  S1-1  timer remind fired');
    expect(log).toContain('ada  S1-1  execute failed after 0 ms: ');
    expect(log).toContain('database down');
    expect(log).toContain(
      '2026-01-01T01:00:00.000Z  ada  S1-1  execute retry: attempt 2 at 2026-01-01T01:00:02.000Z (in 2 s)',
    );
    expect(log).toContain(
      '2026-01-01T01:00:02.000Z  ada  S1-1  execute called and answered in 0 ms (attempt 2)',
    );
    expect(log).toContain('ada  S1-1  decided: complete the workflow');
    expect(lines.at(-1)).toBe('2026-01-01T01:00:02.000Z  ada  COMPLETED output "welcome"');
  });

  it('says when an RPC is refused with 450, and what a failing worker answered', async () => {
    const lines: string[] = [];
    let release: () => void = () => {};
    const worker = new FakeWorker(
      {
        S1: {
          execute: () =>
            new Promise((resolve) => {
              release = () => resolve(gracefulComplete());
            }),
        },
      },
      { broken: () => new Answer({ status: 502, body: { detail: 'upstream gone' } }), ok: () => ({}) },
    );
    const { post, start, result } = setup(worker, {
      historyObserver: liveLog('text', (line) => lines.push(line)),
    });
    await start('bob', { stateOptions: { skipWaitUntil: true, dataAttributesLoadingPolicy: lock } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const refused = await post('rpc', {
      workflowId: 'bob',
      rpcName: 'ok',
      dataAttributesLoadingPolicy: lock,
    });
    expect(refused.status).toBe(450);
    await post('rpc', { workflowId: 'bob', rpcName: 'broken' });
    release();
    await result('bob');
    const log = lines.join('\n');
    expect(log).toContain('bob  RPC ok refused with 450: k locked by other operations');
    expect(log).toMatch(/bob {2}RPC broken failed with \d+ after 0 ms: .*upstream gone/);
  });

  it('writes one JSON object a line with --log json', async () => {
    const lines: string[] = [];
    const { start, post, result } = setup(flakyWorker(0), {
      historyObserver: liveLog('json', (l) => lines.push(l)),
    });
    await start('cy');
    await post('signal', { workflowId: 'cy', signalChannelName: 'go' });
    await result('cy');
    const objects = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(objects[0]).toMatchObject({
      time: '2026-01-01T00:00:00.000Z',
      workflowId: 'cy',
      workflowType: 'TestWorkflow',
      event: 'WorkflowStarted',
      message: 'started TestWorkflow at S1',
    });
    expect(objects.find((o) => o.event === 'DataAttributesUpserted')).toMatchObject({
      executionId: 'S1-1',
      attrs: { keys: ['k'], values: [enc('v')] },
    });
    expect(objects.at(-1)).toMatchObject({ event: 'WorkflowClosed', attrs: { status: 'COMPLETED' } });
  });
});
