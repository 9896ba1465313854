import { RpcLockFailureError, ServerSideError, WorkflowNotExistsError } from 'iwf-ts/sdk';
import { backend, createTestEnvironment, explore, hours, type TestEnvironment } from 'iwf-ts/testing';
import { describe, expect, it, vi } from 'vitest';
import { retryWhileLocked } from '../shared/retry-on-lock.ts';
import { RecordingEmailSender } from './emails.ts';
import { createSignupWorkflow, signupSchema, type UserSignupWorkflow } from './signup-workflow.ts';

// The sign-up workflow under exploration: each seed picks another order among those a real server
// may choose (docs/exploration.md). Outside the in-process backend each body runs once, in the order
// the server picks, so this file runs unchanged on every backend.

const SEEDS = 60;

const form = { username: 'ada', email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace' };

/**
 * A deliberately wrong sign-up: verify reads and writes the status without the lock, so two
 * verifies at once both see "waiting" and both answer "done".
 */
function verifyWithoutLock(workflow: UserSignupWorkflow): UserSignupWorkflow {
  const unlockedVerify = signupSchema.rpc<string, string>({
    handler({ input, persistence, communication }) {
      if (persistence.getDataAttribute('status') === 'verified') return 'already verified';
      persistence.setDataAttribute('status', 'verified');
      persistence.setDataAttribute('source', input);
      communication.publishToInternalChannel('verify');
      return 'done';
    },
  });
  return { ...workflow, rpcs: { ...workflow.rpcs, verify: unlockedVerify } };
}

/** A sign-up submitted for ada, in its own environment (closed by the exploration, or by the caller). */
async function submittedSignup(variant: (w: UserSignupWorkflow) => UserSignupWorkflow = (w) => w) {
  const emails = new RecordingEmailSender();
  const workflow = variant(createSignupWorkflow({ emails, reminderIntervalSeconds: 24 * 3600 }));
  const env = await createTestEnvironment({ workflows: [workflow] });
  await env.client.startWorkflow(workflow, 'ada', 30 * 24 * 3600, form);
  await vi.waitFor(() => expect(emails.ofKind('verification')).toHaveLength(1));
  await expect.poll(async () => (await env.client.invokeRpc(workflow, 'ada', 'describe'))[1]).toBe('waiting');
  return { env, emails, workflow };
}

// A verify accepted while the winner was closing the workflow: refused as on a real server.
const refusedAsClosed = (answer: unknown): boolean =>
  answer instanceof WorkflowNotExistsError ||
  (answer instanceof ServerSideError &&
    answer.status === 500 &&
    answer.detail.includes('AcceptedUpdateCompletedWorkflow'));

/** Clicks verify `clicks` times at once, the way `call` does it; every answer or error. */
function concurrentVerifies(
  env: TestEnvironment,
  workflow: UserSignupWorkflow,
  clicks: number,
  call: (verify: () => Promise<string>) => Promise<string>,
): Promise<unknown[]> {
  return Promise.all(
    Array.from({ length: clicks }, (_, i) =>
      call(() => env.client.invokeRpc(workflow, 'ada', 'verify', `device-${i}`)).catch((e: unknown) => e),
    ),
  );
}

/** What the app promises about concurrent verifies: one "done", the rest told it is verified. */
async function expectOneWinner(env: TestEnvironment, answers: unknown[], emails: RecordingEmailSender) {
  expect(answers.filter((a) => a === 'done')).toHaveLength(1);
  for (const answer of answers.filter((a) => a !== 'done'))
    expect(
      answer === 'already verified' || refusedAsClosed(answer),
      `unexpected answer ${String(answer)}`,
    ).toBe(true);
  expect(await env.client.waitForWorkflowCompletion('ada')).toBe('done');
  expect(emails.ofKind('welcome')).toHaveLength(1);
}

/** Runs an exploration expected to fail; its error message. */
async function failureOf(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the exploration found no failing seed').toBeInstanceOf(Error);
  return (error as Error).message;
}

describe('user sign-up, explored', () => {
  it(`sends one welcome email whether a verify at the reminder's instant goes before or after the reminder (${SEEDS} seeds)`, async () => {
    const remindersSeen = new Set<number>();
    await explore({ seeds: SEEDS }, async () => {
      const { env, emails, workflow } = await submittedSignup();
      await env.advanceBy(hours(24));
      expect(await retryWhileLocked(() => env.client.invokeRpc(workflow, 'ada', 'verify', 'email'))).toBe(
        'done',
      );
      expect(await env.client.waitForWorkflowCompletion('ada')).toBe('done');
      expect(emails.ofKind('welcome')).toHaveLength(1);
      remindersSeen.add(emails.ofKind('reminder').length);
      await env.close();
    });
    // Both orders happened: the reminder first (one reminder), or the verify first (none).
    if (backend.supports('exploration')) expect([...remindersSeen].sort()).toEqual([0, 1]);
  });

  it(`lets one of four concurrent verifies win and tells the others, 450s included (${SEEDS} seeds)`, async () => {
    let refusedSomewhere = false;
    await explore({ seeds: SEEDS }, async () => {
      const { env, emails, workflow } = await submittedSignup();
      const answers = await concurrentVerifies(env, workflow, 4, (verify) =>
        retryWhileLocked(async () => {
          try {
            return await verify();
          } catch (error) {
            if (error instanceof RpcLockFailureError) refusedSomewhere = true;
            throw error;
          }
        }),
      );
      await expectOneWinner(env, answers, emails);
      await env.close();
    });
    if (backend.supports('exploration')) expect(refusedSomewhere).toBe(true);
  });

  it.skipIf(backend.reasonItLacks('exploration'))(
    'finds the app that does not retry a 450 within 10 seeds, and its printed seed replays the failure exactly',
    async () => {
      const body = async () => {
        const { env, emails, workflow } = await submittedSignup();
        const answers = await concurrentVerifies(env, workflow, 4, (verify) => verify());
        await expectOneWinner(env, answers, emails);
      };
      const message = await failureOf(explore({ seeds: 10 }, body));
      const seed = Number(/exploration failed at seed (\d+)/.exec(message)?.[1]);
      expect(message).toContain(
        `replay it exactly: explore({ seed: ${seed} }, …) or IWF_EXPLORE_SEED=${seed}`,
      );
      expect(message).toMatch(/locking RPCs delivered in one workflow task: [2-4] of [2-4]/);
      expect(message).toContain('RpcRefused');
      for (let replay = 0; replay < 3; replay++)
        expect(await failureOf(explore({ seed }, body))).toBe(message.replace(/ \(of seeds 1\.\.10\)/, ''));
    },
  );

  it.skipIf(backend.reasonItLacks('exploration'))(
    'finds the verify without a lock within 10 seeds (two clicks both answered "done"), and its seed replays it exactly',
    async () => {
      const body = async () => {
        const { env, emails, workflow } = await submittedSignup(verifyWithoutLock);
        const answers = await concurrentVerifies(env, workflow, 2, (verify) => retryWhileLocked(verify));
        await expectOneWinner(env, answers, emails);
      };
      const message = await failureOf(explore({ seeds: 10 }, body));
      // Only some orders show it: both answers must be held back until both verifies have loaded.
      expect(message).toMatch(
        /^exploration failed at seed \d+ \(of seeds 1\.\.10\): expected \[ 'done', 'done' \] to have a length of 1/,
      );
      const seed = Number(/exploration failed at seed (\d+)/.exec(message)?.[1]);
      for (let replay = 0; replay < 3; replay++)
        expect(await failureOf(explore({ seed }, body))).toBe(message.replace(/ \(of seeds 1\.\.10\)/, ''));
    },
  );
});
