import { describe, expect, it } from 'vitest';
import { deadEnd, goTo, noWait } from '../../conformance/kit/index.ts';
import { execId, FakeWorker, setup, to } from './fake-worker.ts';

const sig = (id: string, channel = id) => ({ commandId: id, signalChannelName: channel });

/** A workflow without a start state whose RPC `go` starts S1 waiting on `request`. */

describe('threads', () => {
  it('threads do not block each other: a thread waiting forever does not hold up its sibling’s chain (parallel-1)', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => goTo({ stateId: 'W' }, { stateId: 'A', stateOptions: noWait }) },
      W: {
        waitUntil: () => ({
          commandRequest: { commandWaitingType: 'ALL_COMPLETED', signalCommands: [sig('never')] },
        }),
        execute: deadEnd,
      },
      A: { execute: () => to('B') },
      B: { execute: () => to('C') },
      C: { execute: deadEnd },
    });
    const { simulator, start } = setup(worker, { autoAdvance: false });
    await start('wf', { stateOptions: noWait });
    await simulator.runUntilIdle();
    expect(worker.callsOf('execute').map(execId)).toEqual(['S1-1', 'A-1', 'B-1', 'C-1']);
  });

  it('a thread’s next states start as soon as its decision is processed, without a barrier with slower siblings (parallel-2)', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => goTo({ stateId: 'Slow' }, { stateId: 'Fast', stateOptions: noWait }) },
      Slow: {
        waitUntil: () => ({
          commandRequest: { commandWaitingType: 'ALL_COMPLETED', timerCommands: [{ durationSeconds: 100 }] },
        }),
        execute: deadEnd,
      },
      Fast: { execute: () => to('Next') },
      Next: { execute: deadEnd },
    });
    const { simulator, start } = setup(worker, { autoAdvance: false });
    const t0 = simulator.now();
    await start('wf', { stateOptions: noWait });
    await simulator.advanceBy(100_000);
    expect(worker.callsOf('execute').map((c) => [execId(c), c.at - t0])).toEqual([
      ['S1-1', 0],
      ['Fast-1', 0],
      ['Next-1', 0],
      ['Slow-1', 100_000],
    ]);
  });
});
