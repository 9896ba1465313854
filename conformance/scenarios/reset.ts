import { ApiPaths } from '../../sdk/wire/paths.ts';
import { expectEqual, expectStatus, expectTrue } from '../checks.ts';
import { enc, goTo, gracefulComplete, move, waitSignal } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';

/** Reset (docs/semantics/lifecycle.md#reset-2), in its simple forms. */
export const resetScenarios: Scenario[] = [
  {
    name: 'reset-beginning',
    async run(ctx) {
      const id = ctx.id('wf');
      const runId = await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              execute: () => ({ ...goTo(move('S2')), upsertDataObjects: [{ key: 'k', value: enc('s1') }] }),
            },
            S2: { waitUntil: () => waitSignal('go'), execute: () => gracefulComplete(enc('done')) },
          },
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.stateId === 'S2');
      const res = await ctx.post(ApiPaths.reset, { workflowId: id, resetType: 'BEGINNING', reason: 'test' });
      expectStatus('reset BEGINNING', res, 200);
      const newRun = (res.json as { workflowRunId?: string }).workflowRunId;
      expectTrue(
        'new run id',
        typeof newRun === 'string' && newRun !== runId && newRun.length > 0,
        'a new run id',
        res.json,
      );
      expectEqual(
        'old run status',
        (await ctx.describe(id, { workflowRunId: runId })).workflowStatus,
        'TERMINATED',
      );
      await ctx.worker.waitForCall(
        id,
        () => ctx.worker.callsOf(id).filter((x) => x.stateId === 'S2').length >= 2,
      );
      const s1 = ctx.worker
        .callsOf(id)
        .filter((c) => c.stateId === 'S1')
        .map((c) => `${c.api}:${c.stateExecutionId}`);
      expectEqual('S1 runs again with the same execution id', s1, [
        'waitUntil:S1-1',
        'execute:S1-1',
        'waitUntil:S1-1',
        'execute:S1-1',
      ]);
      await ctx.signal(id, 'go');
      const result = await ctx.result(id);
      expectEqual('result of the new run', result, {
        workflowRunId: newRun,
        workflowStatus: 'COMPLETED',
        results: [
          { completedStateId: 'S2', completedStateExecutionId: 'S2-1', completedStateOutput: enc('done') },
        ],
      });
    },
  },
  {
    name: 'reset-state-id',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: { execute: () => goTo(move('S2')) },
            S2: { waitUntil: () => waitSignal('go'), execute: () => gracefulComplete(enc('done')) },
          },
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.stateId === 'S2');
      const res = await ctx.post(ApiPaths.reset, { workflowId: id, resetType: 'STATE_ID', stateId: 'S2' });
      const detail = (res.json as { detail?: string } | undefined)?.detail ?? '';
      if (res.status !== 200 && /not supported/i.test(detail))
        ctx.skip(`reset STATE_ID: ${res.status} ${detail}`);
      expectStatus('reset STATE_ID S2', res, 200);
      await ctx.worker.waitForCall(
        id,
        () => ctx.worker.callsOf(id).filter((x) => x.stateId === 'S2').length >= 2,
      );
      expectEqual('S1 not re-run', ctx.worker.callsOf(id).filter((c) => c.stateId === 'S1').length, 2);
      expectEqual(
        'S2 waitUntil re-run as S2-1',
        ctx.worker
          .callsOf(id)
          .filter((c) => c.stateId === 'S2')
          .map((c) => c.stateExecutionId),
        ['S2-1', 'S2-1'],
      );
      const missing = await ctx.post(ApiPaths.reset, {
        workflowId: id,
        resetType: 'STATE_ID',
        stateId: 'Nope',
      });
      expectEqual('reset to an unknown state id: status', missing.status, 500);
      await ctx.signal(id, 'go');
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
    },
  },
];

/** Continue-as-new is transparent to clients and workers (docs/semantics/lifecycle.md#can-1). */
export const continueAsNewScenarios: Scenario[] = [
  {
    name: 'continue-as-new-transparent',
    async run(ctx) {
      const id = ctx.id('wf');
      const runId = await ctx.start(
        id,
        { startStateId: 'S1', workflowStartOptions: { dataAttributes: [{ key: 'k', value: enc('kept') }] } },
        {
          states: {
            S1: {
              waitUntil: () => waitSignal('go'),
              execute: (req) => gracefulComplete(req.DataObjects?.[0]?.value),
            },
          },
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await ctx.signal(id, 'other', enc('buffered'));
      const res = await ctx.post(ApiPaths.triggerContinueAsNew, { workflowId: id });
      expectStatus('triggerContinueAsNew', res, 200);
      expectEqual('triggerContinueAsNew body', res.json, {});
      await ctx.eventually(async () =>
        expectEqual('status', (await ctx.describe(id)).workflowStatus, 'RUNNING'),
      );
      await ctx.signal(id, 'go');
      const result = await ctx.result(id);
      expectEqual('result after continue-as-new', result.results, [
        { completedStateId: 'S1', completedStateExecutionId: 'S1-1', completedStateOutput: enc('kept') },
      ]);
      expectEqual('status', result.workflowStatus, 'COMPLETED');
      const contexts = ctx.worker
        .callsOf(id)
        .map((c) => (c.body.context as { workflowRunId?: string }).workflowRunId);
      expectEqual('state API context keeps the first run id', [...new Set(contexts)], [runId]);
      expectEqual('waitUntil not repeated', ctx.worker.callsOf(id, 'waitUntil').length, 1);
    },
  },
];
