import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WorkerReply, WorkerTransport } from '../../simulator/contracts.ts';
import { Simulator } from '../../simulator/index.ts';

interface Exchange {
  label: 'api' | 'worker';
  t: number;
  path: string;
  request: Record<string, unknown>;
  status: number;
  response: unknown;
}

// Recorded on a real iWF server (shared/transcripts/README.md): the sign-up flow of the seed README.
const exchanges: Exchange[] = readFileSync(
  new URL('../fixtures/transcripts/signup-real-iwf.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Exchange);

/** Replaces run ids and makes Unix-second timestamps relative to the workflow start. */
function normalize(value: unknown, startSeconds: number): unknown {
  return JSON.parse(JSON.stringify(value), (key, v) => {
    if (key === 'workflowRunId') return '<runId>';
    if (key === 'workflowStartedTimestamp' || key === 'firstAttemptTimestamp')
      return (v as number) - startSeconds;
    return v;
  });
}

describe('replay of a real iWF server transcript', () => {
  it('sends the worker the same requests and answers the client the same way as the real server', async () => {
    const recordedWorker = exchanges.filter((e) => e.label === 'worker');
    const sent: { path: string; body: unknown }[] = [];
    const transport: WorkerTransport = {
      async call(_url, path, body): Promise<WorkerReply> {
        const recorded = recordedWorker[sent.length];
        sent.push({ path, body });
        if (!recorded) throw new Error(`unexpected worker call ${path}`);
        return { status: recorded.status, json: recorded.response };
      },
    };
    const simulator = new Simulator({ workerTransport: transport, autoAdvance: false });
    const realStart = exchanges[0]!.t;
    const simStart = simulator.now();
    const answers: { status: number; body: unknown }[] = [];
    for (const call of exchanges.filter((e) => e.label === 'api').sort((a, b) => a.t - b.t)) {
      await simulator.advanceTo(simStart + Math.floor((call.t - realStart) / 1000) * 1000);
      const reply = await simulator.handle({ method: 'POST', path: call.path, body: call.request });
      await simulator.runUntilIdle();
      answers.push({ status: reply.status, body: reply.body });
    }
    const realSeconds = Math.floor(realStart / 1000);
    const simSeconds = Math.floor(simStart / 1000);
    expect(sent.map((s) => s.path)).toEqual(recordedWorker.map((e) => e.path));
    for (let i = 0; i < recordedWorker.length; i++) {
      expect(normalize(sent[i]!.body, simSeconds), `worker call ${i} ${recordedWorker[i]!.path}`).toEqual(
        normalize(recordedWorker[i]!.request, realSeconds),
      );
    }
    const recordedAnswers = exchanges
      .filter((e) => e.label === 'api')
      .sort((a, b) => a.t - b.t)
      .map((e) => ({ status: e.status, body: normalize(e.response, realSeconds) }));
    expect(answers.map((a) => ({ status: a.status, body: normalize(a.body, simSeconds) }))).toEqual(
      recordedAnswers,
    );
  });
});
