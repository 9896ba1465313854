import type { WorkflowStartRequest } from '../../../sdk/wire/types.ts';
import type { TimerHandle } from '../../clock/clock.ts';
import type { Engine } from '../runs/engine.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';
import { type CronExpression, parseCron } from './cron-expression.ts';

interface Schedule {
  cron: CronExpression;
  request: WorkflowStartRequest;
  timer: TimerHandle | undefined;
  last: WorkflowRun | undefined;
}

/**
 * Cron starts (docs/semantics/lifecycle.md#cron-1), as the real server makes them: a Temporal Schedule named
 * after the workflow id, which starts a run with workflow id `<workflowId>-<scheduled time>` at
 * each tick on the simulator's clock, skipping a tick while the previous run still runs (Temporal's
 * default overlap policy). The plain workflow id itself never exists (measured: /get is 400).
 *
 * @example
 * const problem = schedules.create(engine, 'report', request); // undefined when registered
 */
export class CronSchedules {
  private readonly schedules = new Map<string, Schedule>();

  /** Registers a schedule; answers 'exists' or a parse error text when it cannot. */
  create(engine: Engine, workflowId: string, request: WorkflowStartRequest): 'exists' | string | undefined {
    if (this.schedules.has(workflowId)) return 'exists';
    const cron = parseCron(request.workflowStartOptions?.cronSchedule ?? '');
    if (typeof cron === 'string') return cron;
    const schedule: Schedule = { cron, request, timer: undefined, last: undefined };
    this.schedules.set(workflowId, schedule);
    engine.runtime.log(
      `schedule for workflow: ${workflowId} created (cron "${request.workflowStartOptions?.cronSchedule}")`,
    );
    this.arm(engine, workflowId, schedule);
    return undefined;
  }

  private arm(engine: Engine, workflowId: string, schedule: Schedule): void {
    const clock = engine.runtime.clock;
    const next = schedule.cron.nextAfter(clock.now());
    if (!Number.isFinite(next)) return;
    schedule.timer = clock.setTimer(() => {
      schedule.timer = undefined;
      this.fire(engine, workflowId, schedule, next);
      this.arm(engine, workflowId, schedule);
    }, next - clock.now());
  }

  private fire(engine: Engine, workflowId: string, schedule: Schedule, at: number): void {
    if (schedule.last?.isRunning) {
      engine.runtime.log(
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
    const run = engine.createRun(request, runWorkflowId);
    // Measured: runs started by the schedule carry no IwfWorkflowType search attribute.
    run.scheduled = true;
    engine.beginRun(run);
    schedule.last = run;
  }
}
