import { describe, expect, it } from 'vitest';
import { gracefulComplete } from '../../conformance/kit/index.ts';
import { parseCron } from '../../simulator/engine/schedules/cron-expression.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const at = (iso: string) => Date.parse(iso);

describe('cron starts (cron-1)', () => {
  it('cronSchedule answers workflowRunId "" and a second identical start 400 already registered (cron-1)', async () => {
    const { post, start } = setup(new FakeWorker({ S1: { execute: () => gracefulComplete() } }));
    const cron = {
      workflowStartOptions: { cronSchedule: '*/5 * * * *' },
      stateOptions: { skipWaitUntil: true },
    };
    expect(await start('report', cron)).toEqual({ status: 200, body: { workflowRunId: '' } });
    expect(await start('report', cron)).toEqual({
      status: 400,
      body: {
        detail: 'schedule with this ID is already registered',
        subStatus: 'WORKFLOW_ALREADY_STARTED_SUB_STATUS',
      },
    });
    // The plain workflow id never exists (measured).
    expect((await post('get', { workflowId: 'report' })).status).toBe(400);
  });

  it('starts a run per tick on the virtual clock, as <workflowId>-<scheduled time>, without IwfWorkflowType (cron-1)', async () => {
    const worker = new FakeWorker({ S1: { execute: () => gracefulComplete() } });
    const { simulator, post, start } = setup(worker, { startTime: at('2025-01-01T00:02:30Z') });
    await start('report', {
      workflowStartOptions: { cronSchedule: '*/5 * * * *' },
      stateOptions: { skipWaitUntil: true },
    });
    await simulator.advanceBy(11 * 60_000);
    const runs = simulator.listWorkflows().map((w) => [w.workflowId, w.status]);
    expect(runs).toEqual([
      ['report-2025-01-01T00:05:00Z', 'COMPLETED'],
      ['report-2025-01-01T00:10:00Z', 'COMPLETED'],
    ]);
    expect(worker.callsOf('execute').map((c) => c.at)).toEqual([
      at('2025-01-01T00:05:00Z'),
      at('2025-01-01T00:10:00Z'),
    ]);
    const types = await post('searchattributes/get', {
      workflowId: 'report-2025-01-01T00:05:00Z',
      keys: [{ key: 'IwfWorkflowType', valueType: 'KEYWORD' }],
    });
    expect(types.body).toEqual({});
  });

  it('skips a tick while the previous scheduled run still runs (cron-1)', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          commandRequest: {
            deciderTriggerType: 'ALL_COMMAND_COMPLETED',
            timerCommands: [{ durationSeconds: 90 }],
          },
        }),
        execute: () => gracefulComplete(),
      },
    });
    const { simulator, start } = setup(worker, { startTime: at('2025-01-01T00:00:30Z') });
    await start('tick', { workflowStartOptions: { cronSchedule: '* * * * *' } });
    await simulator.advanceBy(4 * 60_000);
    expect(simulator.listWorkflows().map((w) => w.workflowId)).toEqual([
      'tick-2025-01-01T00:01:00Z',
      'tick-2025-01-01T00:03:00Z',
    ]);
  });

  it('parses standard 5-field cron: lists, ranges, steps, names, shortcuts (cron-1)', () => {
    const next = (expression: string, from: string) => {
      const cron = parseCron(expression);
      if (typeof cron === 'string') throw new Error(cron);
      return new Date(cron.nextAfter(at(from))).toISOString();
    };
    expect(next('0 9 * * MON-FRI', '2025-01-04T10:00:00Z')).toBe('2025-01-06T09:00:00.000Z');
    expect(next('30 2 1,15 * *', '2025-01-02T00:00:00Z')).toBe('2025-01-15T02:30:00.000Z');
    expect(next('@daily', '2025-01-01T00:00:00Z')).toBe('2025-01-02T00:00:00.000Z');
    expect(next('0 0 29 2 *', '2025-01-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    // Temporal's own text for a field count it never takes (measured on the real server).
    expect(parseCron('* * *')).toBe('Invalid schedule spec: CronString does not have 5-7 fields');
    expect(parseCron('nope')).toBe('Invalid schedule spec: CronString does not have 5-7 fields');
  });

  it('reads 6- and 7-field crons as Temporal schedules do: a year after, a second before (cron-1)', () => {
    const next = (expression: string, from: string) => {
      const cron = parseCron(expression);
      if (typeof cron === 'string') throw new Error(cron);
      return new Date(cron.nextAfter(at(from))).toISOString();
    };
    expect(next('0 0 * * * 2030', '2025-06-01T00:00:00Z')).toBe('2030-01-01T00:00:00.000Z');
    expect(next('*/10 * * * * * *', '2025-01-01T00:00:03Z')).toBe('2025-01-01T00:00:10.000Z');
    expect(next('30 15 10 1 * * 2025', '2025-01-01T00:00:00Z')).toBe('2025-01-01T10:15:30.000Z');
    // Day of month and day of week must both match (Temporal's calendar, not classic cron's either).
    expect(next('0 0 1 * MON', '2025-01-01T00:00:00Z')).toBe('2025-09-01T00:00:00.000Z');
    expect(next('@every 90m', '2025-01-01T00:00:00Z')).toBe('2025-01-01T01:30:00.000Z');
    // Temporal's texts (measured on the real server).
    expect(parseCron('0 0 * * * 1999')).toBe('Invalid schedule spec: Year is not in range [2000-2100]');
    expect(parseCron('61 * * * *')).toBe('Invalid schedule spec: Minute is not in range [0-59]');
  });

  it('answers a cron schedule named like an Object property as the invalid schedule it is (cron-1)', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(parseCron(name)).toBe('Invalid schedule spec: CronString does not have 5-7 fields');
  });
});
