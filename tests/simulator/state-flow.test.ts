import { describe, expect, it } from 'vitest';
import type { WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import { complete, encoded, FakeWorker, RawReply, setup } from './fake-worker.ts';
import { noWait, to } from './wire-builders.ts';

const waitTimer = (seconds: number): WorkflowStateStartResponse => ({
  commandRequest: { commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ durationSeconds: seconds }] },
});

const fail500 = () => new RawReply({ status: 500, text: 'boom', contentType: 'text/plain' });

describe('one state’s flow', () => {
  it('a skipWaitUntil state goes straight to execute, without commandResults (flow-1)', async () => {
    const worker = new FakeWorker({ S1: { execute: () => complete() } });
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
                  upsertDataObjects: [{ key: 'k', value: encoded(1) }],
                  publishToInterStateChannel: [{ channelName: 'c', value: encoded(2) }],
                  ...waitTimer(10),
                },
          execute: () => complete(),
        },
      },
      { peek: (req) => ({ output: encoded(req.internalChannelInfos) }) },
    );
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    const t0 = simulator.now();
    await start('wf');
    await simulator.advanceBy(1_000);
    expect(worker.callsOf('waitUntil').map((c) => c.at - t0)).toEqual([0, 1_000]);
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'k', value: encoded(1) }],
    });
    expect((await post('rpc', { workflowId: 'wf', rpcName: 'peek' })).body).toEqual({
      output: encoded({ c: { size: 1 } }),
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
          return { upsertDataObjects: [{ key: 'k', value: encoded(1) }] };
        },
        execute: (req) => {
          seen.execute = req.DataObjects;
          return { upsertDataObjects: [{ key: 'k', value: encoded(2) }], ...to('S2') };
        },
      },
      S2: {
        execute: (req) => {
          seen.next = req.DataObjects;
          return complete();
        },
      },
    });
    const { start, result } = setup(worker);
    await start('wf');
    await result('wf');
    expect(seen).toEqual({
      waitUntil: [],
      execute: [{ key: 'k', value: encoded(1) }],
      next: [{ key: 'k', value: encoded(2) }],
    });
  });
});
