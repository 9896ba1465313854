import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { PersistenceLoadingPolicy } from '../../sdk/wire/types.ts';
import { expectEqual, expectResponse, expectTrue } from '../checks.ts';
import { lockCounter, runIncrementExperiment } from '../contention/increment-experiment.ts';
import type { ScenarioContext } from '../context.ts';
import {
  Answer,
  deadEnd,
  enc,
  goTo,
  gracefulComplete,
  move,
  sleep,
  type WorkflowScript,
  waitFor,
} from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';

const lockRefusal = {
  detail: 'requested data or search attributes are being locked by other operations',
  subStatus: 'WORKER_API_ERROR',
};

const lockingRpc = (ctx: ScenarioContext, workflowId: string, rpcName: string) =>
  ctx.post(ApiPaths.rpc, { workflowId, rpcName, dataAttributesLoadingPolicy: lockCounter });

/** A state waiting on a channel nobody publishes to; `slow` answers after 1.5 s, `quick` at once. */
const idleWithRpcs: WorkflowScript = {
  states: {
    Idle: {
      waitUntil: () =>
        waitFor({
          commandWaitingType: 'ALL_COMPLETED',
          interStateChannelCommands: [{ commandId: 'never', channelName: 'never' }],
        }),
    },
  },
  rpc: (request) =>
    request.rpcName === 'slow'
      ? new Answer({ delayMs: 1_500, body: { output: enc('slow') } })
      : { output: enc(request.rpcName) },
};

/**
 * Locking RPCs under contention: a locking RPC is a Temporal update, delivered to the workflow by
 * a workflow task; updates delivered by the same task are validated together (the first takes the
 * lock, the others are refused with 450), and one that arrives while a locking RPC's worker call
 * runs waits until that task ends.
 *
 * @example
 * allScenarios.push(...rpcContentionScenarios);
 */
