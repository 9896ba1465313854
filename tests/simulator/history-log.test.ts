import { describe, expect, it } from 'vitest';
import { HistoryLog } from '../../simulator/history/history.ts';

describe('HistoryLog (a run’s history, stored compactly)', () => {
  it('returns the events in order with their time, execution id and attributes', () => {
    let now = 1_735_689_600_000;
    const log = new HistoryLog(() => now, true);
    log.add('StateExecutionStarted', 'S1-1', { stateId: 'S1' });
    now += 1_000;
    log.add('WorkflowClosed', undefined, { status: 'COMPLETED', errorType: undefined });
    expect(log.events).toEqual([
      { at: 1_735_689_600_000, type: 'StateExecutionStarted', executionId: 'S1-1', attrs: { stateId: 'S1' } },
      { at: 1_735_689_601_000, type: 'WorkflowClosed', attrs: { status: 'COMPLETED', errorType: undefined } },
    ]);
  });

  it('keeps attributes that only look alike apart (shared storage never mixes values up)', () => {
    const log = new HistoryLog(() => 0, true);
    log.add('SignalReceived', undefined, { channel: 'a\u00001:b', value: 'c' });
    log.add('SignalReceived', undefined, { channel: 'a', value: '1:b\u0000c' });
    log.add('SignalReceived', undefined, { channel: 1 });
    log.add('SignalReceived', undefined, { channel: '1' });
    expect(log.events.map((e) => e.attrs)).toEqual([
      { channel: 'a\u00001:b', value: 'c' },
      { channel: 'a', value: '1:b\u0000c' },
      { channel: 1 },
      { channel: '1' },
    ]);
  });

  it('hands out copies: changing a returned event changes neither the log nor other events', () => {
    const log = new HistoryLog(() => 0, true);
    log.add('WaitUntilAttempt', 'S1-1', { attempt: 1, outcome: 'ok' });
    log.add('WaitUntilAttempt', 'S2-1', { attempt: 1, outcome: 'ok' });
    const [first] = log.events;
    first!.attrs!.outcome = 'changed';
    expect(log.events.map((e) => e.attrs)).toEqual([
      { attempt: 1, outcome: 'ok' },
      { attempt: 1, outcome: 'ok' },
    ]);
  });

  it('records nothing when disabled', () => {
    const log = new HistoryLog(() => 0, false);
    log.add('WorkflowStarted');
    expect(log.size).toBe(0);
    expect(log.events).toEqual([]);
  });
});
