import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import { expectEqual, expectStatus } from '../checks.ts';
import { enc, goTo, gracefulComplete, move, sleep, waitSignal } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';

const hourTimer: WorkflowStateStartResponse = {
  commandRequest: {
    deciderTriggerType: 'ALL_COMMAND_COMPLETED',
    timerCommands: [{ commandId: 't', durationSeconds: 3600 }],
  },
};

const exclusiveK = {
  persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
  partialLoadingKeys: ['k'],
  lockingKeys: ['k'],
};

/** What a reset re-applies after its point: timer skips, locking RPCs; and the history-based reset types. */
export const resetReapplyScenarios: Scenario[] = [
  {
    name: 'reset-reapplies-timer-skip',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: { waitUntil: () => hourTimer, execute: () => goTo(move('S2')) },
            S2: { waitUntil: () => waitSignal('never'), execute: () => gracefulComplete() },
          },
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await sleep(200);
      const skip = { workflowId: id, workflowStateExecutionId: 'S1-1', timerCommandIndex: 0 };
      expectStatus('timer/skip', await ctx.post(ApiPaths.skipTimer, skip), 200);
      await ctx.worker.waitForCall(id, (c) => c.stateId === 'S2');
      expectStatus('reset', await ctx.post(ApiPaths.reset, { workflowId: id, resetType: 'BEGINNING' }), 200);
      // The hour timer is skipped again: S1 executes and S2 starts again at once.
      await ctx.worker.waitForCall(id, () => ctx.worker.callsOf(id, 'execute').length >= 2, 5_000);
      await ctx.worker.waitForCall(
        id,
        () => ctx.worker.callsOf(id).filter((c) => c.stateId === 'S2').length >= 2,
        5_000,
      );
      const other = ctx.id('skipped-signals');
      await ctx.start(
        other,
        { startStateId: 'S1' },
        {
          states: {
            S1: { waitUntil: () => hourTimer, execute: () => goTo(move('S2')) },
            S2: { waitUntil: () => waitSignal('never'), execute: () => gracefulComplete() },
          },
        },
      );
      await ctx.worker.waitForCall(other, (c) => c.api === 'waitUntil');
      await sleep(200);
      expectStatus('timer/skip', await ctx.post(ApiPaths.skipTimer, { ...skip, workflowId: other }), 200);
      await ctx.worker.waitForCall(other, (c) => c.stateId === 'S2');
      const reset = { workflowId: other, resetType: 'BEGINNING', skipSignalReapply: true };
      expectStatus('reset with skipSignalReapply', await ctx.post(ApiPaths.reset, reset), 200);
      await ctx.worker.waitForCall(other, () => ctx.worker.callsOf(other, 'waitUntil').length >= 3);
      await sleep(1_500);
      expectEqual(
        'skipSignalReapply: S1 waits for its timer',
        ctx.worker.callsOf(other, 'execute').length,
        1,
      );
    },
  },
  {
    name: 'reset-reruns-locking-rpc',
    async run(ctx) {
      const id = ctx.id('wf');
      let calls = 0;
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: { S1: { waitUntil: () => waitSignal('never'), execute: () => gracefulComplete() } },
          rpc: () => {
            calls++;
            return { output: enc(calls), upsertDataAttributes: [{ key: 'k', value: enc(`v${calls}`) }] };
          },
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      const rpc = await ctx.post(ApiPaths.rpc, {
        workflowId: id,
        rpcName: 'inc',
        input: enc('x'),
        timeoutSeconds: 10,
        dataAttributesLoadingPolicy: exclusiveK,
      });
      expectStatus('locking rpc', rpc, 200);
      expectStatus('reset', await ctx.post(ApiPaths.reset, { workflowId: id, resetType: 'BEGINNING' }), 200);
      await ctx.worker.waitForCall(id, () => ctx.worker.callsOf(id, 'rpc').length >= 2, 5_000);
      expectEqual(
        'the RPC is called again with its input',
        ctx.worker.callsOf(id, 'rpc')[1]?.body.input,
        enc('x'),
      );
      await ctx.eventually(async () => {
        const data = await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id, keys: ['k'] });
        expectEqual('k after the reset: the new answer', data.json, {
          objects: [{ key: 'k', value: enc('v2') }],
        });
      });
      // Re-applied before the reset run's first workflow task: a BEGINNING reset of that run replays
      // it whatever skipUpdateReapply says, and the RPC runs a third time.
      const again = { workflowId: id, resetType: 'BEGINNING', skipUpdateReapply: true };
      expectStatus(
        'reset of the reset run with skipUpdateReapply',
        await ctx.post(ApiPaths.reset, again),
        200,
      );
      await ctx.worker.waitForCall(id, () => ctx.worker.callsOf(id, 'rpc').length >= 3, 5_000);
      await ctx.eventually(async () => {
        const data = await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id, keys: ['k'] });
        expectEqual('k after the second reset', data.json, { objects: [{ key: 'k', value: enc('v3') }] });
      });
      const other = ctx.id('skipped');
      await ctx.start(
        other,
        { startStateId: 'S1' },
        {
          states: { S1: { waitUntil: () => waitSignal('never'), execute: () => gracefulComplete() } },
          rpc: () => ({ upsertDataAttributes: [{ key: 'k', value: enc('written') }] }),
        },
      );
      await ctx.worker.waitForCall(other, (c) => c.api === 'waitUntil');
      const call = {
        workflowId: other,
        rpcName: 'w',
        timeoutSeconds: 10,
        dataAttributesLoadingPolicy: exclusiveK,
      };
      expectStatus('locking rpc', await ctx.post(ApiPaths.rpc, call), 200);
      const skipped = { workflowId: other, resetType: 'BEGINNING', skipUpdateReapply: true };
      expectStatus('reset with skipUpdateReapply', await ctx.post(ApiPaths.reset, skipped), 200);
      await ctx.worker.waitForCall(other, () => ctx.worker.callsOf(other, 'waitUntil').length >= 2, 5_000);
      await sleep(500);
      expectEqual('skipUpdateReapply: not called again', ctx.worker.callsOf(other, 'rpc').length, 1);
      const data = await ctx.post(ApiPaths.dataObjectsGet, { workflowId: other, keys: ['k'] });
      expectEqual('skipUpdateReapply: none of its writes', data.json, {});
    },
  },
  {
    name: 'reset-history-event-id',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        { states: { S1: { waitUntil: () => waitSignal('never'), execute: () => gracefulComplete() } } },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      const reset = (historyEventId: number) =>
        ctx.post(ApiPaths.reset, { workflowId: id, resetType: 'HISTORY_EVENT_ID', historyEventId });
      const outside = await reset(1);
      expectStatus('event 1', outside, 500);
      expectEqual(
        'event 1: detail',
        (outside.json as { detail?: string }).detail,
        'Workflow task finish ID must be > 1 && <= workflow last event ID.',
      );
      expectStatus('event 4 (the first workflow task)', await reset(4), 200);
      await ctx.worker.waitForCall(id, () => ctx.worker.callsOf(id, 'waitUntil').length >= 2, 5_000);
    },
  },
  {
    name: 'reset-history-event-time',
    async run(ctx) {
      const id = ctx.id('wf');
      const t0 = Date.now();
      await ctx.start(
        id,
        { startStateId: 'S1' },
        { states: { S1: { waitUntil: () => waitSignal('never'), execute: () => gracefulComplete() } } },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      const reset = (historyEventTime: string) =>
        ctx.post(ApiPaths.reset, { workflowId: id, resetType: 'HISTORY_EVENT_TIME', historyEventTime });
      const future = `${new Date(t0 + 3_600_000).toISOString().slice(0, 19)}+00:00`;
      const none = await reset(future);
      expectStatus('a time after every workflow task', none, 500);
      expectEqual(
        'detail',
        (none.json as { detail?: string }).detail,
        'Get historyEventId failed, no historyEventId',
      );
      const zulu = await reset(new Date(t0).toISOString());
      expectStatus('a Z suffix', zulu, 500);
      const before = `${new Date(t0 - 60_000).toISOString().slice(0, 19)}+00:00`;
      expectStatus('a time before the start', await reset(before), 200);
      await ctx.worker.waitForCall(id, () => ctx.worker.callsOf(id, 'waitUntil').length >= 2, 5_000);
    },
  },
];
