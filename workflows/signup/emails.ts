/**
 * Where the sign-up workflow sends its emails. The demo logs them; tests record them.
 *
 * @example
 * const emails = new RecordingEmailSender();
 * createSignupWorkflow({ emails, reminderIntervalSeconds: 24 * 3600 });
 */
export interface EmailSender {
  send(email: Email): void | Promise<void>;
}

/** One email the workflow sent. */
export interface Email {
  kind: 'verification' | 'reminder' | 'welcome';
  to: string;
  username: string;
  /** When it was sent, by the recorder's clock (epoch ms). */
  at?: number;
}

/**
 * Writes each email as a log line.
 *
 * @example
 * new ConsoleEmailSender((line) => console.log(line));
 */
export class ConsoleEmailSender implements EmailSender {
  constructor(private readonly log: (line: string) => void = (line) => console.log(line)) {}
  send(email: Email): void {
    this.log(`[email] ${email.kind} email to ${email.to} (user ${email.username})`);
  }
}

/**
 * Keeps every email in memory, for tests.
 *
 * @example
 * expect(emails.ofKind('reminder')).toHaveLength(3);
 */
export class RecordingEmailSender implements EmailSender {
  readonly sent: Email[] = [];
  /** @param clock stamps each email, e.g. with the simulator's virtual time. */
  constructor(private readonly clock: () => number = Date.now) {}
  send(email: Email): void {
    this.sent.push({ ...email, at: this.clock() });
  }
  ofKind(kind: Email['kind']): Email[] {
    return this.sent.filter((e) => e.kind === kind);
  }
}
