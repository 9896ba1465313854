import {
  RpcLockFailureError,
  ServerSideError,
  WorkflowAlreadyStartedError,
  WorkflowNotExistsError,
  WorkflowTimeoutError,
} from 'iwf-ts/sdk';
import { backend, createTestEnvironment, days, hours, seconds, type TestEnvironment } from 'iwf-ts/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordingEmailSender } from './emails.ts';
import { createSignupWorkflow, type Form, type UserSignupWorkflow } from './signup-workflow.ts';

const form = (username: string): Form => ({
  username,
  email: `${username}@example.com`,
  firstname: 'Ada',
  lastname: 'Lovelace',
});

let env: TestEnvironment | undefined;
afterEach(async () => {
  // Let the worker finish what the server is asking of it: a worker call still in flight at close
  // keeps its keep-alive connection, and with it the close of a real-mode worker, open for ~72 s.
  await env?.settle();
  await env?.close();
  env = undefined;
});

/** An environment serving the sign-up workflow, with emails stamped by the environment's clock. */
async function signupEnvironment(reminderIntervalSeconds: number) {
  let now = () => Date.now();
  const emails = new RecordingEmailSender(() => now());
  const workflow = createSignupWorkflow({ emails, reminderIntervalSeconds });
  env = await createTestEnvironment({ workflows: [workflow] });
  const sim = env.simulator;
  if (sim) now = () => sim.now();
  const start = await env.now();
  return { env, emails, workflow, start };
}

/**
 * Waits until SubmitState has sent the verification email and stored the form: a real server runs
 * the first state a moment after the start, so a test that acts on the submitted form waits for it.
 */
async function submitted(
  env: TestEnvironment,
  workflow: UserSignupWorkflow,
  emails: RecordingEmailSender,
): Promise<void> {
  await vi.waitFor(() => expect(emails.ofKind('verification')).toHaveLength(1));
  await expect.poll(async () => (await env.client.invokeRpc(workflow, 'ada', 'describe'))[1]).toBe('waiting');
}

/**
 * A real server's answer to a locking RPC whose update was accepted while it waited for the lock,
 * but whose workflow completed (here: the winning verify closed it) before the update ran.
 */
const acceptedUpdateOfCompletedWorkflow = (answer: unknown): boolean =>
  answer instanceof ServerSideError &&
  answer.status === 500 &&
  answer.detail.includes('AcceptedUpdateCompletedWorkflow');

