import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import { FakeWorker, setup } from './fake-worker.ts';

/** A one-state workflow: execute completes it with the keys of the data attributes it was sent. */
function oneStateWorker() {
  return new FakeWorker({
    S1: {
      waitUntil: () => ({}),
      execute: (req) => gracefulComplete(enc(req.DataObjects?.map((kv) => kv.key) ?? [])),
    },
  });
}

describe('the start reply and worker call ordering of a real server', () => {
  it('answers start before the first worker call, so a dataobjects/set right after start reaches a one-state workflow', async () => {
    const worker = oneStateWorker();
    const { post, start, result } = setup(worker);
    expect((await start('wf', { stateOptions: { skipWaitUntil: true } })).status).toBe(200);
    expect(worker.calls).toHaveLength(0);
    expect(
      await post('dataobjects/set', { workflowId: 'wf', objects: [{ key: 'k', value: enc(1) }] }),
    ).toMatchObject({ status: 200 });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateOutput: enc(['k']) }],
    });
  });

  it('adds stepLatencyMs of real time before each state API call on the wall clock', async () => {
    const worker = oneStateWorker();
    const { simulator, start, result } = setup(worker, { clock: 'wall', stepLatencyMs: 40 });
    worker.now = () => Date.now();
    const startedAt = Date.now();
    await start('wf', { workflowTimeoutSeconds: 10 });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    const [waitUntil, execute] = worker.calls;
    expect(waitUntil!.at - startedAt).toBeGreaterThanOrEqual(39);
    expect(execute!.at - waitUntil!.at).toBeGreaterThanOrEqual(39);
    await simulator.close();
  });

  it('still calls the worker for a step scheduled before a stop, and drops its answer', async () => {
    const worker = oneStateWorker();
    const { simulator, start, post } = setup(worker, { clock: 'wall', stepLatencyMs: 40 });
    await start('wf', { workflowTimeoutSeconds: 10 });
    // A client's stop arrives after the start reply travelled: the first step is scheduled by then.
    await new Promise((resolve) => setImmediate(resolve));
    expect((await post('stop', { workflowId: 'wf' })).status).toBe(200);
    await simulator.runUntilIdle();
    // The cancel itself reaches the workflow a step's latency later (docs/semantics/client-api.md#stop-1),
    // so a step scheduled in between may be called too; its answer is dropped either way.
    const paths = worker.calls.map((call) => call.path);
    expect(paths[0]).toBe('/api/v1/workflowState/start');
    expect(paths.length).toBeLessThanOrEqual(2);
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'CANCELED' });
    await simulator.close();
  });

  it('never adds latency on the virtual clock, whatever stepLatencyMs says', async () => {
    const worker = oneStateWorker();
    const { simulator, start, result } = setup(worker, { stepLatencyMs: 5_000 });
    const t0 = simulator.now();
    const realStart = Date.now();
    await start('wf');
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(Date.now() - realStart).toBeLessThan(2_000);
    expect(simulator.now()).toBe(t0);
  });
});
