import { createTestEnvironment, explore, hours } from '../../testing/index.ts';
import { retryWhileLocked } from '../../workflows/shared/retry-on-lock.ts';
import { RecordingEmailSender } from '../../workflows/signup/emails.ts';
import { createSignupWorkflow } from '../../workflows/signup/signup-workflow.ts';
import { measure } from '../measure.ts';
import type { Benchmark, BenchResult, BenchSize } from '../types.ts';
import { round } from './signup-throughput.ts';

const form = { username: 'ada', email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace' };

/**
 * One seed of the sign-up exploration: submit, a day passes, two verifies at the reminder's instant
 * (the app retries a 450), completion, one welcome email.
 *
 * @example
 * await explore({ seeds: 10 }, signupSeed);
 */
export async function signupSeed(): Promise<void> {
  const emails = new RecordingEmailSender();
  const workflow = createSignupWorkflow({ emails, reminderIntervalSeconds: 24 * 3600 });
  const env = await createTestEnvironment({ workflows: [workflow], mode: 'sim' });
  await env.client.startWorkflow(workflow, 'ada', 30 * 24 * 3600, form);
  await env.settle();
  await env.advanceBy(hours(24));
  const verify = () => retryWhileLocked(() => env.client.invokeRpc(workflow, 'ada', 'verify', 'email'));
  const answers = await Promise.all([verify(), verify()].map((p) => p.catch((e: unknown) => e)));
  if (!answers.includes('done')) throw new Error(`no verify won: ${answers.map(String).join(', ')}`);
  await env.client.waitForWorkflowCompletion('ada');
  if (emails.ofKind('welcome').length !== 1) throw new Error('not exactly one welcome email');
  await env.close();
}

/**
 * Seeds per second of an exploration of the sign-up test (in-process, each seed a new environment).
 *
 * @example
 * const results = await explorationSeeds.run('smoke');
 */
export const explorationSeeds: Benchmark = {
  name: 'exploration-seeds',
  async run(size: BenchSize): Promise<BenchResult[]> {
    const seeds = size === 'full' ? 200 : 3;
    const runs = size === 'full' ? { warmup: 1, repeats: 5 } : { warmup: 0, repeats: 1 };
    const m = await measure({
      ...runs,
      run: async () => {
        const startedAt = performance.now();
        const report = await explore({ seeds }, signupSeed);
        return (report.seeds.length * 1000) / (performance.now() - startedAt);
      },
      value: (perSecond) => perSecond,
    });
    return [
      {
        name: 'exploration-seeds',
        value: round(m.median),
        unit: 'seeds/s',
        target: 'report only',
        ok: true,
        context: { seeds, repeats: m.repeats, min: round(m.min), max: round(m.max) },
      },
    ];
  },
};
