import { describe, expect, it } from 'vitest';
import { Registry, WorkerService } from '../../sdk/index.ts';
import { Simulator } from '../../simulator/simulator.ts';
import { inProcessWorkerTransport } from '../../testing/index.ts';
import { RecordingEmailSender } from '../../workflows/signup/emails.ts';
import { createSignupWorkflow } from '../../workflows/signup/signup-workflow.ts';
import { readTranscript } from '../sdk/transcript.ts';

describe('the simulator on the concurrent-verify transcript of a real iWF server', () => {
  it('keeps the invariants of eight concurrent verify calls: one done, one welcome email, the rest refused or already verified', async () => {
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
    const done = replies.filter((r) => r.status === 200 && JSON.stringify(r.body).includes('\\"done\\"'));
    expect(done).toHaveLength(1);
    for (const reply of replies.filter((r) => !done.includes(r))) {
      const ok =
        (reply.status === 200 && JSON.stringify(reply.body).includes('already verified')) ||
        (reply.status === 450 && JSON.stringify(reply.body) === JSON.stringify(lockRefusal)) ||
        (reply.status === 400 &&
          JSON.stringify(reply.body).includes('workflow execution already completed')) ||
        // A verify accepted while another held the lock, whose workflow completed first (real server).
        (reply.status === 500 && JSON.stringify(reply.body).includes('AcceptedUpdateCompletedWorkflow'));
      expect(ok, `unexpected answer ${reply.status} ${JSON.stringify(reply.body)}`).toBe(true);
    }
    expect(emails.ofKind('welcome')).toHaveLength(1);
  });
});
