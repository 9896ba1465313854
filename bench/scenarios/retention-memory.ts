import { collectGarbage } from '../measure.ts';
import { HOUR_MS, signupForm, signupRig } from '../signup-fixture.ts';
import type { Benchmark, BenchResult, BenchSize } from '../types.ts';
import { round } from './signup-throughput.ts';

const DAY_MS = 24 * HOUR_MS;

/** What one long run measured. */
export interface LongRun {
  heapUsedMB: number;
  heapDeltaMB: number;
  /** Workflow runs the simulator still holds at the end. */
  runsKept: number;
  started: number;
}

/**
 * A simulator used as a team's local iWF for `days` of virtual time: every hour `perHour` users
 * sign up and verify at once (their workflows complete), then the clock moves an hour. Returns the
 * heap the simulator holds at the end (after full GCs), with `retentionMs` (0 keeps everything).
 *
 * @example
 * const { heapDeltaMB, runsKept } = await longRun({ days: 14, perHour: 50, retentionMs: 24 * 3600_000 });
 */
export async function longRun(options: {
  days: number;
  perHour: number;
  retentionMs: number;
}): Promise<LongRun> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const rig = signupRig({ recordHistory: true, retentionMs: options.retentionMs });
  let started = 0;
  for (let hour = 0; hour < options.days * 24; hour++) {
    for (let i = 0; i < options.perHour; i++) {
      const id = `u${started++}`;
      await rig.client.startWorkflow(rig.workflow, id, 30 * 24 * 3600, signupForm(id));
      await rig.settle();
      const answer = await rig.client.invokeRpc(rig.workflow, id, 'verify', 'email');
      if (answer !== 'done') throw new Error(`verify of ${id} answered ${answer}`);
    }
    await rig.advanceBy(HOUR_MS);
  }
  const runsKept = rig.simulator.listWorkflows().length;
  collectGarbage();
  const heapUsed = process.memoryUsage().heapUsed;
  await rig.close();
  return { heapUsedMB: heapUsed / 1e6, heapDeltaMB: (heapUsed - before) / 1e6, runsKept, started };
}

/**
 * Scenario: memory of a simulator left running for two weeks of virtual time with sign-ups
 * completing every hour, with the default 24 h retention and with retention off. With retention
 * the simulator holds about a day of closed workflows whatever the length of the run.
 *
 * @example
 * const results = await retentionMemory.run('smoke');
 */
export const retentionMemory: Benchmark = {
  name: 'retention-memory',
  async run(size: BenchSize): Promise<BenchResult[]> {
    const shape = size === 'full' ? { days: 14, perHour: 30 } : { days: 2, perHour: 2 };
    const results: BenchResult[] = [];
    for (const retentionMs of [DAY_MS, 0]) {
      const run = await longRun({ ...shape, retentionMs });
      // A day and the sweep interval (an hour) of closed workflows, at most.
      const dayOfRuns = (24 + 1) * shape.perHour;
      results.push({
        name: retentionMs > 0 ? 'retention-memory/24h' : 'retention-memory/forever',
        value: round(run.heapDeltaMB),
        unit: 'MB',
        target: retentionMs > 0 ? `<= ${dayOfRuns} runs kept of ${run.started}` : 'report only',
        ok: retentionMs > 0 ? run.runsKept <= dayOfRuns : true,
        context: {
          days: shape.days,
          startedPerHour: shape.perHour,
          workflowsStarted: run.started,
          runsKept: run.runsKept,
          heapUsedMB: round(run.heapUsedMB),
          history: true,
        },
      });
    }
    return results;
  },
};
