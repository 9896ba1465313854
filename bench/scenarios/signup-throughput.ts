import { measure, timeIt } from '../measure.ts';
import { HOUR_MS, signupRig, startSignups, verifySignups } from '../signup-fixture.ts';
import type { Benchmark, BenchResult, BenchSize } from '../types.ts';

/** The in-process throughput target: state executions per second. */
export const IN_PROCESS_TARGET = 50_000;

/** One timed run of the sign-up workload: how many state executions, in how many ms. */
export interface SignupRun {
  executions: number;
  ms: number;
  /**
   * The run's three parts (in-process runs only): starting the workflows (each runs SubmitState and
   * its first waitUntil), advancing time (the reminders: `advanceExecutions` state executions with
   * every workflow live), verifying them all (an RPC and the final VerifyState each).
   */
  phases?: SignupPhases;
}

/** The parts of an in-process sign-up run; see `SignupRun.phases`. */
export interface SignupPhases {
  startMs: number;
  advanceMs: number;
  verifyMs: number;
  advanceExecutions: number;
}

/**
 * Runs `workflows` sign-ups in-process through `reminders` hourly reminders each, then verifies
 * them all: starts, advances virtual time, verifies and checks the emails; the wall time covers
 * all of it.
 *
 * @example
 * const { executions, ms } = await runSignups({ workflows: 1, reminders: 720, recordHistory: false });
 */
export async function runSignups(options: {
  workflows: number;
  reminders: number;
  recordHistory: boolean;
}): Promise<SignupRun & { phases: SignupPhases }> {
  const rig = signupRig({ recordHistory: options.recordHistory });
  const startMs = await timeIt(() => startSignups(rig, options.workflows, 'user'));
  const executionsBefore = rig.emails.total;
  const advanceMs = await timeIt(() => rig.advanceBy(options.reminders * HOUR_MS));
  const advanceExecutions = rig.emails.total - executionsBefore;
  const verifyMs = await timeIt(() => verifySignups(rig, options.workflows, 'user', options.reminders));
  await rig.close();
  return {
    executions: rig.emails.total,
    ms: startMs + advanceMs + verifyMs,
    phases: { startMs, advanceMs, verifyMs, advanceExecutions },
  };
}

/**
 * Executions per second of a run.
 *
 * @example
 * perSecond({ executions: 1_000, ms: 20 }); // 50_000
 */
export function perSecond(run: SignupRun): number {
  return (run.executions / run.ms) * 1000;
}

/** Rounds for display and JSON: integers above 100, else 3 significant digits. */
export function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3));
}

/** How often to run one variant: unmeasured warm-up runs, then measured repeats. */
interface Runs {
  warmup: number;
  repeats: number;
}

async function throughputResults(
  name: string,
  workload: { workflows: number; reminders: number },
  variants: { history: boolean; runs: Runs }[],
  withWall: boolean,
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const { history: recordHistory, runs } of variants) {
    const m = await measure({
      ...runs,
      run: () => runSignups({ ...workload, recordHistory }),
      value: perSecond,
    });
    const suffix = recordHistory ? '/history' : '';
    const context = {
      ...workload,
      executions: m.outcome.executions,
      recordHistory,
      warmup: runs.warmup,
      repeats: m.repeats,
      min: round(m.min),
      max: round(m.max),
    };
    results.push({
      name: `${name}${suffix}`,
      value: round(m.median),
      unit: 'exec/s',
      target: `>= ${IN_PROCESS_TARGET}`,
      ok: m.median >= IN_PROCESS_TARGET,
      context,
    });
    if (withWall) {
      results.push({
        name: `${name}${suffix}/wall`,
        value: round(m.outcome.ms),
        unit: 'ms',
        target: 'report only',
        ok: true,
        context: { ...workload, executions: m.outcome.executions, recordHistory },
      });
    }
  }
  return results;
}

const SMOKE_RUNS: Runs = { warmup: 0, repeats: 1 };

/**
 * Scenario 1: one sign-up workflow through 720 hourly reminders (30 days), in-process.
 *
 * @example
 * const results = await signupRemindersSingle.run('smoke');
 */
export const signupRemindersSingle: Benchmark = {
  name: 'signup-reminders-single',
  run: (size: BenchSize) =>
    throughputResults(
      'signup-reminders-single',
      { workflows: 1, reminders: size === 'full' ? 720 : 5 },
      [false, true].map((history) => ({
        history,
        runs: size === 'full' ? { warmup: 10, repeats: 21 } : SMOKE_RUNS,
      })),
      true,
    ),
};

/**
 * Scenario 2: 10,000 sign-up workflows through 24 hourly reminders each, then verified.
 *
 * @example
 * const results = await signupConcurrent.run('smoke');
 */
export const signupConcurrent: Benchmark = {
  name: 'signup-concurrent',
  run: (size: BenchSize) =>
    throughputResults(
      'signup-concurrent',
      size === 'full' ? { workflows: 10_000, reminders: 24 } : { workflows: 5, reminders: 2 },
      // The history variant runs on code the first variant warmed up; it is the slow one.
      [
        { history: false, runs: size === 'full' ? { warmup: 1, repeats: 3 } : SMOKE_RUNS },
        { history: true, runs: size === 'full' ? { warmup: 0, repeats: 3 } : SMOKE_RUNS },
      ],
      false,
    ),
};