describe('user sign-up', () => {
  it('sends the verification email when the form is submitted', async () => {
    const { env, emails, workflow } = await signupEnvironment(24 * 3600);
    await env.client.startWorkflow(workflow, 'ada', 3600, form('ada'));
    await submitted(env, workflow, emails);
    await env.settle();
    expect(emails.sent.map((e) => [e.kind, e.to])).toEqual([['verification', 'ada@example.com']]);
  });

  it.skipIf(backend.reasonItLacks('exactTime'))(
    'sends exactly three reminders at 24 h, 48 h and 72 h when nobody verifies for 72 hours',
    async () => {
      const { env, emails, workflow, start } = await signupEnvironment(24 * 3600);
      await env.client.startWorkflow(workflow, 'ada', 30 * 24 * 3600, form('ada'));
      await env.advanceBy(hours(24) - seconds(1));
      expect(emails.ofKind('reminder')).toHaveLength(0);
      await env.advanceBy(seconds(1) + hours(48));
      const reminders = emails.ofKind('reminder');
      expect(reminders.map((e) => (e.at ?? 0) - start)).toEqual([hours(24), hours(48), hours(72)]);
      await env.advanceBy(hours(24) - seconds(1));
      expect(emails.ofKind('reminder')).toHaveLength(3);
    },
  );

  it('completes with "done" and sends the welcome email when the user verifies after reminders', async () => {
    const { env, emails, workflow } = await signupEnvironment(24 * 3600);
    await env.client.startWorkflow(workflow, 'ada', 30 * 24 * 3600, form('ada'));
    await submitted(env, workflow, emails);
    await env.advanceBy(hours(49));
    expect(emails.ofKind('reminder')).toHaveLength(2);

    expect(await env.client.invokeRpc(workflow, 'ada', 'verify', 'email')).toBe('done');
    expect(await env.client.waitForWorkflowCompletion('ada')).toBe('done');
    expect(emails.ofKind('welcome').map((e) => e.to)).toEqual(['ada@example.com']);
    expect((await env.client.describeWorkflow('ada')).workflowStatus).toBe('COMPLETED');
  });

  it('answers "already verified" to a second verify that arrives before the workflow closes', async () => {
    const { env, emails, workflow } = await signupEnvironment(24 * 3600);
    await env.client.startWorkflow(workflow, 'ada', 3600, form('ada'));
    await submitted(env, workflow, emails);
    const first = env.client.invokeRpc(workflow, 'ada', 'verify', 'email');
    await first;
    const second = await env.client.invokeRpc(workflow, 'ada', 'verify', 'sms').catch((e: unknown) => e);
    // The welcome state may already have closed the workflow: then the RPC is refused as on a real
    // server (which answers 500 instead when it had accepted the RPC just before the close).
    if (typeof second === 'string') expect(second).toBe('already verified');
    else
      expect(
        second instanceof WorkflowNotExistsError || acceptedUpdateOfCompletedWorkflow(second),
        `unexpected answer ${String(second)}`,
      ).toBe(true);
  });

  it('lets exactly one of many concurrent verify calls win, refuses some with 450 (lock held), and sends one welcome email', async () => {
    const { env, emails, workflow } = await signupEnvironment(24 * 3600);
    await env.client.startWorkflow(workflow, 'ada', 3600, form('ada'));
    await submitted(env, workflow, emails);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        env.client.invokeRpc(workflow, 'ada', 'verify', `device-${i}`).catch((error: unknown) => error),
      ),
    );
    expect(answers.filter((a) => a === 'done')).toHaveLength(1);
    for (const answer of answers.filter((a) => a !== 'done')) {
      const allowed =
        answer === 'already verified' ||
        answer instanceof RpcLockFailureError ||
        answer instanceof WorkflowNotExistsError ||
        acceptedUpdateOfCompletedWorkflow(answer);
      expect(allowed, `unexpected answer ${String(answer)}`).toBe(true);
    }
    // Verifies delivered in one workflow task are validated together: only the first gets the lock.
    expect(answers.filter((a) => a instanceof RpcLockFailureError).length).toBeGreaterThan(0);
    expect(await env.client.waitForWorkflowCompletion('ada')).toBe('done');
    expect(emails.ofKind('welcome')).toHaveLength(1);
  });

  it('rejects a second submit for the same username while the first is running', async () => {
    const { env, workflow } = await signupEnvironment(24 * 3600);
    await env.client.startWorkflow(workflow, 'ada', 3600, form('ada'));
    await expect(env.client.startWorkflow(workflow, 'ada', 3600, form('ada'))).rejects.toBeInstanceOf(
      WorkflowAlreadyStartedError,
    );
  });

  // Counting reminders needs exact time: on a skipping clock each cycle also takes its real ms.
  it.skipIf(backend.reasonItLacks('instantTime') || backend.reasonItLacks('exactTime'))(
    'times out when nobody verifies before the workflow timeout',
    async () => {
      const { env, emails, workflow } = await signupEnvironment(10);
      await env.client.startWorkflow(workflow, 'ada', 3600, form('ada'));
      const outcome = await env.client.waitForWorkflowCompletion('ada').catch((e: unknown) => e);
      expect(outcome).toBeInstanceOf(WorkflowTimeoutError);
      expect((outcome as WorkflowTimeoutError).workflowStatus).toBe('TIMEOUT');
      // 3600 s / 10 s: the reminder due exactly at the timeout races it; at least 359 were sent.
      expect(emails.ofKind('reminder').length).toBeGreaterThanOrEqual(359);
    },
  );

  it('describes the form, the status and the verification source', async () => {
    const { env, emails, workflow } = await signupEnvironment(24 * 3600);
    await env.client.startWorkflow(workflow, 'ada', 3600, form('ada'));
    await submitted(env, workflow, emails);
    expect(await env.client.invokeRpc(workflow, 'ada', 'describe')).toEqual([form('ada'), 'waiting', null]);
    expect(await env.client.invokeRpc(workflow, 'ada', 'verify', 'email')).toBe('done');
  });

  it.skipIf(backend.reasonItLacks('exactTime'))(
    'runs thirty days of hourly reminders on virtual time',
    async () => {
      const { env, emails, workflow } = await signupEnvironment(3600);
      await env.client.startWorkflow(workflow, 'ada', 40 * 24 * 3600, form('ada'));
      await env.advanceBy(days(30));
      expect(emails.ofKind('reminder')).toHaveLength(720);
    },
  );
});
