import { describe, expect, it } from 'vitest';
import { Registry, WorkerService } from '../../sdk/index.ts';
import type { WorkerTransport } from '../../simulator/contracts.ts';
import { Simulator } from '../../simulator/simulator.ts';
import { inProcessWorkerTransport } from '../../simulator/testing/index.ts';
import { RecordingEmailSender } from '../../workflows/signup/emails.ts';
import { createSignupWorkflow } from '../../workflows/signup/signup-workflow.ts';
import { type Exchange, readTranscript } from '../sdk/transcript.ts';

/** Run ids and timestamps differ from run to run; everything else must be identical. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === 'workflowRunId' && v !== '') out[key] = '<runId>';
      else if (key === 'workflowStartedTimestamp' || key === 'firstAttemptTimestamp') out[key] = '<timestamp>';
      else out[key] = normalise(v);
    }
    return out;
  }
  return value;
}

/**
 * A worker that answers with the real Python worker's recorded responses, in the recorded order,
 * and keeps what the simulator sent it.
 */
function replayingWorker(expected: Exchange[]) {
  const received: { path: string; body: unknown }[] = [];
  const queue = [...expected];
  const transport: WorkerTransport = {
    async call(_url, path, body) {
      received.push({ path, body });
      const next = queue.shift();
      return { status: next?.status ?? 500, json: next?.response ?? { detail: 'unexpected call' } };
    },
  };
  return { transport, received };
}

describe('the simulator on the sign-up transcript of a real iWF server', () => {
  const exchanges = readTranscript('signup-real-iwf.jsonl');
  const api = exchanges.filter((e) => e.label === 'api');
  const worker = exchanges.filter((e) => e.label === 'worker');

  it('sends the worker the same requests and answers the client the same way, given the same inputs', async () => {
    const { transport, received } = replayingWorker(worker);
    const simulator = new Simulator({ workerTransport: transport, startTime: Date.UTC(2026, 10, 26, 8, 0, 0) });
    const answers: { status: number; body: unknown }[] = [];
    const send = async (e: Exchange) => {
      const reply = await simulator.handle({ method: 'POST', path: e.path, body: e.request });
      answers.push({ status: reply.status, body: reply.body });
    };
    const [start, describeRpc, verifyRpc, lateVerify, lateDescribe] = api;
    await send(start!);
    await simulator.runUntilIdle();
    await simulator.advanceBy(10_000); // VerifyState-1's ten-second timer fires
    await send(describeRpc!);
    await send(verifyRpc!);
    await simulator.runUntilIdle();
    await send(lateVerify!);
    await send(lateDescribe!);
    await simulator.close();

    expect(received.map((r) => r.path)).toEqual(worker.map((w) => w.path));
    received.forEach((r, i) => {
      expect(normalise(r.body), `worker request ${i + 1} (${r.path})`).toEqual(normalise(worker[i]!.request));
    });
    answers.forEach((a, i) => {
      expect(a.status, `client answer ${i + 1}`).toBe(api[i]!.status);
      expect(normalise(a.body), `client answer ${i + 1}`).toEqual(normalise(api[i]!.response));
    });
  });

  it('keeps the invariants of eight concurrent verify calls: one done, one welcome email, the rest refused or already verified', async () => {
    const recorded = readTranscript('signup-concurrent-verify-real-iwf.jsonl').filter((e) => e.label === 'api');
    const emails = new RecordingEmailSender();
    const registry = new Registry().addWorkflow(createSignupWorkflow({ emails, reminderIntervalSeconds: 10 }));
    const simulator = new Simulator({ workerTransport: inProcessWorkerTransport(new WorkerService(registry)) });
    const [start, ...verifies] = recorded;
    expect((await simulator.handle({ method: 'POST', path: start!.path, body: start!.request })).status).toBe(200);
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
        (reply.status === 400 && JSON.stringify(reply.body).includes('workflow execution already completed'));
      expect(ok, `unexpected answer ${reply.status} ${JSON.stringify(reply.body)}`).toBe(true);
    }
    expect(emails.ofKind('welcome')).toHaveLength(1);
  });
});
