import { describe, expect, it } from 'vitest';
import { Answer, enc, gracefulComplete, noWait } from '../../conformance/kit/index.ts';
import type { WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import { FakeWorker, setup, to } from './fake-worker.ts';

const waitTimer = (seconds: number): WorkflowStateStartResponse => ({
  commandRequest: { commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ durationSeconds: seconds }] },
});

const fail500 = () => new Answer({ status: 500, body: 'boom', contentType: 'text/plain' });

describe('one state’s flow', () => {
  it('a skipWaitUntil state goes straight to execute, without commandResults (flow-1)', async () => {
    const worker = new FakeWorker({ S1: { execute: () => gracefulComplete() } });
    const { start, result } = setup(worker);
    await start('wf', { stateOptions: noWait });
    await result('wf');
    expect(worker.callsOf('waitUntil')).toHaveLength(0);
    expect(worker.callsOf('execute')[0]!.body).not.toHaveProperty('commandResults');
  });

  it('waitUntil upserts and publishes are applied right after its response; durationSeconds counts from that moment (flow-2)', async () => {
    let attempts = 0;
    const worker = new FakeWorker(
      {
        S1: {
          waitUntil: () =>
            ++attempts === 1
              ? fail500()
              : {
                  upsertDataObjects: [{ key: 'k', value: enc(1) }],
                  publishToInterStateChannel: [{ channelName: 'c', value: enc(2) }],
                  ...waitTimer(10),
                },
          execute: () => gracefulComplete(),
        },
      },
      { peek: (req) => ({ output: enc(req.internalChannelInfos) }) },
    );
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    const t0 = simulator.now();
    await start('wf');
    await simulator.advanceBy(1_000);
    expect(worker.callsOf('waitUntil').map((c) => c.at - t0)).toEqual([0, 1_000]);
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'k', value: enc(1) }],
    });
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).body).toEqual({
      output: enc({ c: { size: 1 } }),
    });
    await simulator.advanceBy(10_000);
    expect(worker.callsOf('execute').map((c) => c.at - t0)).toEqual([11_000]);
  });

  it('execute loads a fresh snapshot with waitUntil’s upserts, and its own upserts are applied before the next state loads (flow-3)', async () => {
    const seen: Record<string, unknown> = {};
    const worker = new FakeWorker({
      S1: {
        waitUntil: (req) => {
          seen.waitUntil = req.dataObjects ?? [];
          return { upsertDataObjects: [{ key: 'k', value: enc(1) }] };
        },
        execute: (req) => {
          seen.execute = req.DataObjects;
          return { upsertDataObjects: [{ key: 'k', value: enc(2) }], ...to('S2') };
        },
      },
      S2: {
        execute: (req) => {
          seen.next = req.DataObjects;
          return gracefulComplete();
        },
      },
    });
    const { start, result } = setup(worker);
    await start('wf');
    await result('wf');
    expect(seen).toEqual({
      waitUntil: [],
      execute: [{ key: 'k', value: enc(1) }],
      next: [{ key: 'k', value: enc(2) }],
    });
  });
});
