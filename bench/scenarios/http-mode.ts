import { loopbackSignupRig, mswClientSignupRig, mswSignupRig } from '../http-fixture.ts';
import { measure, timeIt } from '../measure.ts';
import { HOUR_MS, type SignupRig, startSignups, verifySignups } from '../signup-fixture.ts';
import type { Benchmark, BenchResult, BenchSize } from '../types.ts';
import { perSecond, round, type SignupRun } from './signup-throughput.ts';

/** The HTTP target: state executions per second with real HTTP on loopback. */
export const HTTP_TARGET = 1_500;

/**
 * Runs `workflows` sign-ups through `reminders` hourly reminders and verifies them, on a rig
 * built by `makeRig`; the wall time covers start, advance and verify (not building the rig).
 *
 * @example
 * const run = await runOnRig(mswSignupRig, { workflows: 20, reminders: 24 });
 */
export async function runOnRig(
  makeRig: () => SignupRig | Promise<SignupRig>,
  workload: { workflows: number; reminders: number },
): Promise<SignupRun> {
  const rig = await makeRig();
  try {
    const ms = await timeIt(async () => {
      await startSignups(rig, workload.workflows, 'user');
      await rig.advanceBy(workload.reminders * HOUR_MS);
      await verifySignups(rig, workload.workflows, 'user', workload.reminders);
    });
    return { executions: rig.emails.total, ms };
  } finally {
    await rig.close();
  }
}

/**
 * Scenario 5: the sign-up workload over the simulator's HTTP server and a fastify worker on
 * loopback, and the same workload through msw, so the cost of each transport is visible.
 *
 * @example
 * const results = await httpMode.run('smoke');
 */
export const httpMode: Benchmark = {
  name: 'http-mode',
  async run(size: BenchSize): Promise<BenchResult[]> {
    const workload = size === 'full' ? { workflows: 50, reminders: 24 } : { workflows: 2, reminders: 2 };
    // HTTP code (undici, fastify, the sockets) needs a few runs before the JIT settles.
    const runs = size === 'full' ? { warmup: 3, repeats: 5 } : { warmup: 0, repeats: 1 };
    // The target is for real HTTP; the msw rows show what msw costs per request (no target).
    const transports = [
      {
        name: 'http-mode/loopback',
        makeRig: loopbackSignupRig,
        how: 'simulator fastify server + fastify worker on 127.0.0.1',
        targeted: true,
      },
      {
        name: 'http-mode/msw',
        makeRig: mswSignupRig,
        how: 'msw answers the client and the worker requests in-process',
        targeted: false,
      },
      {
        name: 'http-mode/msw-client-only',
        makeRig: mswClientSignupRig,
        how: 'msw answers the client requests; worker in-process',
        targeted: false,
      },
    ];
    const results: BenchResult[] = [];
    for (const transport of transports) {
      const m = await measure({
        ...runs,
        run: () => runOnRig(transport.makeRig, workload),
        value: perSecond,
      });
      results.push({
        name: transport.name,
        value: round(m.median),
        unit: 'exec/s',
        target: transport.targeted ? `>= ${HTTP_TARGET}` : 'report only',
        ok: !transport.targeted || m.median >= HTTP_TARGET,
        context: {
          ...workload,
          transport: transport.how,
          executions: m.outcome.executions,
          perExecutionMs: round(1000 / m.median),
          repeats: m.repeats,
          min: round(m.min),
          max: round(m.max),
        },
      });
    }
    return results;
  },
};
