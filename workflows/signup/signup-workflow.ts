import {
  CommandRequest,
  dataAttribute,
  internalChannel,
  StateDecision,
  stateInput,
  TimerCommand,
  workflowSchema,
} from 'iwf-ts/sdk';
import type { EmailSender } from './emails.ts';

/** The sign-up form; on the wire its keys are exactly these (as in the Python sample). */
export interface Form {
  username: string;
  email: string;
  firstname: string;
  lastname: string;
}

/**
 * The sign-up workflow's declarations: two states, three data attributes and the `verify` channel,
 * with the names of the official Python sample, so both are wire-compatible.
 *
 * @example
 * signupSchema.workflowType; // 'UserSignupWorkflow'
 */
export const signupSchema = workflowSchema({
  workflowType: 'UserSignupWorkflow',
  states: { SubmitState: stateInput<Form>(), VerifyState: stateInput() },
  dataAttributes: {
    form: dataAttribute<Form>(),
    status: dataAttribute<string>(),
    source: dataAttribute<string>(),
  },
  internalChannels: { verify: internalChannel<void>() },
});

/** What the sign-up workflow needs from outside. */
export interface SignupDependencies {
  emails: EmailSender;
  /** Time between reminders; the demo uses 10 s, a real deployment hours. */
  reminderIntervalSeconds: number;
}

/** What `describe` returns: the same JSON array as the Python sample (`[form, status, source]`). */
export type SignupDescription = [Form | null, string | null, string | null];

const lockAll = signupSchema.loadPartialWithExclusiveLock(['form', 'status', 'source']);

/**
 * Builds the sign-up workflow: submit sends a verification email, then a reminder every interval
 * until the user verifies; verify (an RPC under an exclusive lock) completes it with "done".
 *
 * @example
 * const UserSignupWorkflow = createSignupWorkflow({ emails: new ConsoleEmailSender(), reminderIntervalSeconds: 10 });
 */
export function createSignupWorkflow({ emails, reminderIntervalSeconds }: SignupDependencies) {
  const SubmitState = signupSchema.state('SubmitState', {
    async execute({ input, persistence }) {
      persistence.setDataAttribute('form', input);
      persistence.setDataAttribute('status', 'waiting');
      await emails.send({ kind: 'verification', to: input.email, username: input.username });
      return signupSchema.nextState('VerifyState');
    },
  });

  const VerifyState = signupSchema.state('VerifyState', {
    waitUntil: () =>
      CommandRequest.forAnyCommandCompleted(
        TimerCommand.bySeconds(reminderIntervalSeconds),
        signupSchema.internalChannelCommand('verify'),
      ),
    async execute({ commandResults, persistence }) {
      const form = persistence.getDataAttribute('form');
      if (!form) throw new Error('VerifyState ran before SubmitState stored the form');
      if (commandResults.internalChannel('verify')?.status === 'RECEIVED') {
        await emails.send({ kind: 'welcome', to: form.email, username: form.username });
        return StateDecision.gracefulCompleteWorkflow('done');
      }
      await emails.send({ kind: 'reminder', to: form.email, username: form.username });
      return signupSchema.nextState('VerifyState');
    },
  });

  const verify = signupSchema.rpc<string, string>({
    dataAttributesLoadingPolicy: lockAll,
    handler({ input, persistence, communication }) {
      if (persistence.getDataAttribute('status') === 'verified') return 'already verified';
      persistence.setDataAttribute('status', 'verified');
      persistence.setDataAttribute('source', input);
      communication.publishToInternalChannel('verify');
      return 'done';
    },
  });

  const describe = signupSchema.rpc<void, SignupDescription>({
    dataAttributesLoadingPolicy: lockAll,
    handler: ({ persistence }) => [
      persistence.getDataAttribute('form') ?? null,
      persistence.getDataAttribute('status') ?? null,
      persistence.getDataAttribute('source') ?? null,
    ],
  });

  return signupSchema.workflow({
    startingState: 'SubmitState',
    states: [SubmitState, VerifyState],
    rpcs: { verify, describe },
  });
}

/** The type of the sign-up workflow definition. */
export type UserSignupWorkflow = ReturnType<typeof createSignupWorkflow>;
