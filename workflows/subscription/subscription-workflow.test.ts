import { backend, createTestEnvironment, days, type TestEnvironment } from 'iwf-ts/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordingBillingService } from './billing.ts';
import {
  type Customer,
  createSubscriptionWorkflow,
  type SubscriptionWorkflow,
} from './subscription-workflow.ts';

const DAY = 24 * 3600;
const ada = (maxBillingPeriods = 12): Customer => ({
  customerId: 'ada',
  email: 'ada@example.com',
  subscription: {
    trialPeriodSeconds: 30 * DAY,
    billingPeriodSeconds: 30 * DAY,
    maxBillingPeriods,
    billingPeriodCharge: 10,
  },
});
const TIMEOUT = 2 * 365 * DAY;

let env: TestEnvironment | undefined;
afterEach(async () => {
  // Let the worker finish what the server is asking of it: a worker call still in flight at close
  // keeps its keep-alive connection, and with it the close of a real-mode worker, open for ~72 s.
  await env?.settle();
  await env?.close();
  env = undefined;
});

/** An environment serving the subscription workflow, with emails and charges stamped by its clock. */
async function subscriptionEnvironment() {
  let now = () => Date.now();
  const billing = new RecordingBillingService(() => now());
  const workflow = createSubscriptionWorkflow({ billing });
  env = await createTestEnvironment({ workflows: [workflow] });
  const sim = env.simulator;
  if (sim) now = () => sim.now();
  return { env, billing, workflow, start: await env.now() };
}

/**
 * Starts the subscription and waits for the welcome email, which TrialState sends while it returns
 * the trial timer: from then on `advanceBy` sees that timer. (A real server calls the worker a
 * moment after the start; an advance made before that call would skip nothing.)
 */
async function startSubscription(
  env: TestEnvironment,
  billing: RecordingBillingService,
  workflow: SubscriptionWorkflow,
  customer: Customer,
): Promise<void> {
  await env.client.startWorkflow(workflow, 'sub-ada', TIMEOUT, customer);
  await vi.waitFor(() => expect(billing.emailKinds()).toContain('welcome'));
}

/** Waits until the workflow has applied an updateChargeAmount signal (signals are processed asynchronously on a real server). */
async function chargeApplied(
  env: TestEnvironment,
  workflow: SubscriptionWorkflow,
  amount: number,
): Promise<void> {
  await expect
    .poll(
      async () =>
        (await env.client.invokeRpc(workflow, 'sub-ada', 'describe')).customer?.subscription
          .billingPeriodCharge,
    )
    .toBe(amount);
}

describe('subscription', () => {
  it('sends the welcome email at once and charges nothing during the 30-day trial', async () => {
    const { env, billing, workflow } = await subscriptionEnvironment();
    await startSubscription(env, billing, workflow, ada());
    await env.advanceBy(days(29));
    expect(billing.emailKinds()).toEqual(['welcome']);
    expect(billing.charges).toEqual([]);
  });

  it.skipIf(backend.reasonItLacks('exactTime'))(
    'charges the monthly amount at the end of each billing period after the trial',
    async () => {
      const { env, billing, workflow, start } = await subscriptionEnvironment();
      await startSubscription(env, billing, workflow, ada());
      await env.advanceBy(days(30 + 90));
      expect(billing.charges.map((c) => [c.billingPeriodNum, c.amount, (c.at ?? 0) - start])).toEqual([
        [1, 10, days(60)],
        [2, 10, days(90)],
        [3, 10, days(120)],
      ]);
    },
  );

  it('completes after the last billing period and tells the customer the subscription is over', async () => {
    const { env, billing, workflow } = await subscriptionEnvironment();
    await startSubscription(env, billing, workflow, ada(3));
    // advanceBy, not a bare wait: see the note on long polls in the README. One more day than the
    // last period's end: on a real server each period's timer starts a moment of real time after
    // the previous one fired, so the last one falls due just after day 120.
    await env.advanceBy(days(30 + 3 * 30 + 1));
    expect(await env.client.waitForWorkflowCompletion('sub-ada')).toBe('subscription over');
    expect(billing.charges.map((c) => c.billingPeriodNum)).toEqual([1, 2, 3]);
    expect(billing.emailKinds()).toEqual(['welcome', 'subscriptionOver']);
  });

  it('charges the new amount from the period in which updateChargeAmount arrives', async () => {
    const { env, billing, workflow } = await subscriptionEnvironment();
    await startSubscription(env, billing, workflow, ada());
    await env.advanceBy(days(75)); // one charge (day 60), mid second period
    await env.client.signalWorkflow(workflow, 'sub-ada', 'updateChargeAmount', 25);
    await chargeApplied(env, workflow, 25);
    await env.advanceBy(days(30));
    await env.client.signalWorkflow(workflow, 'sub-ada', 'updateChargeAmount', 30);
    await chargeApplied(env, workflow, 30);
    await env.advanceBy(days(30));
    expect(billing.charges.map((c) => c.amount)).toEqual([10, 25, 30]);
  });

  it('stops charging and completes with a cancellation email when the customer cancels', async () => {
    const { env, billing, workflow } = await subscriptionEnvironment();
    await startSubscription(env, billing, workflow, ada());
    await env.advanceBy(days(100)); // charges on days 60 and 90
    await env.client.signalWorkflow(workflow, 'sub-ada', 'cancel', 'too expensive');
    expect(await env.client.waitForWorkflowCompletion('sub-ada')).toBe('cancelled: too expensive');
    await env.advanceBy(days(60));
    expect(billing.charges).toHaveLength(2);
    expect(billing.emailKinds()).toEqual(['welcome', 'cancellation']);
  });

  it('never charges a customer who cancels during the trial', async () => {
    const { env, billing, workflow } = await subscriptionEnvironment();
    await startSubscription(env, billing, workflow, ada());
    await env.advanceBy(days(10));
    await env.client.signalWorkflow(workflow, 'sub-ada', 'cancel', '');
    expect(await env.client.waitForWorkflowCompletion('sub-ada')).toBe('cancelled');
    expect(billing.charges).toEqual([]);
  });

  it('describes the customer with the current charge and the billing period', async () => {
    const { env, billing, workflow } = await subscriptionEnvironment();
    await startSubscription(env, billing, workflow, ada());
    await env.advanceBy(days(45));
    await env.client.signalWorkflow(workflow, 'sub-ada', 'updateChargeAmount', 12);
    await chargeApplied(env, workflow, 12);
    const description = await env.client.invokeRpc(workflow, 'sub-ada', 'describe');
    expect(description.billingPeriodNum).toBe(1);
    expect(description.customer).toEqual({
      ...ada(),
      subscription: { ...ada().subscription, billingPeriodCharge: 12 },
    });
  });

  it.skipIf(backend.reasonItLacks('exactTime'))(
    'bills a year of monthly periods on virtual time',
    async () => {
      const { env, billing, workflow } = await subscriptionEnvironment();
      await startSubscription(env, billing, workflow, ada(12));
      await env.advanceBy(days(30 + 12 * 30));
      expect(billing.charges).toHaveLength(12);
      expect((await env.client.describeWorkflow('sub-ada')).workflowStatus).toBe('COMPLETED');
    },
  );
});
