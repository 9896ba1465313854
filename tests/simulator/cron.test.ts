import { describe, expect, it } from 'vitest';
import { parseCron } from '../../simulator/engine/schedules/cron-expression.ts';
import { complete, FakeWorker, setup } from './fake-worker.ts';

const at = (iso: string) => Date.parse(iso);

describe('cron starts (cron-1)', () => {
  it('cronSchedule answers workflowRunId "" and a second identical start 400 already registered (cron-1)', async () => {
    const { post, start } = setup(new FakeWorker({ S1: { execute: () => complete() } }));
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
    const worker = new FakeWorker({ S1: { execute: () => complete() } });
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
        execute: () => complete(),
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
    expect(parseCron('61 * * * *')).toMatch(/out of range/);
    // Temporal's own text for a field count it never takes (measured on the real server).
    expect(parseCron('* * *')).toBe('Invalid schedule spec: CronString does not have 5-7 fields');
    expect(parseCron('nope')).toBe('Invalid schedule spec: CronString does not have 5-7 fields');
    // A year or seconds field is valid on a real server; the simulator says it does not take them.
    expect(parseCron('0 0 * * * 2030')).toMatch(/the simulator supports 5 fields/);
  });
});
