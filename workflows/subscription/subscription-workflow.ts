import {
  CommandRequest,
  dataAttribute,
  StateDecision,
  signalChannel,
  stateInput,
  TimerCommand,
  workflowSchema,
} from 'iwf-ts/sdk';
import type { BillingService } from './billing.ts';

/** The subscription plan; periods in seconds so a demo can use seconds and a test months. */
export interface Subscription {
  trialPeriodSeconds: number;
  billingPeriodSeconds: number;
  /** Periods to bill before the subscription is over. */
  maxBillingPeriods: number;
  billingPeriodCharge: number;
}

/** The customer and their plan: the workflow's input. */
export interface Customer {
  customerId: string;
  email: string;
  subscription: Subscription;
}

/** What `describe` returns. */
export interface SubscriptionDescription {
  customer: Customer | undefined;
  /** Billing periods started so far (0 during the trial). */
  billingPeriodNum: number;
}

/**
 * The subscription workflow's declarations: the customer, the billing period counter, and two
 * signal channels, `cancel` (a reason) and `updateChargeAmount` (the new amount).
 *
 * @example
 * subscriptionSchema.workflowType; // 'SubscriptionWorkflow'
 */
export const subscriptionSchema = workflowSchema({
  workflowType: 'SubscriptionWorkflow',
  states: {
    InitState: stateInput<Customer>(),
    TrialState: stateInput(),
    ChargeCurrentBillState: stateInput(),
    UpdateChargeAmountState: stateInput(),
    CancelState: stateInput(),
  },
  dataAttributes: {
    customer: dataAttribute<Customer>(),
    billingPeriodNum: dataAttribute<number>(),
  },
  signalChannels: {
    cancel: signalChannel<string>(),
    updateChargeAmount: signalChannel<number>(),
  },
});

/** What the subscription workflow needs from outside. */
export interface SubscriptionDependencies {
  billing: BillingService;
}

/** The state execution local with which ChargeCurrentBillState's waitUntil tells execute "no more periods". */
const SUBSCRIPTION_OVER = 'subscriptionOver';

/**
 * Builds the subscription workflow: a trial, then a charge at the end of each billing period until
 * the last one. Two more threads run in parallel the whole time: one waits for `cancel` (and
 * closes the workflow), one applies each `updateChargeAmount` to the following charges.
 *
 * @example
 * const SubscriptionWorkflow = createSubscriptionWorkflow({ billing: new ConsoleBillingService() });
 * await client.startWorkflow(SubscriptionWorkflow, 'sub-ada', 0, customer);
 * await client.signalWorkflow(SubscriptionWorkflow, 'sub-ada', 'updateChargeAmount', 25);
 */
export function createSubscriptionWorkflow({ billing }: SubscriptionDependencies) {
  const s = subscriptionSchema;
  const customerOf = (value: Customer | undefined): Customer => {
    if (!value) throw new Error('the customer data attribute is missing: InitState stores it first');
    return value;
  };

  const InitState = s.state('InitState', {
    execute({ input, persistence }) {
      persistence.setDataAttribute('customer', input);
      persistence.setDataAttribute('billingPeriodNum', 0);
      // Three threads: the billing loop, and the two signal listeners.
      return StateDecision.multiNextStates(
        s.movement('TrialState'),
        s.movement('CancelState'),
        s.movement('UpdateChargeAmountState'),
      );
    },
  });

  const TrialState = s.state('TrialState', {
    async waitUntil({ persistence }) {
      const customer = customerOf(persistence.getDataAttribute('customer'));
      await billing.sendEmail({ kind: 'welcome', to: customer.email });
      return CommandRequest.forAllCommandCompleted(
        TimerCommand.bySeconds(customer.subscription.trialPeriodSeconds),
      );
    },
    execute: () => s.nextState('ChargeCurrentBillState'),
  });

  const ChargeCurrentBillState = s.state('ChargeCurrentBillState', {
    waitUntil({ persistence }) {
      const customer = customerOf(persistence.getDataAttribute('customer'));
      const periodNum = persistence.getDataAttribute('billingPeriodNum') ?? 0;
      if (periodNum >= customer.subscription.maxBillingPeriods) {
        persistence.setStateExecutionLocal(SUBSCRIPTION_OVER, true);
        return CommandRequest.empty();
      }
      persistence.setDataAttribute('billingPeriodNum', periodNum + 1);
      return CommandRequest.forAllCommandCompleted(
        TimerCommand.bySeconds(customer.subscription.billingPeriodSeconds),
      );
    },
    async execute({ persistence }) {
      // Read in execute, not waitUntil: an updateChargeAmount during the period applies to its charge.
      const customer = customerOf(persistence.getDataAttribute('customer'));
      if (persistence.getStateExecutionLocal<boolean>(SUBSCRIPTION_OVER)) {
        await billing.sendEmail({ kind: 'subscriptionOver', to: customer.email });
        return StateDecision.forceCompleteWorkflow('subscription over');
      }
      await billing.charge({
        customerId: customer.customerId,
        amount: customer.subscription.billingPeriodCharge,
        billingPeriodNum: persistence.getDataAttribute('billingPeriodNum') ?? 0,
      });
      return s.nextState('ChargeCurrentBillState');
    },
  });

  const UpdateChargeAmountState = s.state('UpdateChargeAmountState', {
    waitUntil: () => CommandRequest.forAllCommandCompleted(s.signalChannelCommand('updateChargeAmount')),
    execute({ commandResults, persistence }) {
      const amount = commandResults.signalChannel('updateChargeAmount')?.value;
      const customer = customerOf(persistence.getDataAttribute('customer'));
      if (typeof amount === 'number' && amount >= 0) {
        persistence.setDataAttribute('customer', {
          ...customer,
          subscription: { ...customer.subscription, billingPeriodCharge: amount },
        });
      }
      return s.nextState('UpdateChargeAmountState'); // listen for the next change
    },
  });

  const CancelState = s.state('CancelState', {
    waitUntil: () => CommandRequest.forAllCommandCompleted(s.signalChannelCommand('cancel')),
    async execute({ commandResults, persistence }) {
      const customer = customerOf(persistence.getDataAttribute('customer'));
      await billing.sendEmail({ kind: 'cancellation', to: customer.email });
      const reason = commandResults.signalChannel('cancel')?.value;
      // Force: the billing loop and the update listener are abandoned, not awaited.
      return StateDecision.forceCompleteWorkflow(`cancelled${reason ? `: ${reason}` : ''}`);
    },
  });

  const describe = s.rpc<void, SubscriptionDescription>({
    handler: ({ persistence }) => ({
      customer: persistence.getDataAttribute('customer'),
      billingPeriodNum: persistence.getDataAttribute('billingPeriodNum') ?? 0,
    }),
  });

  return s.workflow({
    startingState: 'InitState',
    states: [InitState, TrialState, ChargeCurrentBillState, UpdateChargeAmountState, CancelState],
    rpcs: { describe },
  });
}

/** The type of the subscription workflow definition. */
export type SubscriptionWorkflow = ReturnType<typeof createSubscriptionWorkflow>;
