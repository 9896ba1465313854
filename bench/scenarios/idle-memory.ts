import { canCollectGarbage, collectGarbage, measure } from '../measure.ts';
import { signupRig, startSignups } from '../signup-fixture.ts';
import type { Benchmark, BenchResult, BenchSize } from '../types.ts';
import { round } from './signup-throughput.ts';

/** The memory target: 10,000 idle workflows under 150 MB of heap, i.e. 15,000 bytes each. */
export const IDLE_BYTES_TARGET = 15_000;

/** What one idle-memory run measured. */
export interface IdleRun {
  bytesPerWorkflow: number;
  heapDeltaBytes: number;
  heapUsedBytes: number;
}

/**
 * Starts `workflows` sign-ups and lets each wait in VerifyState on its reminder timer and the
 * `verify` channel; returns the heap they hold (after full GCs, minus the heap before).
 *
 * @example
 * const { bytesPerWorkflow } = await idleHeap(10_000, false);
 */
export async function idleHeap(workflows: number, recordHistory: boolean): Promise<IdleRun> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const rig = signupRig({ recordHistory });
  await startSignups(rig, workflows, 'idle');
  collectGarbage();
  const heapUsedBytes = process.memoryUsage().heapUsed;
  const waiting = rig.simulator.listWorkflows().filter((w) => w.status === 'RUNNING').length;
  if (waiting !== workflows || rig.emails.verification !== workflows)
    throw new Error(`expected ${workflows} waiting workflows, found ${waiting}`);
  await rig.close();
  const heapDeltaBytes = heapUsedBytes - before;
  return { bytesPerWorkflow: heapDeltaBytes / workflows, heapDeltaBytes, heapUsedBytes };
}

/**
 * Scenario 3: heap bytes per idle workflow waiting on a timer and a channel, 10,000 of them.
 *
 * @example
 * const results = await idleMemory.run('smoke');
 */
export const idleMemory: Benchmark = {
  name: 'idle-memory',
  async run(size: BenchSize): Promise<BenchResult[]> {
    const workflows = size === 'full' ? 10_000 : 20;
    const runs = size === 'full' ? { warmup: 1, repeats: 3 } : { warmup: 0, repeats: 1 };
    const results: BenchResult[] = [];
    for (const recordHistory of [false, true]) {
      const m = await measure({
        ...runs,
        run: () => idleHeap(workflows, recordHistory),
        value: (r) => r.bytesPerWorkflow,
      });
      results.push({
        name: recordHistory ? 'idle-memory/history' : 'idle-memory',
        value: round(m.median),
        unit: 'B/workflow',
        target: `< ${IDLE_BYTES_TARGET} (150 MB per 10,000)`,
        ok: m.median < IDLE_BYTES_TARGET,
        context: {
          workflows,
          recordHistory,
          heapDeltaMB: round(m.outcome.heapDeltaBytes / 1e6),
          heapUsedMB: round(m.outcome.heapUsedBytes / 1e6),
          exposedGc: canCollectGarbage(),
          repeats: m.repeats,
          min: round(m.min),
          max: round(m.max),
        },
      });
    }
    return results;
  },
};
