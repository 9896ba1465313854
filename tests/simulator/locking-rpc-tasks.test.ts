import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { PersistenceLoadingPolicy, WorkflowWorkerRpcResponse } from '../../sdk/wire/types.ts';
import { LOCK_REFUSED_DETAIL } from '../../simulator/engine/rpcs/rpc-outcome.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const lock = (key: string): PersistenceLoadingPolicy => ({
  persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
  partialLoadingKeys: [key],
  lockingKeys: [key],
});

/**
 * A workflow whose state waits on the channel `go` (so no state holds a lock) and completes when it
 * arrives; RPCs: `hold` answers when the test says, `inc` increments the data attribute `counter`.
 */
function contendedWorkflow() {
  const held: ((response: WorkflowWorkerRpcResponse) => void)[] = [];
  const worker = new FakeWorker(
    {
      S1: {
        waitUntil: () => ({
          commandRequest: {
            deciderTriggerType: 'ALL_COMMAND_COMPLETED',
            interStateChannelCommands: [{ commandId: 'go', channelName: 'go' }],
          },
        }),
        execute: () => gracefulComplete(enc('finished')),
      },
    },
    {
      hold: () => new Promise((resolve) => held.push(resolve)),
      inc: (request) => {
        const current = request.dataAttributes?.find((a) => a.key === 'counter')?.value?.data;
        const next = (current ? Number(JSON.parse(current)) : 0) + 1;
        return { output: enc(next), upsertDataAttributes: [{ key: 'counter', value: enc(next) }] };
      },
    },
  );
  const answerHold = (output = 'held') => held.shift()?.({ output: enc(output) });
  return { worker, answerHold };
}

const rpc = (rpcName: string, key = 'counter') => ({
  workflowId: 'wf',
  rpcName,
  dataAttributesLoadingPolicy: lock(key),
});
const turn = () => new Promise((resolve) => setImmediate(resolve));
const rpcNames = (worker: FakeWorker) => worker.callsOf('rpc').map((c) => c.body.rpcName);
const refusal = { status: 450, body: { detail: LOCK_REFUSED_DETAIL, subStatus: 'WORKER_API_ERROR' } };

