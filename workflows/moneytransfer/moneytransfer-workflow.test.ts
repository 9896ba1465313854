import { WorkflowFailedError, type wire } from 'iwf-ts/sdk';
import {
  backend,
  createTestEnvironment,
  explore,
  hours,
  seconds,
  type TestEnvironment,
} from 'iwf-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryBank } from './bank.ts';
import { createMoneyTransferWorkflow, type TransferRequest } from './moneytransfer-workflow.ts';

const rent: TransferRequest = { fromAccount: 'alice', toAccount: 'bob', amount: 300, notes: 'rent' };

let env: TestEnvironment | undefined;
afterEach(async () => {
  // Let the worker finish what the server is asking of it: a worker call still in flight at close
  // keeps its keep-alive connection, and with it the close of a real-mode worker, open for ~72 s.
  await env?.settle();
  await env?.close();
  env = undefined;
});

/** An environment serving the transfer workflow against an in-memory bank (alice 1000, bob 50). */
async function transferEnvironment(
  policies: { step?: wire.RetryPolicy; compensation?: wire.RetryPolicy } = {},
) {
  const bank = new InMemoryBank({ alice: 1000, bob: 50 });
  const workflow = createMoneyTransferWorkflow({
    bank,
    stepRetryPolicy: policies.step,
    compensationRetryPolicy: policies.compensation,
  });
  env = await createTestEnvironment({ workflows: [workflow] });
  return { env, bank, workflow, start: await env.now() };
}

/** The failure of a workflow that must not complete. */
async function failureOf(env: TestEnvironment, workflowId: string): Promise<WorkflowFailedError> {
  const outcome = await env.client.waitForWorkflowCompletion(workflowId).catch((e: unknown) => e);
  expect(outcome).toBeInstanceOf(WorkflowFailedError);
  return outcome as WorkflowFailedError;
}

