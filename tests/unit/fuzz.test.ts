import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inProcessSender } from '../../fuzz/answers.ts';
import { fuzzIds, setupStarts } from '../../fuzz/fuzz-ids.ts';
import { FuzzWorker } from '../../fuzz/fuzz-worker.ts';
import { fuzzRequest } from '../../fuzz/requests.ts';
import { violationsOf } from '../../fuzz/run.ts';
import { Simulator } from '../../simulator/simulator.ts';

// A small run of the fuzzer in every `npm test`; `npm run fuzz` sends 10,000 and more.
describe('the simulator under fuzzed client requests and worker answers', () => {
  it('answers every request without JavaScript error text, unexpected 5xx or a hang, and keeps serving', async () => {
    const worker = new FuzzWorker();
    const simulator = new Simulator({ workerTransport: worker });
    const send = inProcessSender(simulator);
    const ids = fuzzIds('fz-test');
    for (const setup of setupStarts(ids, 'http://fuzz.worker'))
      await send({ method: 'POST', path: setup.path, rawBody: JSON.stringify(setup.body) });
    await simulator.runUntilIdle();
    await fc.assert(
      fc.asyncProperty(fuzzRequest(ids, 'http://fuzz.worker'), async (request) => {
        if (request.workerAnswer) worker.register(request.workerAnswer.key, request.workerAnswer.answer);
        const answer = await send(request);
        expect(violationsOf(request, answer, 5_000)).toEqual([]);
        expect((await send({ method: 'GET', path: '/', rawBody: '' })).status).toBe(200);
      }),
      { numRuns: 300, seed: 20261205 },
    );
    await simulator.close();
  });

  it('finds JavaScript error text and 5xx a real server never gives', () => {
    const request = {
      method: 'POST',
      path: '/x',
      rawBody: '{}',
      wellFormed: true,
      mutation: 'none' as const,
    };
    const leak = {
      status: 500,
      text: '{"detail":"Cannot read properties of null (reading \'key\')"}',
      ms: 1,
    };
    expect(violationsOf(request, leak, 5_000).map((v) => v.kind)).toEqual([
      'javascript-text',
      'unexpected-5xx',
    ]);
    const real = { status: 500, text: '{"detail":"Blob data size exceeds limit."}', ms: 1 };
    expect(violationsOf(request, real, 5_000)).toEqual([]);
  });
});
