/**
 * The sign-up README, run: its curl lines against the app on the simulator (virtual clock, moved
 * as the README says to wait), the answers its comments give, the log lines it shows, and the
 * timeline the page draws.
 */
import { readFileSync } from 'node:fs';
import { liveLog } from 'iwf-ts/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { type SignupStack, startSignupStack } from '../../tests/support/signup-stack.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

/** The fenced blocks of one language, in order. */
function blocks(language: string): string[] {
  return [...readme.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (m) => m[1] ?? '',
  );
}

/** A log line without its timestamp and with durations blurred (they differ from run to run). */
function normalized(line: string): string {
  return line
    .replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z\s+/, '')
    .replace(/\d+ ms/g, 'N ms')
    .trim();
}

/** The README's answer comment: exact text, or `…` standing for any text in between. */
function expectAnswer(answer: string, expected: string): void {
  const [head = '', ...rest] = expected.split('…');
  if (rest.length === 0) expect(answer).toBe(expected);
  else {
    expect(answer.startsWith(head)).toBe(true);
    expect(answer.endsWith(rest.at(-1) ?? '')).toBe(true);
  }
}

let stack: SignupStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('the sign-up README', () => {
  it('starts with npm start, whose script is this sample', () => {
    expect(blocks('sh')[0]).toMatch(/^npm start\b/);
    expect(packageJson.scripts.start).toBe('tsx workflows/signup/main.ts');
    expect(readFileSync(new URL('./main.ts', import.meta.url), 'utf8')).toContain(
      "numberFromEnv('SIGNUP_REMINDER_SECONDS', 10)",
    );
  });

  it('answers its curl lines as their comments say and logs the lines it shows', async () => {
    const log: string[] = [];
    stack = await startSignupStack({
      reminderIntervalSeconds: 10,
      log: (line) => log.push(line),
      historyObserver: liveLog('text', (line) => log.push(line)),
    });
    const steps = (blocks('sh')[1] ?? '').trim().split('\n');
    expect(steps.length).toBeGreaterThanOrEqual(4);
    for (const step of steps) {
      const wait = /^# wait (\d+) s/.exec(step);
      if (wait) {
        await stack.advanceBy(Number(wait[1]) * 1000);
        continue;
      }
      const curl = /^curl '(http:\/\/127\.0\.0\.1:8802)([^']+)'\s+#\s+(.+)$/.exec(step);
      expect(curl, `a curl line with its answer: ${step}`).not.toBeNull();
      const [, , path, expected] = curl as unknown as [string, string, string, string];
      const answer = await (await fetch(`${stack.appUrl}${path}`)).text();
      expectAnswer(answer, expected.trim());
    }
    await stack.simulator.runUntilIdle();

    const actual = log.map(normalized);
    let from = 0;
    for (const line of (blocks('text')[0] ?? '').trim().split('\n').map(normalized)) {
      const at = actual.indexOf(line, from);
      expect(
        at,
        `the README's log line "${line}", in order, in:\n${actual.join('\n')}`,
      ).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
    expect(actual.filter((l) => l.startsWith('[email] reminder'))).toHaveLength(2);
  });

  it('draws the timeline the README describes: SubmitState, each VerifyState and what ended it, the RPC, COMPLETED', async () => {
    stack = await startSignupStack({ reminderIntervalSeconds: 10 });
    await fetch(`${stack.appUrl}/signup/submit?username=alice&email=alice@example.com`);
    await stack.advanceBy(25_000);
    await fetch(`${stack.appUrl}/signup/verify?username=alice&source=email`);
    await stack.simulator.runUntilIdle();
    const page = await fetch(`${stack.serverUrl}/`, { headers: { accept: 'text/html,*/*' } });
    expect(await page.text()).toContain('<title>iWF simulator</title>');
    // A client that does not ask for HTML gets the real server's answer at `/`.
    expect(await (await fetch(`${stack.serverUrl}/`)).text()).toBe('Hello World from iWF server!');
    const { workflows } = (await (await fetch(`${stack.serverUrl}/simulator/workflows`)).json()) as {
      workflows: { workflowId: string; status: string }[];
    };
    expect(workflows.find((w) => w.workflowId === 'alice')?.status).toBe('COMPLETED');
    const timeline = (await (
      await fetch(`${stack.serverUrl}/simulator/workflows/alice/timeline`)
    ).json()) as {
      events: { type: string; executionId?: string; attrs?: Record<string, unknown> }[];
    };
    const endedBy = (executionId: string) =>
      timeline.events.find((e) => e.type === 'CommandCompleted' && e.executionId === executionId)?.attrs
        ?.kind;
    const started = timeline.events
      .filter((e) => e.type === 'StateExecutionStarted')
      .map((e) => e.executionId);
    expect(started).toEqual(['SubmitState-1', 'VerifyState-1', 'VerifyState-2', 'VerifyState-3']);
    expect([endedBy('VerifyState-1'), endedBy('VerifyState-2'), endedBy('VerifyState-3')]).toEqual([
      'timer',
      'timer',
      'internal',
    ]);
    expect(timeline.events.find((e) => e.type === 'RpcCalled')?.attrs).toMatchObject({
      rpcName: 'verify',
      status: 200,
    });
    expect(timeline.events.at(-1)).toMatchObject({ type: 'WorkflowClosed', attrs: { status: 'COMPLETED' } });
  });
});
