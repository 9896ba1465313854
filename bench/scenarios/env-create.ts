import { createTestEnvironment } from '../../testing/index.ts';
import { createSignupWorkflow } from '../../workflows/signup/signup-workflow.ts';
import { measure, timeIt } from '../measure.ts';
import { CountingEmailSender, REMINDER_SECONDS } from '../signup-fixture.ts';
import type { Benchmark, BenchResult, BenchSize } from '../types.ts';
import { round } from './signup-throughput.ts';

/** The harness target: create and close an environment in under 5 ms. */
export const ENV_CREATE_TARGET_MS = 5;

/**
 * Mean ms of one `createTestEnvironment` (in-process `sim` mode, the sign-up workflow) plus its
 * `close()`, over a batch of `count`.
 *
 * @example
 * const ms = await createAndClose(100);
 */
export async function createAndClose(count: number): Promise<number> {
  const workflow = createSignupWorkflow({
    emails: new CountingEmailSender(),
    reminderIntervalSeconds: REMINDER_SECONDS,
  });
  const ms = await timeIt(async () => {
    for (let i = 0; i < count; i++) {
      const env = await createTestEnvironment({ workflows: [workflow], mode: 'sim' });
      await env.close();
    }
  });
  return ms / count;
}

/**
 * Scenario 4: time to create and close a test environment.
 *
 * @example
 * const results = await envCreate.run('smoke');
 */
export const envCreate: Benchmark = {
  name: 'env-create',
  async run(size: BenchSize): Promise<BenchResult[]> {
    const batch = size === 'full' ? 200 : 2;
    const runs = size === 'full' ? { warmup: 3, repeats: 11 } : { warmup: 0, repeats: 1 };
    const m = await measure({ ...runs, run: () => createAndClose(batch), value: (ms) => ms });
    return [
      {
        name: 'env-create',
        value: round(m.median),
        unit: 'ms',
        target: `< ${ENV_CREATE_TARGET_MS}`,
        ok: m.median < ENV_CREATE_TARGET_MS,
        context: { mode: 'sim', batch, repeats: m.repeats, min: round(m.min), max: round(m.max) },
      },
    ];
  },
};
