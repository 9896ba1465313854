/** The operations of the transfer, and of its compensation. */
export type BankOperation =
  | 'checkBalance'
  | 'createDebitMemo'
  | 'debit'
  | 'createCreditMemo'
  | 'credit'
  | 'undoCredit'
  | 'undoCreateCreditMemo'
  | 'undoDebit'
  | 'undoCreateDebitMemo';

/**
 * The bank the money transfer workflow calls. Every change carries the transfer's id as an
 * idempotency key, so a retried call (or a retried undo) changes nothing twice. Any call may throw;
 * the workflow retries it with backoff and compensates when the retries run out.
 *
 * @example
 * const bank: BankService = new InMemoryBank({ alice: 500, bob: 0 });
 */
export interface BankService {
  checkBalance(account: string, amount: number): Promise<boolean>;
  createDebitMemo(transferId: string, account: string, amount: number, notes: string): Promise<void>;
  debit(transferId: string, account: string, amount: number): Promise<void>;
  createCreditMemo(transferId: string, account: string, amount: number, notes: string): Promise<void>;
  credit(transferId: string, account: string, amount: number): Promise<void>;
  undoCredit(transferId: string): Promise<void>;
  undoCreateCreditMemo(transferId: string): Promise<void>;
  undoDebit(transferId: string): Promise<void>;
  undoCreateDebitMemo(transferId: string): Promise<void>;
}

/** One call the bank received, and whether it failed. */
export interface BankCall {
  operation: BankOperation;
  transferId: string;
  failed: boolean;
}

/** A bank outage: the failing operation throws this. */
export class BankUnavailableError extends Error {
  override name = 'BankUnavailableError';
}

type Change = { account: string; delta: number } | { memo: string };

/**
 * An in-memory bank with balances, memos, a log of every call, and injectable failures: the demo's
 * bank and the tests' fake. Changes are keyed by transfer id and operation, so repeats are no-ops.
 *
 * @example
 * const bank = new InMemoryBank({ alice: 500, bob: 0 });
 * bank.failNext('credit', 2); // the next two credits throw
 * bank.failAlways('debit');   // every debit throws
 */
export class InMemoryBank implements BankService {
  readonly balances: Map<string, number>;
  readonly calls: BankCall[] = [];
  private readonly failures = new Map<BankOperation, number>();
  private readonly applied = new Map<string, Change>();

  constructor(
    balances: Record<string, number>,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.balances = new Map(Object.entries(balances));
  }

  /** The next `times` calls of `operation` throw BankUnavailableError. */
  failNext(operation: BankOperation, times: number): void {
    this.failures.set(operation, times);
  }
  /** Every call of `operation` throws, until `heal`. */
  failAlways(operation: BankOperation): void {
    this.failures.set(operation, Number.POSITIVE_INFINITY);
  }
  /** Stops injecting failures into `operation`. */
  heal(operation: BankOperation): void {
    this.failures.delete(operation);
  }
  /** How many times `operation` was called (failed calls included). */
  attempts(operation: BankOperation): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }
  /** The operations that succeeded, in order. */
  succeeded(): BankOperation[] {
    return this.calls.filter((c) => !c.failed).map((c) => c.operation);
  }
  balance(account: string): number {
    return this.balances.get(account) ?? 0;
  }
  /** The memos in place (not undone). */
  memos(): string[] {
    return [...this.applied.values()].flatMap((c) => ('memo' in c ? [c.memo] : []));
  }

  async checkBalance(account: string, amount: number): Promise<boolean> {
    this.call('checkBalance', '');
    return this.balance(account) >= amount;
  }
  async createDebitMemo(transferId: string, account: string, amount: number, notes: string): Promise<void> {
    this.apply('createDebitMemo', transferId, { memo: `debit ${account} ${amount}: ${notes}` });
  }
  async debit(transferId: string, account: string, amount: number): Promise<void> {
    this.apply('debit', transferId, { account, delta: -amount });
  }
  async createCreditMemo(transferId: string, account: string, amount: number, notes: string): Promise<void> {
    this.apply('createCreditMemo', transferId, { memo: `credit ${account} ${amount}: ${notes}` });
  }
  async credit(transferId: string, account: string, amount: number): Promise<void> {
    this.apply('credit', transferId, { account, delta: amount });
  }
  async undoCredit(transferId: string): Promise<void> {
    this.revert('undoCredit', 'credit', transferId);
  }
  async undoCreateCreditMemo(transferId: string): Promise<void> {
    this.revert('undoCreateCreditMemo', 'createCreditMemo', transferId);
  }
  async undoDebit(transferId: string): Promise<void> {
    this.revert('undoDebit', 'debit', transferId);
  }
  async undoCreateDebitMemo(transferId: string): Promise<void> {
    this.revert('undoCreateDebitMemo', 'createDebitMemo', transferId);
  }

  private apply(operation: BankOperation, transferId: string, change: Change): void {
    this.call(operation, transferId);
    const key = `${operation}:${transferId}`;
    if (this.applied.has(key)) return; // a retry of a call that already went through
    this.applied.set(key, change);
    if ('account' in change) this.balances.set(change.account, this.balance(change.account) + change.delta);
  }

  private revert(operation: BankOperation, of: BankOperation, transferId: string): void {
    this.call(operation, transferId);
    const key = `${of}:${transferId}`;
    const change = this.applied.get(key);
    if (!change) return; // never applied, or already undone
    this.applied.delete(key);
    if ('account' in change) this.balances.set(change.account, this.balance(change.account) - change.delta);
  }

  private call(operation: BankOperation, transferId: string): void {
    const remaining = this.failures.get(operation) ?? 0;
    const failed = remaining > 0;
    this.calls.push({ operation, transferId, failed });
    this.log(
      `[bank] ${operation}${transferId ? ` (${transferId})` : ''}${failed ? ' FAILED (injected)' : ''}`,
    );
    if (!failed) return;
    this.failures.set(operation, remaining - 1);
    throw new BankUnavailableError(`${operation}: the bank is unavailable`);
  }
}
