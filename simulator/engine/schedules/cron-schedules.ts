import type { WorkflowStartRequest } from '../../../sdk/wire/types.ts';
import type { Clock, TimerHandle } from '../../clock/clock.ts';
import { type CronExpression, parseCron } from './cron-expression.ts';

/**
 * What cron schedules need of the engine: its clock and log, and a way to start a run of a tick.
 *
 * @example
 * const host: ScheduleHost = { clock, log: console.log, startScheduledRun: (request, id) => engine.start(request, id) };
 */
export interface ScheduleHost {
  readonly clock: Clock;
  log(line: string): void;
  /** Starts a run for a tick (with no IwfWorkflowType, as the real server's scheduled runs). */
  startScheduledRun(request: WorkflowStartRequest, workflowId: string): { readonly isRunning: boolean };
}

interface Schedule {
  cron: CronExpression;
  request: WorkflowStartRequest;
  timer: TimerHandle | undefined;
  last: { readonly isRunning: boolean } | undefined;
}

/**
 * Cron starts (docs/semantics/lifecycle.md#cron-1), as the real server makes them: a Temporal Schedule named
 * after the workflow id, which starts a run with workflow id `<workflowId>-<scheduled time>` at
 * each tick on the simulator's clock, skipping a tick while the previous run still runs (Temporal's
 * default overlap policy). The plain workflow id itself never exists (measured: /get is 400).
 *
 * @example
 * const problem = schedules.create('report', request); // undefined when registered
 */
export class CronSchedules {
  private readonly schedules = new Map<string, Schedule>();

  constructor(private readonly host: ScheduleHost) {}

  /** Registers a schedule; answers 'exists' or a parse error text when it cannot. */
  create(workflowId: string, request: WorkflowStartRequest): 'exists' | string | undefined {
    if (this.schedules.has(workflowId)) return 'exists';
    const cron = parseCron(request.workflowStartOptions?.cronSchedule ?? '');
    if (typeof cron === 'string') return cron;
    const schedule: Schedule = { cron, request, timer: undefined, last: undefined };
    this.schedules.set(workflowId, schedule);
    this.host.log(
      `schedule for workflow: ${workflowId} created (cron "${request.workflowStartOptions?.cronSchedule}")`,
    );
    this.arm(workflowId, schedule);
    return undefined;
  }

  private arm(workflowId: string, schedule: Schedule): void {
    const clock = this.host.clock;
    const next = schedule.cron.nextAfter(clock.now());
    if (!Number.isFinite(next)) return;
    schedule.timer = clock.setTimer(() => {
      schedule.timer = undefined;
      this.fire(workflowId, schedule, next);
      this.arm(workflowId, schedule);
    }, next - clock.now());
  }

  private fire(workflowId: string, schedule: Schedule, at: number): void {
    if (schedule.last?.isRunning) {
      this.host.log(
        `schedule for workflow: ${workflowId}: tick ${new Date(at).toISOString()} skipped, the previous run still runs`,
      );
      return;
    }
    const runWorkflowId = `${workflowId}-${new Date(at).toISOString().replace('.000Z', 'Z')}`;
    const { cronSchedule: _cron, ...startOptions } = schedule.request.workflowStartOptions ?? {};
    const request: WorkflowStartRequest = {
      ...schedule.request,
      workflowId: runWorkflowId,
      workflowStartOptions: startOptions,
    };
    schedule.last = this.host.startScheduledRun(request, runWorkflowId);
  }
}