describe('money transfer (SAGA)', () => {
  it('moves the money, writes both memos and completes when every bank call succeeds', async () => {
    const { env, bank, workflow } = await transferEnvironment();
    await env.client.startWorkflow(workflow, 't1', 3600, rent);
    expect(await env.client.waitForWorkflowCompletion('t1')).toBe('transfer is done: 300 from alice to bob');
    expect([bank.balance('alice'), bank.balance('bob')]).toEqual([700, 350]);
    expect(bank.memos()).toEqual(['debit alice 300: rent', 'credit bob 300: rent']);
    expect(await env.client.getWorkflowDataAttributes(workflow, 't1', ['completedSteps'])).toEqual({
      completedSteps: ['debitMemo', 'debit', 'creditMemo', 'credit'],
    });
  });

  it('completes with "insufficient funds" and changes nothing when the balance is too low', async () => {
    const { env, bank, workflow } = await transferEnvironment();
    await env.client.startWorkflow(workflow, 't1', 3600, { ...rent, amount: 5000 });
    expect(await env.client.waitForWorkflowCompletion('t1')).toBe('insufficient funds');
    expect(bank.succeeded()).toEqual(['checkBalance']);
    expect([bank.balance('alice'), bank.balance('bob')]).toEqual([1000, 50]);
  });

  it('retries a debit that fails twice and still completes the transfer, debiting once', async () => {
    const { env, bank, workflow } = await transferEnvironment({ step: { maximumAttempts: 5 } });
    bank.failNext('debit', 2);
    await env.client.startWorkflow(workflow, 't1', 3600, rent);
    expect(await env.client.waitForWorkflowCompletion('t1')).toBe('transfer is done: 300 from alice to bob');
    expect(bank.attempts('debit')).toBe(3);
    expect([bank.balance('alice'), bank.balance('bob')]).toEqual([700, 350]);
    expect(bank.succeeded().filter((op) => op.startsWith('undo'))).toEqual([]);
  });

  it.skipIf(backend.reasonItLacks('exactTime'))(
    'backs off 1 s, then 2 s between retries, on virtual time',
    async () => {
      const { env, bank, workflow, start } = await transferEnvironment({ step: { maximumAttempts: 5 } });
      bank.failNext('debit', 2);
      await env.client.startWorkflow(workflow, 't1', 3600, rent);
      await env.advanceBy(seconds(1) - 1);
      expect(bank.attempts('debit')).toBe(1);
      await env.advanceBy(1);
      expect(bank.attempts('debit')).toBe(2);
      await env.advanceBy(seconds(2));
      expect(bank.attempts('debit')).toBe(3);
      await env.client.waitForWorkflowCompletion('t1');
      expect((await env.now()) - start).toBe(seconds(3));
    },
  );

  it('undoes the debit and both memos and fails the workflow when the credit fails three times', async () => {
    const { env, bank, workflow } = await transferEnvironment({ step: { maximumAttempts: 3 } });
    bank.failAlways('credit');
    await env.client.startWorkflow(workflow, 't1', 3600, rent);
    const failure = await failureOf(env, 't1');
    expect(failure.errorType).toBe('STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE');
    expect(bank.attempts('credit')).toBe(3);
    expect(bank.succeeded().filter((op) => op.startsWith('undo'))).toEqual([
      'undoCredit',
      'undoCreateCreditMemo',
      'undoDebit',
      'undoCreateDebitMemo',
    ]);
    expect([bank.balance('alice'), bank.balance('bob')]).toEqual([1000, 50]);
    expect(bank.memos()).toEqual([]);
  });

  it.skipIf(backend.reasonItLacks('faults'))(
    'compensates when the worker never answers the credit step: no credit reached the bank, the rest is undone',
    async () => {
      const { env, bank, workflow } = await transferEnvironment({ step: { maximumAttempts: 3 } });
      env.faults.inject({
        workflowId: 't1',
        stateId: 'CreditState',
        api: 'execute',
        kind: 'timeout',
        times: 3,
      });
      await env.client.startWorkflow(workflow, 't1', 3600, rent);
      const failure = await failureOf(env, 't1');
      expect(failure.errorType).toBe('STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE');
      expect(bank.attempts('credit')).toBe(0);
      expect([bank.balance('alice'), bank.balance('bob')]).toEqual([1000, 50]);
      expect(bank.memos()).toEqual([]);
      expect(await env.formatHistory('t1')).toContain('kind=timeout reason=injected');
    },
  );

  it.skipIf(backend.reasonItLacks('faults'))(
    'undoes a credit whose answers were lost (slow past the deadline): the bank was credited once, then reverted',
    async () => {
      const { env, bank, workflow } = await transferEnvironment({ step: { maximumAttempts: 2 } });
      env.faults.inject({
        stateId: 'CreditState',
        api: 'execute',
        kind: 'slow',
        delayMs: hours(1),
        times: 2,
      });
      await env.client.startWorkflow(workflow, 't1', 3600, rent);
      await failureOf(env, 't1');
      expect(bank.attempts('credit')).toBe(2);
      expect(bank.succeeded()).toContain('undoCredit');
      expect([bank.balance('alice'), bank.balance('bob')]).toEqual([1000, 50]);
    },
  );

  it.skipIf(backend.reasonItLacks('faults'))(
    'rides out a worker that is down for 5 s: the step is retried until it answers, and the transfer completes',
    async () => {
      const { env, bank, workflow } = await transferEnvironment();
      env.faults.workerDown(seconds(5));
      await env.client.startWorkflow(workflow, 't1', 3600, rent);
      expect(await env.client.waitForWorkflowCompletion('t1')).toBe(
        'transfer is done: 300 from alice to bob',
      );
      expect([bank.balance('alice'), bank.balance('bob')]).toEqual([700, 350]);
      expect(bank.attempts('checkBalance')).toBe(1);
    },
  );

  it.skipIf(backend.reasonItLacks('faults'))(
    'answers a 500 from the worker on the debit with a retry, as for any failing attempt',
    async () => {
      const { env, bank, workflow } = await transferEnvironment({ step: { maximumAttempts: 5 } });
      env.faults.inject({ workflowId: 't1', stateId: 'DebitState', kind: 'http500', times: 2 });
      env.faults.inject({ workflowId: 't1', stateId: 'CreateCreditMemoState', kind: 'garbage' });
      env.faults.inject({ workflowId: 't1', stateId: 'CreditState', kind: 'wrongShape' });
      env.faults.inject({ workflowId: 't1', stateId: 'CreditState', kind: 'connectionRefused' });
      await env.client.startWorkflow(workflow, 't1', 3600, rent);
      expect(await env.client.waitForWorkflowCompletion('t1')).toBe(
        'transfer is done: 300 from alice to bob',
      );
      expect(env.faults.remaining).toBe(0);
      expect([bank.balance('alice'), bank.balance('bob')]).toEqual([700, 350]);
    },
  );

  it('refuses fault injection on a real server with the reason', async () => {
    const { env } = await transferEnvironment();
    if (env.mode === 'real')
      expect(() => env.faults.inject({ kind: 'timeout' })).toThrow(/fault injection needs the simulator/);
    else expect(() => env.faults.inject({ kind: 'timeout' })).not.toThrow();
  });

  it('fails with a message naming the steps that were undone', async () => {
    const { env, bank, workflow } = await transferEnvironment({ step: { maximumAttempts: 2 } });
    bank.failAlways('createCreditMemo');
    await env.client.startWorkflow(workflow, 't1', 3600, rent);
    const failure = await failureOf(env, 't1');
    const outputs = failure.results.map((r) =>
      env.client.unregistered.encoder.decode(r.completedStateOutput),
    );
    expect(outputs).toEqual(['failed to transfer 300 from alice to bob; undone: debit, debitMemo']);
  });

  it.skipIf(backend.reasonItLacks('instantTime'))(
    'by default keeps retrying a failing step for an hour before compensating',
    async () => {
      const { env, bank, workflow, start } = await transferEnvironment();
      bank.failAlways('debit');
      await env.client.startWorkflow(workflow, 't1', 2 * 3600, rent);
      const failure = await failureOf(env, 't1');
      expect(failure.errorType).toBe('STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE');
      const elapsed = (await env.now()) - start;
      expect(elapsed).toBeGreaterThan(hours(1) - seconds(100));
      expect(elapsed).toBeLessThanOrEqual(hours(1));
      // 1, 2, 4, … 64 s apart, then every 100 s (the default maximum interval).
      expect(bank.attempts('debit')).toBeGreaterThan(30);
      expect(bank.balance('alice')).toBe(1000);
    },
  );

  it('retries the compensation until the bank recovers, undoing each change once', async () => {
    const { env, bank, workflow } = await transferEnvironment({ step: { maximumAttempts: 1 } });
    bank.failAlways('credit');
    bank.failNext('undoDebit', 2);
    await env.client.startWorkflow(workflow, 't1', 3600, rent);
    expect((await failureOf(env, 't1')).errorType).toBe('STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE');
    expect(bank.attempts('undoDebit')).toBe(3);
    expect([bank.balance('alice'), bank.balance('bob')]).toEqual([1000, 50]);
  });

  it('fails with STATE_API_FAIL_ERROR_TYPE when the compensation itself runs out of retries', async () => {
    const { env, bank, workflow } = await transferEnvironment({
      step: { maximumAttempts: 1 },
      compensation: { maximumAttempts: 2 },
    });
    bank.failAlways('credit');
    bank.failAlways('undoDebit');
    await env.client.startWorkflow(workflow, 't1', 3600, rent);
    expect((await failureOf(env, 't1')).errorType).toBe('STATE_API_FAIL_ERROR_TYPE');
    expect(bank.attempts('undoDebit')).toBe(2);
    expect(bank.balance('alice')).toBe(700); // left for a human: the debit could not be undone
  });
});

