import { measure } from '../measure.ts';
import type { Benchmark, BenchResult, BenchSize } from '../types.ts';
import { round, runSignups, type SignupRun } from './signup-throughput.ts';

/** The scaling target: µs per state execution at the largest size within 1.5x of the smallest. */
export const SCALING_MAX_RATIO = 1.5;

/**
 * Microseconds per state execution while every workflow of a run is live: the time-advancing part
 * (reminders), without starting and verifying the workflows, whose cost is per workflow, not per
 * execution (it is reported beside it, and included in `signup-concurrent`).
 *
 * @example
 * microsPerExecution(run); // e.g. 8.1
 */
export function microsPerExecution(run: SignupRun): number {
  if (!run.phases) return (run.ms * 1000) / run.executions;
  return (run.phases.advanceMs * 1000) / run.phases.advanceExecutions;
}

/**
 * Scenario 6: time per state execution at 100, 1,000 and 10,000 concurrent sign-ups (history off).
 * Each size runs about the same number of executions (120,000; at least 12 reminders each), so only the
 * number of live workflows changes. Counted: the reminders, with all workflows live. Starting and
 * verifying are per-workflow costs: counted per execution they would weigh 100 times more at 10,000
 * workflows (12 reminders each) than at 100 (1,200 each), so they are reported per workflow instead.
 *
 * @example
 * const results = await scaling.run('smoke');
 */
export const scaling: Benchmark = {
  name: 'scaling',
  async run(size: BenchSize): Promise<BenchResult[]> {
    const sizes = size === 'full' ? [100, 1_000, 10_000] : [2, 4, 8];
    const executions = size === 'full' ? 120_000 : 16;
    const runs = size === 'full' ? { warmup: 1, repeats: 3 } : { warmup: 0, repeats: 1 };
    const results: BenchResult[] = [];
    const medians: number[] = [];
    for (const workflows of sizes) {
      const reminders = Math.max(size === 'full' ? 12 : 2, Math.round(executions / workflows));
      const m = await measure({
        ...runs,
        run: () => runSignups({ workflows, reminders, recordHistory: false }),
        value: microsPerExecution,
      });
      medians.push(m.median);
      results.push({
        name: `scaling/${workflows}`,
        value: round(m.median),
        unit: 'µs/exec',
        target: 'report only',
        ok: true,
        context: {
          workflows,
          reminders,
          executions: m.outcome.phases.advanceExecutions,
          repeats: m.repeats,
          min: round(m.min),
          max: round(m.max),
          // Of the median run: per workflow, its start (SubmitState, first waitUntil) and its verify
          // (the RPC and the final VerifyState), in µs.
          startMicrosPerWorkflow: round((m.outcome.phases.startMs * 1000) / workflows),
          verifyMicrosPerWorkflow: round((m.outcome.phases.verifyMs * 1000) / workflows),
        },
      });
    }
    const ratio = medians[medians.length - 1]! / medians[0]!;

    results.push({
      name: 'scaling/ratio',
      value: round(ratio),
      unit: `x (${sizes[sizes.length - 1]} vs ${sizes[0]})`,
      target: `<= ${SCALING_MAX_RATIO}`,
      ok: ratio <= SCALING_MAX_RATIO,
    });
    return results;
  },
};
