import { StateTester } from 'iwf-ts/testing';
import { describe, expect, it } from 'vitest';
import { RecordingEmailSender } from './emails.ts';
import { createSignupWorkflow, type Form } from './signup-workflow.ts';

const form: Form = { username: 'ada', email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace' };

/** The sign-up states and RPCs one by one, with no server: what each reads, writes and decides. */
describe('sign-up states in isolation', () => {
  it('SubmitState stores the form, sets the status to waiting, emails and moves to VerifyState', async () => {
    const emails = new RecordingEmailSender();
    const tester = new StateTester(createSignupWorkflow({ emails, reminderIntervalSeconds: 60 }));
    const result = await tester.execute('SubmitState', form);
    expect(result.upsertedDataAttributes).toEqual({ form, status: 'waiting' });
    expect(result.decision.nextStates).toEqual([{ stateId: 'VerifyState', stateOptions: {} }]);
    expect(emails.ofKind('verification')).toHaveLength(1);
  });

  it('VerifyState waits for the reminder timer or the verify channel, whichever comes first', async () => {
    const tester = new StateTester(
      createSignupWorkflow({ emails: new RecordingEmailSender(), reminderIntervalSeconds: 60 }),
    );
    const { commandRequest } = await tester.waitUntil('VerifyState');
    expect(commandRequest).toEqual({
      commandWaitingType: 'ANY_COMPLETED',
      timerCommands: [{ commandId: '', durationSeconds: 60 }],
      interStateChannelCommands: [{ commandId: '', channelName: 'verify' }],
    });
  });

  it('VerifyState sends a reminder and waits again when the timer fired first', async () => {
    const emails = new RecordingEmailSender();
    const tester = new StateTester(createSignupWorkflow({ emails, reminderIntervalSeconds: 60 }), {
      dataAttributes: { form },
    });
    await tester.waitUntil('VerifyState');
    const result = await tester.execute('VerifyState', undefined, {
      timers: ['FIRED'],
      internalChannels: [{ status: 'WAITING' }],
    });
    expect(result.decision.nextStates?.map((m) => m.stateId)).toEqual(['VerifyState']);
    expect(emails.ofKind('reminder')).toHaveLength(1);
  });

  it('VerifyState welcomes the user and completes with "done" when verified', async () => {
    const emails = new RecordingEmailSender();
    const tester = new StateTester(createSignupWorkflow({ emails, reminderIntervalSeconds: 60 }), {
      dataAttributes: { form },
    });
    await tester.waitUntil('VerifyState');
    const result = await tester.execute('VerifyState', undefined, {
      timers: ['SCHEDULED'],
      internalChannels: [{ status: 'RECEIVED' }],
    });
    expect(result.decision.nextStates).toEqual([
      {
        stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW',
        stateInput: { encoding: 'json/plain', data: '"done"' },
      },
    ]);
    expect(emails.ofKind('welcome').map((e) => e.to)).toEqual(['ada@example.com']);
  });

  it('the verify RPC marks the user verified once, publishes to verify, and answers "already verified" after', async () => {
    const tester = new StateTester(
      createSignupWorkflow({ emails: new RecordingEmailSender(), reminderIntervalSeconds: 60 }),
      {
        dataAttributes: { form, status: 'waiting' },
      },
    );
    const first = await tester.rpc('verify', 'email');
    expect(first.output).toBe('done');
    expect(first.published).toEqual([{ channelName: 'verify', value: undefined }]);
    expect(tester.dataAttributes).toMatchObject({ status: 'verified', source: 'email' });
    expect((await tester.rpc('verify', 'sms')).output).toBe('already verified');
  });
});
