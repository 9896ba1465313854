/** What the subscription workflow does outside: emails and charges. */
export interface BillingService {
  sendEmail(email: SubscriptionEmail): void | Promise<void>;
  charge(charge: Charge): void | Promise<void>;
}

/** One email to the customer. */
export interface SubscriptionEmail {
  kind: 'welcome' | 'cancellation' | 'subscriptionOver';
  to: string;
  /** When it was sent, by the recorder's clock (epoch ms). */
  at?: number;
}

/** One charge of a billing period. */
export interface Charge {
  customerId: string;
  amount: number;
  billingPeriodNum: number;
  /** When it was made, by the recorder's clock (epoch ms). */
  at?: number;
}

/**
 * Logs every email and charge, for the demo.
 *
 * @example
 * createSubscriptionWorkflow({ billing: new ConsoleBillingService(console.log) });
 */
export class ConsoleBillingService implements BillingService {
  constructor(private readonly log: (line: string) => void = (line) => console.log(line)) {}
  sendEmail(email: SubscriptionEmail): void {
    this.log(`[email] ${email.kind} email to ${email.to}`);
  }
  charge(charge: Charge): void {
    this.log(`[billing] charge ${charge.customerId} ${charge.amount} for period ${charge.billingPeriodNum}`);
  }
}

/**
 * Keeps every email and charge in memory, stamped by a clock, for tests.
 *
 * @example
 * const billing = new RecordingBillingService(() => simulator.now());
 * expect(billing.charges.map((c) => c.amount)).toEqual([10, 10, 25]);
 */
export class RecordingBillingService implements BillingService {
  readonly emails: SubscriptionEmail[] = [];
  readonly charges: Charge[] = [];
  constructor(private readonly clock: () => number = Date.now) {}
  sendEmail(email: SubscriptionEmail): void {
    this.emails.push({ ...email, at: this.clock() });
  }
  charge(charge: Charge): void {
    this.charges.push({ ...charge, at: this.clock() });
  }
  emailKinds(): SubscriptionEmail['kind'][] {
    return this.emails.map((e) => e.kind);
  }
}
