import { describe, expect, it } from 'vitest';
import { Registry, WorkerService } from '../../sdk/index.ts';
import { Simulator } from '../../simulator/simulator.ts';
import { inProcessWorkerTransport } from '../../testing/index.ts';
import { RecordingEmailSender } from '../../workflows/signup/emails.ts';
import { createSignupWorkflow } from '../../workflows/signup/signup-workflow.ts';
import { readTranscript } from '../sdk/transcript.ts';

describe('the simulator on the concurrent-verify transcript of a real iWF server', () => {
  it('answers the eight concurrent verify calls as the real server did: one done, the rest already verified or refused with its 450', async () => {
    const recorded = readTranscript('signup-concurrent-verify-real-iwf.jsonl').filter(
      (e) => e.label === 'api',
    );
    const emails = new RecordingEmailSender();
    const registry = new Registry().addWorkflow(
      createSignupWorkflow({ emails, reminderIntervalSeconds: 10 }),
    );
    const simulator = new Simulator({
      workerTransport: inProcessWorkerTransport(new WorkerService(registry)),
    });
    const [start, ...verifies] = recorded;
    expect((await simulator.handle({ method: 'POST', path: start!.path, body: start!.request })).status).toBe(
      200,
    );
    await simulator.runUntilIdle();
    const replies = await Promise.all(
      verifies.map((v) => simulator.handle({ method: 'POST', path: v.path, body: v.request })),
    );
    await simulator.runUntilIdle();
    await simulator.close();

    const lockRefusal = recorded.find((e) => e.status === 450)!.response;
    const kindOf = (status: number, body: unknown): string => {
      const text = JSON.stringify(body);
      if (status === 200 && text.includes('\\"done\\"')) return 'done';
      if (status === 200 && text.includes('already verified')) return 'already verified';
      if (status === 450 && text === JSON.stringify(lockRefusal)) return 'refused';
      return `unexpected ${status} ${text}`;
    };
    const tally = (answers: { status: number; body: unknown }[]) =>
      answers
        .map((a) => kindOf(a.status, a.body))
        .reduce<Record<string, number>>((counts, kind) => {
          counts[kind] = (counts[kind] ?? 0) + 1;
          return counts;
        }, {});
    // Recorded: 1 done, 2 already verified, 5 refused. Which verifies a workflow task delivers
    // together depends on when each arrived; in-process they arrive at the same instant, so the
    // first runs alone and the other seven are validated together (one accepted, six refused).
    expect(tally(verifies.map((v) => ({ status: v.status, body: v.response })))).toEqual({
      done: 1,
      'already verified': 2,
      refused: 5,
    });
    expect(tally(replies)).toEqual({ done: 1, 'already verified': 1, refused: 6 });
    expect(emails.ofKind('welcome')).toHaveLength(1);
  });
});
