import { beforeEach, describe, expect, it } from 'vitest';
import { createTestEnvironment, forgetEnvironments, recentSimulators } from '../../testing/index.ts';
import { REMEMBERED_ENVIRONMENTS } from '../../testing/recent-environments.ts';
import { RecordingEmailSender } from '../../workflows/signup/emails.ts';
import { createSignupWorkflow } from '../../workflows/signup/signup-workflow.ts';

const workflow = createSignupWorkflow({ emails: new RecordingEmailSender(), reminderIntervalSeconds: 3600 });

describe('the environments kept for a failure report', () => {
  beforeEach(() => forgetEnvironments());

  it('keeps every environment of a test that creates a few, closed or not', async () => {
    const first = await createTestEnvironment({ workflows: [workflow], mode: 'sim' });
    await first.close();
    const second = await createTestEnvironment({ workflows: [workflow], mode: 'sim' });
    expect(recentSimulators()).toEqual([first.simulator, second.simulator]);
    await second.close();
  });

  it('keeps only the latest ones when a loop creates many, so closed environments can be collected', async () => {
    const created = [];
    for (let i = 0; i < REMEMBERED_ENVIRONMENTS + 15; i++) {
      const env = await createTestEnvironment({ workflows: [workflow], mode: 'sim' });
      await env.close();
      created.push(env.simulator);
    }
    expect(recentSimulators()).toEqual(created.slice(-REMEMBERED_ENVIRONMENTS));
  });
});