describe('money transfer, explored under worker faults', () => {
  it('either moves the money or undoes every step, whatever worker faults hit it (50 seeds, up to 3 faults each)', async () => {
    const outcomes = new Set<string>();
    await explore(
      {
        seeds: 50,
        faults: { budget: 3, kinds: ['http500', 'timeout', 'connectionRefused'], probability: 0.3 },
      },
      async () => {
        const bank = new InMemoryBank({ alice: 1000, bob: 50 });
        const workflow = createMoneyTransferWorkflow({ bank, stepRetryPolicy: { maximumAttempts: 2 } });
        const explored = await createTestEnvironment({ workflows: [workflow] });
        await explored.client.startWorkflow(workflow, 't1', 3600, rent);
        const outcome = await explored.client.waitForWorkflowCompletion('t1').catch((e: unknown) => e);
        if (outcome instanceof WorkflowFailedError) {
          // Compensated: every change undone, whichever step ran out of retries.
          expect(outcome.errorType).toBe('STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE');
          expect([bank.balance('alice'), bank.balance('bob')]).toEqual([1000, 50]);
          expect(bank.memos()).toEqual([]);
          outcomes.add('compensated');
        } else {
          expect(outcome).toBe('transfer is done: 300 from alice to bob');
          expect([bank.balance('alice'), bank.balance('bob')]).toEqual([700, 350]);
          outcomes.add('done');
        }
        await explored.close();
      },
    );
    // The seeds reached both ends: some faults were retried away, some exhausted a step's retries.
    if (backend.supports('exploration')) expect([...outcomes].sort()).toEqual(['compensated', 'done']);
  });
});
