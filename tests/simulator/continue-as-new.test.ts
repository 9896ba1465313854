import { describe, expect, it, vi } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

type RunIdBody = { workflowRunId: string; workflowStatus?: string };

const waitForGo = {
  waitUntil: () => ({
    commandRequest: {
      deciderTriggerType: 'ALL_COMMAND_COMPLETED' as const,
      signalCommands: [{ commandId: 's', signalChannelName: 'go' }],
    },
  }),
  execute: () => gracefulComplete(enc('done')),
};

/** S1 loops `n` times through itself (with waitUntil), then completes with the count. */
function loopingWorker(n: number) {
  return new FakeWorker({
    S1: {
      waitUntil: () => ({}),
      execute: (req: WorkflowStateDecideRequest) => {
        const i = Number(req.stateInput?.data ?? '0');
        if (i + 1 >= n) return gracefulComplete(enc(i + 1));
        return { stateDecision: { nextStates: [{ stateId: 'S1', stateInput: enc(i + 1) }] } };
      },
    },
  });
}

describe('continue-as-new (can-1, can-2, config-1)', () => {
  it('triggerContinueAsNew gives a new run id through /get; the old one describes as CONTINUED_AS_NEW (can-2)', async () => {
    const worker = new FakeWorker({ S1: waitForGo }, { peek: () => ({ output: enc('ok') }) });
    const { simulator, post, start, result } = setup(worker);
    const first = (
      (await start('wf', { workflowStartOptions: { dataAttributes: [{ key: 'k', value: enc(1) }] } }))
        .body as RunIdBody
    ).workflowRunId;
    await simulator.runUntilIdle();
    expect((await post('triggerContinueAsNew', { workflowId: 'wf' })).status).toBe(200);
    const current = (await post('get', { workflowId: 'wf' })).body as RunIdBody;
    expect(current.workflowStatus).toBe('RUNNING');
    expect(current.workflowRunId).not.toBe(first);
    expect((await post('get', { workflowId: 'wf', workflowRunId: first })).body).toEqual({
      workflowRunId: first,
      workflowStatus: 'CONTINUED_AS_NEW',
    });
    // Everything carries over: data attributes, the waiting state, the signal buffer.
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'k', value: enc(1) }],
    });
    await post('rpc', { workflowId: 'wf', rpcName: 'peek' });
    expect((worker.callsOf('rpc')[0]!.body.context as { workflowRunId: string }).workflowRunId).toBe(
      current.workflowRunId,
    );
    // A write to the old run id is a write to a closed run.
    expect(
      (await post('signal', { workflowId: 'wf', workflowRunId: first, signalChannelName: 'go' })).status,
    ).toBe(400);
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    expect((await result('wf')).body).toMatchObject({
      workflowRunId: current.workflowRunId,
      workflowStatus: 'COMPLETED',
    });
    // State API contexts keep the first run id.
    expect((worker.callsOf('execute')[0]!.body.context as { workflowRunId: string }).workflowRunId).toBe(
      first,
    );
  });

  it('asking for the result of the old run id answers the 500 the real server gives (measured) (can-2)', async () => {
    const { simulator, post, start } = setup(new FakeWorker({ S1: waitForGo }));
    const first = ((await start('wf')).body as RunIdBody).workflowRunId;
    await simulator.runUntilIdle();
    await post('triggerContinueAsNew', { workflowId: 'wf' });
    const impossible = {
      status: 500,
      body: {
        detail: 'impossible/very rare status, maybe caused by racing conditions',
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    };
    expect(await post('getWithWait', { workflowId: 'wf', workflowRunId: first })).toEqual(impossible);
    expect(await post('get', { workflowId: 'wf', workflowRunId: first, needsResults: true })).toEqual(
      impossible,
    );
  });

  it('continues as new when the operation count reaches continueAsNewThreshold (2 per state with waitUntil) (can-1)', async () => {
    const worker = loopingWorker(6);
    const { simulator, post, start, result } = setup(worker);
    await start('wf', { workflowStartOptions: { workflowConfigOverride: { continueAsNewThreshold: 4 } } });
    const done = (await result('wf')).body as RunIdBody & { results: unknown[] };
    expect(done).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateExecutionId: 'S1-6', completedStateOutput: enc(6) }],
    });
    // 6 executions × 2 = 12 operations: a new run after every 4.
    const runs = simulator.listWorkflows().filter((w) => w.workflowId === 'wf');
    expect(runs.map((r) => r.status).sort()).toEqual(['COMPLETED', 'CONTINUED_AS_NEW', 'CONTINUED_AS_NEW']);
    expect((await post('search', { query: "WorkflowId = 'wf'" })).body).toMatchObject({
      workflowExecutions: expect.arrayContaining([
        expect.objectContaining({ workflowRunId: done.workflowRunId }),
      ]),
    });
    expect(
      ((await post('search', { query: "WorkflowId = 'wf'" })).body as { workflowExecutions: unknown[] })
        .workflowExecutions,
    ).toHaveLength(3);
  });

  it('keeps one run under the default threshold of 100 (can-1)', async () => {
    const { simulator, start, result } = setup(loopingWorker(49));
    await start('wf');
    await result('wf');
    expect(simulator.listWorkflows()).toHaveLength(1);
  });

  it('config/update of continueAsNewThreshold takes effect on the running workflow (config-1)', async () => {
    const { simulator, post, start } = setup(new FakeWorker({ S1: waitForGo }));
    const first = ((await start('wf')).body as RunIdBody).workflowRunId;
    await simulator.runUntilIdle();
    // The config update itself and each signal batch count one operation.
    await post('config/update', { workflowId: 'wf', workflowConfig: { continueAsNewThreshold: 3 } });
    await post('signal', { workflowId: 'wf', signalChannelName: 'other' });
    expect(((await post('get', { workflowId: 'wf' })).body as RunIdBody).workflowRunId).toBe(first);
    await post('signal', { workflowId: 'wf', signalChannelName: 'other' });
    expect(((await post('get', { workflowId: 'wf' })).body as RunIdBody).workflowRunId).not.toBe(first);
  });

  it('waits for an in-flight state API call before continuing as new (can-1)', async () => {
    let release: () => void = () => {};
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => new Promise((resolve) => (release = () => resolve({}))),
        execute: () => gracefulComplete(),
      },
    });
    const { simulator, post, start, result } = setup(worker);
    const first = ((await start('wf')).body as RunIdBody).workflowRunId;
    await vi.waitFor(() => expect(worker.callsOf('waitUntil')).toHaveLength(1));
    await post('triggerContinueAsNew', { workflowId: 'wf' });
    expect(((await post('get', { workflowId: 'wf' })).body as RunIdBody).workflowRunId).toBe(first);
    release();
    await simulator.runUntilIdle();
    const done = (await result('wf')).body as RunIdBody;
    expect(done.workflowRunId).not.toBe(first);
    expect(done.workflowStatus).toBe('COMPLETED');
  });
});
