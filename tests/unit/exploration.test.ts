import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededChoices } from '../../simulator/engine/choices/seeded-choices.ts';
import { explore } from '../../testing/explore.ts';
import { createTestEnvironment } from '../../testing/index.ts';
import { RecordingEmailSender } from '../../workflows/signup/emails.ts';
import { createSignupWorkflow } from '../../workflows/signup/signup-workflow.ts';

const savedSeed = process.env.IWF_EXPLORE_SEED;
const savedMode = process.env.IWF_TEST_MODE;
// Seeds are explored on the in-process backend, whatever backend this run of the suite is for.
beforeEach(() => {
  process.env.IWF_TEST_MODE = 'sim';
});
afterEach(() => {
  if (savedMode === undefined) delete process.env.IWF_TEST_MODE;
  else process.env.IWF_TEST_MODE = savedMode;
  if (savedSeed === undefined) delete process.env.IWF_EXPLORE_SEED;
  else process.env.IWF_EXPLORE_SEED = savedSeed;
});

describe('seeded choices', () => {
  it('makes the same decisions for the same seed and different ones across seeds', () => {
    const picks = (seed: number) => {
      const choices = new SeededChoices(seed);
      return Array.from({ length: 20 }, () => choices.pick('x', 5));
    };
    expect(picks(7)).toEqual(picks(7));
    expect(new Set([1, 2, 3, 4, 5].map((seed) => picks(seed).join())).size).toBe(5);
  });

  it('logs only real choices, numbered from 1', () => {
    const choices = new SeededChoices(3);
    choices.pick('one option', 1);
    const chosen = choices.pick('two options', 2);
    expect(choices.decisions).toEqual([`two options: ${chosen + 1} of 2`]);
  });

  it('spends a fault budget and no more', () => {
    const choices = new SeededChoices(9, { budget: 2, kinds: ['timeout'], probability: 1 });
    expect([choices.takeFault('a'), choices.takeFault('b'), choices.takeFault('c')]).toEqual([
      'timeout',
      'timeout',
      undefined,
    ]);
  });

  it('refuses seed 0, which is the default order and needs no seed', () => {
    expect(() => new SeededChoices(0)).toThrow(/whole number from 1 up \(0 is the default order\)/);
  });
});

describe('explore', () => {
  it('runs the body once per seed, 1 to seeds, in order', async () => {
    const seen: number[] = [];
    const report = await explore({ seeds: 4 }, async ({ seed }) => {
      seen.push(seed);
    });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(report.seeds).toEqual([1, 2, 3, 4]);
  });

  it('replays the one seed IWF_EXPLORE_SEED names', async () => {
    process.env.IWF_EXPLORE_SEED = '17';
    const seen: number[] = [];
    await explore({ seeds: 100 }, async ({ seed }) => {
      seen.push(seed);
    });
    expect(seen).toEqual([17]);
  });

  it('closes the environments a seed created, and leaves environments outside explorations without choices', async () => {
    const workflow = createSignupWorkflow({
      emails: new RecordingEmailSender(),
      reminderIntervalSeconds: 10,
    });
    let inside: Awaited<ReturnType<typeof createTestEnvironment>> | undefined;
    await explore({ seeds: 1 }, async () => {
      inside = await createTestEnvironment({ workflows: [workflow], mode: 'sim' });
    });
    await expect(inside?.now()).rejects.toThrow(/after env.close\(\)/);
    const outside = await createTestEnvironment({ workflows: [workflow], mode: 'sim' });
    expect((outside.simulator as unknown as { choices: unknown }).choices).toBeUndefined();
    await outside.close();
  });

  it('says what is wrong with a seed count', async () => {
    await expect(explore({ seeds: 0 }, async () => {})).rejects.toThrow(
      'explore({ seeds }) needs a whole number of seeds, 1 or more; got 0',
    );
  });
});
