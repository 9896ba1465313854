import {
  dataAttribute,
  type Persistence,
  StateDecision,
  stateInput,
  type wire,
  workflowSchema,
} from 'iwf-ts/sdk';
import type { BankService } from './bank.ts';

/** What to transfer; passed from state to state as the input. */
export interface TransferRequest {
  fromAccount: string;
  toAccount: string;
  amount: number;
  notes: string;
}

/** A step of the transfer that has an undo. */
export type TransferStep = 'debitMemo' | 'debit' | 'creditMemo' | 'credit';

/**
 * The money transfer workflow's declarations: one state per step, a compensation state, and the
 * steps done so far (so compensation undoes exactly those).
 *
 * @example
 * moneyTransferSchema.workflowType; // 'MoneyTransferWorkflow'
 */
export const moneyTransferSchema = workflowSchema({
  workflowType: 'MoneyTransferWorkflow',
  states: {
    VerifyState: stateInput<TransferRequest>(),
    CreateDebitMemoState: stateInput<TransferRequest>(),
    DebitState: stateInput<TransferRequest>(),
    CreateCreditMemoState: stateInput<TransferRequest>(),
    CreditState: stateInput<TransferRequest>(),
    CompensateState: stateInput<TransferRequest>(),
  },
  dataAttributes: { completedSteps: dataAttribute<TransferStep[]>() },
});

/** What the money transfer workflow needs from outside. */
export interface MoneyTransferDependencies {
  bank: BankService;
  /** Retries of each step before compensating; default: keep retrying for an hour, as the sample does. */
  stepRetryPolicy?: wire.RetryPolicy;
  /** Retries of the compensation before the workflow fails without it; default: a day. */
  compensationRetryPolicy?: wire.RetryPolicy;
}

/** The order of compensation: the reverse of the transfer. */
const UNDO_ORDER: readonly TransferStep[] = ['credit', 'creditMemo', 'debit', 'debitMemo'];

/** The default retry policy of a step: exponential backoff from 1 s, giving up after an hour. */
export const DEFAULT_STEP_RETRY_POLICY: wire.RetryPolicy = { maximumAttemptsDurationSeconds: 3600 };

/**
 * The output of a failed transfer (the workflow FAILS with it after compensating).
 *
 * @example
 * failureMessage(request, ['debit', 'debitMemo']); // 'failed to transfer 50 from alice to bob; undone: debit, debitMemo'
 */
export function failureMessage(request: TransferRequest, undone: TransferStep[]): string {
  const what = `failed to transfer ${request.amount} from ${request.fromAccount} to ${request.toAccount}`;
  return `${what}; undone: ${undone.length > 0 ? undone.join(', ') : 'nothing'}`;
}

/**
 * Builds the money transfer SAGA: verify, debit memo, debit, credit memo, credit. Each step is
 * retried with backoff; when a step's retries run out the workflow goes to CompensateState, which
 * undoes the steps done so far in reverse order and fails the workflow.
 *
 * @example
 * const MoneyTransferWorkflow = createMoneyTransferWorkflow({ bank: new InMemoryBank({ alice: 100 }) });
 * await client.startWorkflow(MoneyTransferWorkflow, 'transfer-1', 3600, { fromAccount: 'alice', toAccount: 'bob', amount: 50, notes: 'rent' });
 */
export function createMoneyTransferWorkflow(deps: MoneyTransferDependencies) {
  const { bank } = deps;
  const s = moneyTransferSchema;
  // Every step: retry with backoff, then compensate instead of failing.
  const step = {
    executeApiRetryPolicy: deps.stepRetryPolicy ?? DEFAULT_STEP_RETRY_POLICY,
    proceedToStateWhenExecuteRetryExhausted: 'CompensateState',
  } as const;

  const markDone = (persistence: Persistence<typeof s.spec>, done: TransferStep) =>
    persistence.setDataAttribute('completedSteps', [
      ...(persistence.getDataAttribute('completedSteps') ?? []),
      done,
    ]);

  const VerifyState = s.state('VerifyState', {
    async execute({ input }) {
      if (!(await bank.checkBalance(input.fromAccount, input.amount))) {
        return StateDecision.gracefulCompleteWorkflow('insufficient funds');
      }
      return s.nextState('CreateDebitMemoState', input);
    },
  });

  const CreateDebitMemoState = s.state('CreateDebitMemoState', {
    options: step,
    async execute({ context, input, persistence }) {
      await bank.createDebitMemo(context.workflowId, input.fromAccount, input.amount, input.notes);
      markDone(persistence, 'debitMemo');
      return s.nextState('DebitState', input);
    },
  });

  const DebitState = s.state('DebitState', {
    options: step,
    async execute({ context, input, persistence }) {
      await bank.debit(context.workflowId, input.fromAccount, input.amount);
      markDone(persistence, 'debit');
      return s.nextState('CreateCreditMemoState', input);
    },
  });

  const CreateCreditMemoState = s.state('CreateCreditMemoState', {
    options: step,
    async execute({ context, input, persistence }) {
      await bank.createCreditMemo(context.workflowId, input.toAccount, input.amount, input.notes);
      markDone(persistence, 'creditMemo');
      return s.nextState('CreditState', input);
    },
  });

  const CreditState = s.state('CreditState', {
    options: step,
    async execute({ context, input, persistence }) {
      await bank.credit(context.workflowId, input.toAccount, input.amount);
      markDone(persistence, 'credit');
      return StateDecision.gracefulCompleteWorkflow(
        `transfer is done: ${input.amount} from ${input.fromAccount} to ${input.toAccount}`,
      );
    },
  });

  const undo: Record<TransferStep, (transferId: string) => Promise<void>> = {
    credit: (id) => bank.undoCredit(id),
    creditMemo: (id) => bank.undoCreateCreditMemo(id),
    debit: (id) => bank.undoDebit(id),
    debitMemo: (id) => bank.undoCreateDebitMemo(id),
  };

  const CompensateState = s.state('CompensateState', {
    options: {
      executeApiRetryPolicy: deps.compensationRetryPolicy ?? { maximumAttemptsDurationSeconds: 86400 },
    },
    async execute({ context, input, persistence }) {
      // Undo every step, newest first: the step that ran out of retries may have reached the bank
      // anyway (a lost answer), and undoing a change that never happened is a no-op. A failed
      // attempt starts again from the first undo, which is safe for the same reason.
      for (const stepToUndo of UNDO_ORDER) await undo[stepToUndo](context.workflowId);
      const done = persistence.getDataAttribute('completedSteps') ?? [];
      return StateDecision.forceFailWorkflow(failureMessage(input, [...done].reverse()));
    },
  });

  return s.workflow({
    startingState: 'VerifyState',
    states: [
      VerifyState,
      CreateDebitMemoState,
      DebitState,
      CreateCreditMemoState,
      CreditState,
      CompensateState,
    ],
  });
}

/** The type of the money transfer workflow definition. */
export type MoneyTransferWorkflow = ReturnType<typeof createMoneyTransferWorkflow>;
