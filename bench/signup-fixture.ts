import { Client, Registry, WorkerService } from '../sdk/index.ts';
import { Simulator } from '../simulator/index.ts';
import {
  IN_PROCESS_WORKER_URL,
  inProcessClientTransport,
  inProcessWorkerTransport,
} from '../testing/in-process-environment.ts';
import type { Email, EmailSender } from '../workflows/signup/emails.ts';
import {
  createSignupWorkflow,
  type Form,
  type UserSignupWorkflow,
} from '../workflows/signup/signup-workflow.ts';

/**
 * An email sender that only counts, by kind: every sign-up state execution sends exactly one email
 * (SubmitState the verification, each VerifyState a reminder or the welcome), so the total is the
 * number of state executions completed.
 *
 * @example
 * const emails = new CountingEmailSender();
 * emails.total; // state executions completed
 */
export class CountingEmailSender implements EmailSender {
  verification = 0;
  reminder = 0;
  welcome = 0;
  send(email: Email): void {
    this[email.kind]++;
  }
  get total(): number {
    return this.verification + this.reminder + this.welcome;
  }
}

/** The reminder interval of the benchmarks: hourly. */
export const REMINDER_SECONDS = 3600;

/** One hour of virtual time, in ms. */
export const HOUR_MS = 3600 * 1000;

/**
 * The sign-up form of user `name`.
 *
 * @example
 * await client.startWorkflow(workflow, 'u1', 3600, signupForm('u1'));
 */
export function signupForm(name: string): Form {
  return { username: name, email: `${name}@example.com`, firstname: 'Ada', lastname: 'Lovelace' };
}

/**
 * The real sign-up workflow with a simulator, a worker and a client connected somehow (in-process,
 * loopback HTTP, msw), and the time control of that setup.
 *
 * @example
 * await rig.advanceBy(24 * HOUR_MS);
 */
export interface SignupRig {
  simulator: Simulator;
  client: Client;
  workflow: UserSignupWorkflow;
  emails: CountingEmailSender;
  advanceBy(ms: number): Promise<void>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A fresh sign-up workflow (hourly reminders) with its counting sender.
 *
 * @example
 * const { workflow, emails } = countedSignupWorkflow();
 */
export function countedSignupWorkflow(): { workflow: UserSignupWorkflow; emails: CountingEmailSender } {
  const emails = new CountingEmailSender();
  return { workflow: createSignupWorkflow({ emails, reminderIntervalSeconds: REMINDER_SECONDS }), emails };
}

/**
 * Builds the in-process rig of the sign-up workflow with hourly reminders. The test harness's
 * environment does the same (plus an exchange observer) but always records history; a large suite
 * would turn it off, so the benchmarks choose.
 *
 * @example
 * const rig = signupRig({ recordHistory: false });
 * await rig.client.startWorkflow(rig.workflow, 'u1', 3600, signupForm('u1'));
 */
export function signupRig(options: { recordHistory: boolean; retentionMs?: number }): SignupRig {
  const { workflow, emails } = countedSignupWorkflow();
  const registry = new Registry().addWorkflows(workflow);
  const simulator = new Simulator({
    clock: 'virtual',
    recordHistory: options.recordHistory,
    ...(options.retentionMs === undefined ? {} : { retentionMs: options.retentionMs }),
    workerTransport: inProcessWorkerTransport(new WorkerService(registry)),
  });
  const client = new Client(registry, {
    transport: inProcessClientTransport(simulator),
    workerUrl: IN_PROCESS_WORKER_URL,
  });
  return {
    simulator,
    client,
    workflow,
    emails,
    advanceBy: (ms) => simulator.advanceBy(ms),
    settle: () => simulator.runUntilIdle(),
    close: () => simulator.close(),
  };
}

/**
 * Starts `count` sign-up workflows `prefix0…` (timeout ten years) and waits until each ran SubmitState
 * and waits on its first reminder timer.
 *
 * @example
 * await startSignups(rig, 1_000, 'u');
 */
export async function startSignups(rig: SignupRig, count: number, prefix: string): Promise<void> {
  const timeoutSeconds = 10 * 365 * 24 * 3600;
  for (let i = 0; i < count; i++) {
    const id = `${prefix}${i}`;
    await rig.client.startWorkflow(rig.workflow, id, timeoutSeconds, signupForm(id));
  }
  await rig.settle();
}

/**
 * Verifies every workflow `prefix0…` (the `verify` RPC), waits for the final VerifyState, and
 * checks that all completed with the expected emails; throws otherwise.
 *
 * @example
 * await verifySignups(rig, 1_000, 'u', 24);
 */
export async function verifySignups(
  rig: SignupRig,
  count: number,
  prefix: string,
  remindersEach: number,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const answer = await rig.client.invokeRpc(rig.workflow, `${prefix}${i}`, 'verify', 'email');
    if (answer !== 'done') throw new Error(`verify of ${prefix}${i} answered ${answer}`);
  }
  await rig.settle();
  const completed = rig.simulator.listWorkflows().filter((w) => w.status === 'COMPLETED').length;
  const { verification, reminder, welcome } = rig.emails;
  if (
    completed !== count ||
    verification !== count ||
    welcome !== count ||
    reminder !== count * remindersEach
  ) {
    throw new Error(
      `expected ${count} completed workflows with ${remindersEach} reminders each; got ${completed} completed, emails ${JSON.stringify(rig.emails)}`,
    );
  }
}
