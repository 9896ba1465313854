import { ApiPaths } from '../../sdk/wire/paths.ts';
import { expectEqual, expectStatus, expectTrue } from '../checks.ts';
import { enc, gracefulComplete, sleep, waitSignal } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';

/** What a reset run keeps of its start: the timeout counts from the reset, the start delay is not repeated. */
export const resetDeadlineScenarios: Scenario[] = [
  {
    name: 'reset-timeout-counts-from-the-reset',
    timeoutMs: 20_000,
    async run(ctx) {
      const id = ctx.id('wf');
      const t0 = Date.now();
      await ctx.start(
        id,
        { startStateId: 'S1', workflowTimeoutSeconds: 3 },
        {
          states: { S1: { waitUntil: () => waitSignal('go'), execute: () => gracefulComplete(enc('done')) } },
        },
      );
      await ctx.signal(id, 'go');
      await ctx.eventually(async () =>
        expectEqual('status before the reset', (await ctx.describe(id)).workflowStatus, 'COMPLETED'),
      );
      const reset = { workflowId: id, resetType: 'BEGINNING', skipSignalReapply: true };
      await sleep(1_000 - (Date.now() - t0));
      expectStatus('reset at 1 s', await ctx.post(ApiPaths.reset, reset), 200);
      await sleep(2_000 - (Date.now() - t0));
      const second = Date.now();
      expectStatus('reset of the reset run at 2 s', await ctx.post(ApiPaths.reset, reset), 200);
      // The original deadline (3 s) and the first reset's (4 s) have passed: neither holds.
      await sleep(4_400 - (Date.now() - t0));
      expectEqual('status 4.4 s after the start', (await ctx.describe(id)).workflowStatus, 'RUNNING');
      const closed = await ctx.result(id, 5);
      const afterSecondReset = Date.now() - second;
      expectEqual('status', closed.workflowStatus, 'TIMEOUT');
      expectTrue(
        'closed 3 s after the second reset',
        afterSecondReset >= 2_900 && afterSecondReset < 4_500,
        'between 2900 and 4500 ms',
        afterSecondReset,
      );
    },
  },
  {
    name: 'reset-start-delay-not-repeated',
    timeoutMs: 20_000,
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1', workflowStartOptions: { workflowStartDelaySeconds: 5 } },
        { states: { S1: { waitUntil: () => ({}), execute: () => gracefulComplete(enc('done')) } } },
      );
      expectEqual('first run', (await ctx.result(id, 10)).workflowStatus, 'COMPLETED');
      const resetAt = Date.now();
      expectStatus('reset', await ctx.post(ApiPaths.reset, { workflowId: id, resetType: 'BEGINNING' }), 200);
      const call = await ctx.worker.waitForCall(
        id,
        () => ctx.worker.callsOf(id, 'waitUntil').length >= 2,
        8_000,
      );
      const again = ctx.worker.callsOf(id, 'waitUntil')[1]?.at ?? call.at;
      // Well under the 5 s delay: a loaded real server takes up to ~2.5 s to call the worker.
      expectTrue(
        'S1 called again without the 5 s delay',
        again - resetAt < 4_000,
        'within 4000 ms of the reset',
        again - resetAt,
      );
      expectEqual('reset run', (await ctx.result(id, 10)).workflowStatus, 'COMPLETED');
    },
  },
];
