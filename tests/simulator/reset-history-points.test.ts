import { describe, expect, it } from 'vitest';
import { gracefulComplete } from '../../conformance/kit/index.ts';
import { FakeWorker, setup } from './fake-worker.ts';

/**
 * Resets of type HISTORY_EVENT_ID and HISTORY_EVENT_TIME, measured on iWF ed9f8c2 / Temporal
 * 1.31.2 with a workflow S1 (waitUntil, then execute moving to S2) → S2 waiting for a signal.
 */
function twoStates() {
  const worker = new FakeWorker({
    S1: {
      waitUntil: () => ({
        commandRequest: {
          deciderTriggerType: 'ALL_COMMAND_COMPLETED',
          timerCommands: [{ durationSeconds: 2 }],
        },
      }),
      execute: () => ({ stateDecision: { nextStates: [{ stateId: 'S2' }] } }),
    },
    S2: {
      waitUntil: () => ({
        commandRequest: {
          deciderTriggerType: 'ALL_COMMAND_COMPLETED',
          signalCommands: [{ commandId: 's', signalChannelName: 'go' }],
        },
      }),
      execute: () => gracefulComplete(),
    },
  });
  return { worker, ...setup(worker) };
}

const internal = (detail: string) => ({
  status: 500,
  body: { detail, subStatus: 'UNCATEGORIZED_SUB_STATUS' },
});

// The layout Temporal's time parser reads: a numeric offset, no fraction needed.
function iwfTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

describe('reset to a history event id (measured)', () => {
  it('event 3 or 4 (the first workflow task) restarts from the beginning (reset-5)', async () => {
    for (const historyEventId of [3, 4]) {
      const { worker, simulator, post, start } = twoStates();
      await start('wf');
      await simulator.advanceBy(2_000);
      const reset = await post('reset', { workflowId: 'wf', resetType: 'HISTORY_EVENT_ID', historyEventId });
      expect(reset.status).toBe(200);
      await simulator.runUntilIdle();
      expect(worker.callsOf('waitUntil', 'S1')).toHaveLength(2);
    }
  });

  it('ids outside the history and the first scheduled event answer Temporal’s texts (reset-5)', async () => {
    const { simulator, post, start } = twoStates();
    await start('wf');
    await simulator.advanceBy(2_000);
    const reset = (historyEventId?: number) =>
      post('reset', { workflowId: 'wf', resetType: 'HISTORY_EVENT_ID', historyEventId });
    const outside = internal('Workflow task finish ID must be > 1 && <= workflow last event ID.');
    expect(await reset(1)).toEqual(outside);
    expect(await reset(0)).toEqual(outside);
    expect(await reset()).toEqual(outside);
    expect(await reset(2)).toEqual(
      internal(
        'StateRebuilder unable to Rebuild mutable state to event ID: 1, version: 0, this event must be at the boundary',
      ),
    );
  });

  it('a later event id answers 500 naming what the simulator cannot know and what to use instead (reset-5)', async () => {
    const { simulator, post, start } = twoStates();
    await start('wf');
    await simulator.advanceBy(2_000);
    const reset = await post('reset', {
      workflowId: 'wf',
      resetType: 'HISTORY_EVENT_ID',
      historyEventId: 13,
    });
    expect(reset.status).toBe(500);
    expect((reset.body as { detail: string }).detail).toMatch(/no Temporal event ids.*use STATE_ID/);
  });
});

describe('reset to a history event time (measured)', () => {
  it('a time before the first workflow task, an empty time or none restarts from the beginning (reset-6)', async () => {
    for (const historyEventTime of ['before', '', undefined]) {
      const { worker, simulator, post, start } = twoStates();
      const startedAt = simulator.now();
      await start('wf');
      await simulator.advanceBy(3_000);
      const time = historyEventTime === 'before' ? iwfTime(startedAt - 5_000) : historyEventTime;
      const reset = await post('reset', {
        workflowId: 'wf',
        resetType: 'HISTORY_EVENT_TIME',
        historyEventTime: time,
      });
      expect(reset.status).toBe(200);
      await simulator.runUntilIdle();
      expect(worker.callsOf('waitUntil', 'S1')).toHaveLength(2);
    }
  });

  it('a time inside the run resets to the first state start at or after it (raw UnixNano too) (reset-6)', async () => {
    for (const format of ['layout', 'nanos']) {
      const { worker, simulator, post, start } = twoStates();
      const startedAt = simulator.now();
      await start('wf');
      await simulator.advanceBy(3_000);
      const at = startedAt + 1_000;
      const time = format === 'layout' ? iwfTime(at) : `${at}000000`;
      expect(
        (await post('reset', { workflowId: 'wf', resetType: 'HISTORY_EVENT_TIME', historyEventTime: time }))
          .status,
      ).toBe(200);
      await simulator.runUntilIdle();
      // S2 started at 2 s, the first reset point after 1 s the simulator knows.
      expect(worker.callsOf('waitUntil', 'S1')).toHaveLength(1);
      expect(worker.callsOf('waitUntil', 'S2')).toHaveLength(2);
    }
  });

  it('a time after the last workflow task answers 500 "no historyEventId"; a time range counts back from now (reset-6)', async () => {
    const { simulator, post, start } = twoStates();
    const startedAt = simulator.now();
    await start('wf');
    await simulator.advanceBy(5_000);
    const reset = (historyEventTime: string) =>
      post('reset', { workflowId: 'wf', resetType: 'HISTORY_EVENT_TIME', historyEventTime });
    const none = internal('Get historyEventId failed, no historyEventId');
    expect(await reset(iwfTime(startedAt + 3_000))).toEqual(none);
    expect(await reset('2s')).toEqual(none);
    expect((await reset('1h')).status).toBe(200);
  });

  it('a time Temporal’s parser cannot read answers its text (a Z suffix is not the layout) (reset-6)', async () => {
    const { simulator, post, start } = twoStates();
    await start('wf');
    await simulator.runUntilIdle();
    const text = '2026-12-05T21:05:51.162Z';
    expect(
      await post('reset', { workflowId: 'wf', resetType: 'HISTORY_EVENT_TIME', historyEventTime: text }),
    ).toEqual(
      internal(
        `cannot parse time '2006-01-02T15:04:05-07:00', use UTC format ${text}, time range or raw UnixNano directly. See help for more details: cannot parse timeRange ${text}`,
      ),
    );
  });
});