describe('locking RPCs are delivered in workflow tasks, as Temporal delivers updates to the iWF workflow', () => {
  it('holds a locking RPC that arrives while another runs until that workflow task ends, then runs it', async () => {
    const { worker, answerHold } = contendedWorkflow();
    const { post, start } = setup(worker);
    await start('wf');
    await turn();
    const first = post('rpc', rpc('hold'));
    await turn();
    const second = post('rpc', rpc('inc'));
    await turn();
    expect(rpcNames(worker)).toEqual(['hold']);
    answerHold();
    expect(await first).toEqual({ status: 200, body: { output: enc('held') } });
    expect(await second).toEqual({ status: 200, body: { output: enc(1) } });
    expect(rpcNames(worker)).toEqual(['hold', 'inc']);
  });

  it('validates the RPCs that waited for the same task together: the first takes the lock, the others get 450', async () => {
    const { worker, answerHold } = contendedWorkflow();
    const { post, start } = setup(worker);
    await start('wf');
    await turn();
    const first = post('rpc', rpc('hold'));
    await turn();
    const waiting = [post('rpc', rpc('inc')), post('rpc', rpc('inc')), post('rpc', rpc('inc'))];
    await turn();
    answerHold();
    await first;
    expect(await Promise.all(waiting)).toEqual([{ status: 200, body: { output: enc(1) } }, refusal, refusal]);
    expect(rpcNames(worker)).toEqual(['hold', 'inc']);
  });

  it('answers the refused RPCs of a task only when the accepted one has answered', async () => {
    const { worker, answerHold } = contendedWorkflow();
    const { post, start } = setup(worker);
    await start('wf');
    await turn();
    const first = post('rpc', rpc('hold'));
    await turn();
    const settled: string[] = [];
    const second = post('rpc', rpc('hold')).then((r) => settled.push(`second ${r.status}`));
    const third = post('rpc', rpc('hold')).then((r) => settled.push(`third ${r.status}`));
    await turn();
    answerHold('first');
    await first;
    await turn();
    expect(settled).toEqual([]);
    answerHold('second');
    await Promise.all([second, third]);
    expect(settled).toEqual(['second 200', 'third 450']);
  });

  it('accepts RPCs delivered together when their keys differ, and runs them side by side', async () => {
    const { worker, answerHold } = contendedWorkflow();
    const { post, start } = setup(worker);
    await start('wf');
    await turn();
    const first = post('rpc', rpc('hold', 'a'));
    await turn();
    const together = [post('rpc', rpc('hold', 'b')), post('rpc', rpc('hold', 'c'))];
    answerHold('a');
    await first;
    await turn();
    expect(rpcNames(worker)).toEqual(['hold', 'hold', 'hold']);
    answerHold('b');
    answerHold('c');
    expect((await Promise.all(together)).map((r) => r.status)).toEqual([200, 200]);
  });

  it('loses no increment under contention: the final count is the number of 200s, and some are refused', async () => {
    const { worker } = contendedWorkflow();
    const { post, start } = setup(worker);
    await start('wf');
    await turn();
    const replies = await Promise.all(Array.from({ length: 20 }, () => post('rpc', rpc('inc'))));
    const accepted = replies.filter((r) => r.status === 200).length;
    const refused = replies.filter((r) => r.status === 450).length;
    expect(accepted + refused).toBe(20);
    expect(refused).toBeGreaterThan(0);
    const read = await post('dataobjects/get', { workflowId: 'wf', keys: ['counter'] });
    expect(read.body).toEqual({ objects: [{ key: 'counter', value: enc(accepted) }] });
  });

  it('gives the same answers to the same concurrent RPCs on every run (virtual clock)', async () => {
    const outcomes: number[][] = [];
    for (let i = 0; i < 2; i++) {
      const { worker } = contendedWorkflow();
      const { post, start } = setup(worker);
      await start('wf');
      await turn();
      const replies = await Promise.all(Array.from({ length: 10 }, () => post('rpc', rpc('inc'))));
      outcomes.push(replies.map((r) => r.status));
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
  });

  it('refuses none of them when the batching delivers one RPC per workflow task', async () => {
    const { worker } = contendedWorkflow();
    const { post, start } = setup(worker, { rpcTaskBatching: () => 1 });
    await start('wf');
    await turn();
    const replies = await Promise.all(Array.from({ length: 10 }, () => post('rpc', rpc('inc'))));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
  });

  it('freezes the workflow while a locking RPC runs: a state API call waits for the task to end', async () => {
    const { worker, answerHold } = contendedWorkflow();
    const { post, start, result } = setup(worker);
    await start('wf');
    await turn();
    const held = post('rpc', rpc('hold'));
    await turn();
    await post('publishToInternalChannel', { workflowId: 'wf', messages: [{ channelName: 'go' }] });
    await turn();
    expect(worker.callsOf('execute')).toHaveLength(0);
    answerHold();
    expect((await held).status).toBe(200);
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(worker.callsOf('execute')).toHaveLength(1);
  });

  it('answers the RPCs of the running task and those waiting for one at once with 400 when the workflow is terminated', async () => {
    const { worker, answerHold } = contendedWorkflow();
    const { post, start } = setup(worker);
    await start('wf');
    await turn();
    const running = post('rpc', rpc('hold'));
    await turn();
    const waiting = post('rpc', rpc('inc'));
    await turn();
    expect((await post('stop', { workflowId: 'wf', stopType: 'TERMINATE' })).status).toBe(200);
    const aborted = {
      status: 400,
      body: {
        detail: 'workflow update was aborted by closing workflow',
        subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
      },
    };
    // The worker has not answered the running RPC yet: Temporal never saw it accepted.
    expect(await Promise.all([running, waiting])).toEqual([aborted, aborted]);
    answerHold();
    await turn();
    expect(rpcNames(worker)).toEqual(['hold']);
  });

  it('fails the RPC accepted in the task where the workflow completes itself with 500, and still refuses the others with 450', async () => {
    const { worker, answerHold } = contendedWorkflow();
    const { post, start, result } = setup(worker);
    await start('wf');
    await turn();
    const first = post('rpc', rpc('hold'));
    await turn();
    // The state may go on, but the workflow is frozen while the RPC runs.
    await post('publishToInternalChannel', { workflowId: 'wf', messages: [{ channelName: 'go' }] });
    const second = post('rpc', rpc('hold'));
    await turn();
    answerHold('first');
    await first;
    await turn();
    // The state's execute answered during the second RPC's task: processed when it ends, in the
    // same task as the two RPCs that arrived meanwhile.
    expect(worker.callsOf('execute')).toHaveLength(1);
    const together = [post('rpc', rpc('inc')), post('rpc', rpc('inc'))];
    await turn();
    answerHold('second');
    expect((await second).status).toBe(200);
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(await Promise.all(together)).toEqual([
      {
        status: 500,
        body: {
          detail:
            'Workflow Update failed because the Workflow completed before the Update completed. (type: AcceptedUpdateCompletedWorkflow, retryable: false)',
          subStatus: 'UNCATEGORIZED_SUB_STATUS',
        },
      },
      refusal,
    ]);
  });

  it('continues as new only once the running task of locking RPCs has ended', async () => {
    const { worker, answerHold } = contendedWorkflow();
    const { post, start } = setup(worker);
    await start('wf', { workflowStartOptions: { workflowConfigOverride: { continueAsNewThreshold: 2 } } });
    await turn();
    const runIdNow = async () =>
      ((await post('get', { workflowId: 'wf' })).body as { workflowRunId: string }).workflowRunId;
    const firstRunId = await runIdNow();
    const first = post('rpc', rpc('hold', 'x'));
    await turn();
    const held = post('rpc', rpc('hold', 'a'));
    const increment = post('rpc', rpc('inc', 'b'));
    answerHold('x');
    await first;
    await turn();
    expect(rpcNames(worker)).toEqual(['hold', 'hold', 'inc']);
    // The increment has answered and two operations are counted: due, but the server drains the
    // update still running first.
    expect(await runIdNow()).toBe(firstRunId);
    answerHold('a');
    expect((await held).status).toBe(200);
    expect((await increment).status).toBe(200);
    expect(await runIdNow()).not.toBe(firstRunId);
  });
});