export const rpcContentionScenarios: Scenario[] = [
  {
    name: 'rpc-locking-contention-refuses-some-and-loses-no-update',
    timeoutMs: 60_000,
    async run(ctx) {
      const id = ctx.id('wf');
      ctx.track(id);
      const outcome = await runIncrementExperiment({
        client: ctx.client,
        worker: ctx.worker,
        workflowId: id,
        rpcs: 40,
        concurrency: 10,
      });
      const accepted = outcome.statuses[200] ?? 0;
      const refused = outcome.statuses[450] ?? 0;
      expectEqual('answers other than 200 and 450', 40 - accepted - refused, 0);
      expectTrue('some RPCs refused with 450', refused > 0, 'more than 0', outcome.statuses);
      expectTrue('some RPCs accepted', accepted > 0, 'more than 0', outcome.statuses);
      expectEqual('final count (one per 200)', outcome.finalCount, accepted);
    },
  },
  {
    name: 'rpc-locking-arriving-during-another-waits-for-it',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(id, { startStateId: 'Idle' }, idleWithRpcs);
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await sleep(300);
      const slow = lockingRpc(ctx, id, 'slow');
      await ctx.worker.waitForCall(id, (c) => c.api === 'rpc');
      await sleep(300);
      const quick = await lockingRpc(ctx, id, 'quick');
      expectResponse('the slow rpc', await slow, 200, { output: enc('slow') });
      expectResponse('a locking rpc sent while the slow one runs', quick, 200, { output: enc('quick') });
      const [slowCall, quickCall] = ctx.worker.callsOf(id, 'rpc');
      expectTrue(
        'the second rpc reaches the worker after the first answered',
        quickCall!.at - slowCall!.at >= 1_400,
        '>= 1400 ms after the first call',
        quickCall!.at - slowCall!.at,
      );
    },
  },
  {
    name: 'rpc-locking-delivered-together-first-wins-others-450',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(id, { startStateId: 'Idle' }, idleWithRpcs);
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await sleep(300);
      const slow = lockingRpc(ctx, id, 'slow');
      await ctx.worker.waitForCall(id, (c) => c.api === 'rpc');
      await sleep(300);
      const together = await Promise.all(['a', 'b', 'c'].map((name) => lockingRpc(ctx, id, name)));
      expectResponse('the slow rpc', await slow, 200, { output: enc('slow') });
      const accepted = together.filter((r) => r.status === 200);
      const refused = together.filter((r) => r.status === 450);
      expectEqual('accepted of the three that waited for the same task', accepted.length, 1);
      expectEqual('refused of the three', refused.length, 2);
      for (const res of refused) expectResponse('a refused rpc', res, 450, lockRefusal);
      expectEqual('worker rpc calls', ctx.worker.callsOf(id, 'rpc').length, 2);
    },
  },
  {
    name: 'rpc-locking-freezes-the-workflow-while-it-runs',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'Timed' },
        {
          states: {
            Timed: {
              waitUntil: () =>
                waitFor({
                  commandWaitingType: 'ALL_COMPLETED',
                  timerCommands: [{ commandId: 't', durationSeconds: 1 }],
                }),
              execute: () => gracefulComplete(),
            },
          },
          rpc: () => new Answer({ delayMs: 2_500, body: { output: enc('slow') } }),
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      const slow = lockingRpc(ctx, id, 'slow');
      const rpcCall = await ctx.worker.waitForCall(id, (c) => c.api === 'rpc');
      expectResponse('the slow rpc', await slow, 200, { output: enc('slow') });
      const execute = await ctx.worker.waitForCall(id, (c) => c.api === 'execute');
      // The timer fired while the RPC ran; the state goes on only after the RPC's task ended.
      expectTrue(
        'execute after the rpc answered',
        execute.at - rpcCall.at >= 2_400,
        '>= 2400 ms after the rpc call',
        execute.at - rpcCall.at,
      );
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
    },
  },
  {
    name: 'state-takes-search-keys-before-waiting-for-data-keys',
    async run(ctx) {
      const lockOf = (key: string): PersistenceLoadingPolicy => ({
        persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
        partialLoadingKeys: [key],
        lockingKeys: [key],
      });
      const search = 'CustomKeywordField';
      const id = ctx.id('wf');
      // H holds data key d for 3 s; W then asks for search key s and data key d: it takes s at once
      // and waits for d, holding s meanwhile.
      await ctx.start(
        id,
        { startStateId: 'Fork', stateOptions: { skipWaitUntil: true } },
        {
          states: {
            Fork: {
              execute: () =>
                goTo(
                  move('H', undefined, {
                    skipWaitUntil: true,
                    executeApiDataAttributesLoadingPolicy: lockOf('d'),
                  }),
                  move('W', undefined, {
                    executeApiSearchAttributesLoadingPolicy: lockOf(search),
                    executeApiDataAttributesLoadingPolicy: lockOf('d'),
                  }),
                ),
            },
            H: { execute: () => new Answer({ delayMs: 3_000, body: deadEnd() }) },
            W: {
              waitUntil: () =>
                waitFor({
                  commandWaitingType: 'ALL_COMPLETED',
                  timerCommands: [{ commandId: 't', durationSeconds: 1 }],
                }),
              execute: () => gracefulComplete(),
            },
          },
          rpc: () => ({ output: enc('ran') }),
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil' && c.stateId === 'W');
      await sleep(1_800);
      expectEqual(
        'W has not executed yet',
        ctx.worker.callsOf(id, 'execute').filter((c) => c.stateId === 'W').length,
        0,
      );
      const onSearchKey = await ctx.post(ApiPaths.rpc, {
        workflowId: id,
        rpcName: 'onSearchKey',
        searchAttributesLoadingPolicy: lockOf(search),
      });
      expectResponse(
        'a locking rpc on the search key W took while it waits for d',
        onSearchKey,
        450,
        lockRefusal,
      );
      const onOtherKey = await ctx.post(ApiPaths.rpc, {
        workflowId: id,
        rpcName: 'onOtherKey',
        dataAttributesLoadingPolicy: lockOf('other'),
      });
      expectResponse('a locking rpc on a free key', onOtherKey, 200, { output: enc('ran') });
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
    },
  },
  {
    name: 'rpc-locking-terminate-aborts-running-and-waiting',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(id, { startStateId: 'Idle' }, idleWithRpcs);
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await sleep(300);
      const slow = lockingRpc(ctx, id, 'slow');
      await ctx.worker.waitForCall(id, (c) => c.api === 'rpc');
      await sleep(300);
      const waiting = lockingRpc(ctx, id, 'quick');
      await sleep(300);
      expectResponse(
        'terminate',
        await ctx.post(ApiPaths.stop, { workflowId: id, stopType: 'TERMINATE' }),
        200,
        {},
      );
      const aborted = {
        detail: 'workflow update was aborted by closing workflow',
        subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
      };
      // Answered at the terminate, before the worker answers the running one.
      const [running, behind] = await Promise.all([slow, waiting]);
      expectResponse('the running locking rpc', running, 400, aborted);
      expectResponse('the locking rpc waiting behind it', behind, 400, aborted);
      expectTrue('answered before the worker', running.ms < 1_400, '< 1400 ms', running.ms);
    },
  },
];
