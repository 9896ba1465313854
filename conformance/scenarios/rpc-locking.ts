import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { PersistenceLoadingPolicy } from '../../sdk/wire/types.ts';
import { expectEqual, expectFields, expectResponse, expectTrue } from '../checks.ts';
import { Answer, enc, gracefulComplete, sleep, waitSignal } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';
import { idle, rpc, workerApiError } from './rpc-workflows.ts';

/** RPC timeouts, locking RPCs (the 450 of a held lock, a state waiting for an RPC's lock), and RPCs to a closed workflow (docs/semantics/rpc.md#rpc-7; docs/semantics/faults.md#table-c). */
export const rpcLockingScenarios: Scenario[] = [
  {
    name: 'rpc-timeout',
    async run(ctx) {
      const { id } = await idle(
        ctx,
        'wf',
        () =>
          new Answer({ delayMs: 3_000, body: { upsertDataAttributes: [{ key: 'late', value: enc(1) }] } }),
      );
      const started = Date.now();
      const res = await rpc(ctx, id, { timeoutSeconds: 2 });
      const ms = Date.now() - started;
      expectResponse(
        'rpc past its deadline',
        res,
        420,
        workerApiError(
          `Post "${ctx.workerUrl}/api/v1/workflowWorker/rpc": context deadline exceeded`,
          0,
          '',
          '',
        ),
      );
      expectTrue('rpc deadline (whole seconds)', ms >= 900 && ms < 2_600, '0.9..2.6 s', ms);
      await sleep(3_500 - ms);
      expectResponse(
        'the late answer’s DA upsert is dropped',
        await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id }),
        200,
        {},
      );
    },
  },
  {
    name: 'rpc-locking-450',
    async run(ctx) {
      const lock: PersistenceLoadingPolicy = {
        persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
        partialLoadingKeys: ['k'],
        lockingKeys: ['k'],
      };
      const id = ctx.id('wf');
      await ctx.start(
        id,
        {
          startStateId: 'S1',
          stateOptions: { skipWaitUntil: true, executeApiDataAttributesLoadingPolicy: lock },
        },
        {
          states: { S1: { execute: () => new Answer({ delayMs: 2_500, body: gracefulComplete() }) } },
          rpc: () => ({ output: enc('ran') }),
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'execute');
      await sleep(200);
      expectResponse(
        'locking rpc while a state holds the key',
        await rpc(ctx, id, { dataAttributesLoadingPolicy: lock }),
        450,
        {
          detail: 'requested data or search attributes are being locked by other operations',
          subStatus: 'WORKER_API_ERROR',
        },
      );
      expectResponse('non-locking rpc ignores the lock', await rpc(ctx, id), 200, { output: enc('ran') });
      expectResponse(
        'dataobjects/set ignores the lock',
        await ctx.post(ApiPaths.dataObjectsSet, {
          workflowId: id,
          objects: [{ key: 'k', value: enc('client') }],
        }),
        200,
        {},
      );
      await ctx.eventually(
        async () =>
          expectResponse(
            'the client write is visible while the lock is held',
            await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id }),
            200,
            {
              objects: [{ key: 'k', value: enc('client') }],
            },
          ),
        1_500,
      );
      expectEqual('worker rpc calls', ctx.worker.callsOf(id, 'rpc').length, 1);
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
    },
  },
  {
    name: 'rpc-locking-state-waits',
    async run(ctx) {
      const lock: PersistenceLoadingPolicy = {
        persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
        partialLoadingKeys: ['k'],
        lockingKeys: ['k'],
      };
      const id = ctx.id('wf');
      await ctx.start(
        id,
        {
          startStateId: 'S1',
          stateOptions: { executeApiDataAttributesLoadingPolicy: lock },
          workflowStartOptions: { dataAttributes: [{ key: 'k', value: enc('initial') }] },
        },
        {
          states: {
            S1: {
              waitUntil: () => waitSignal('go'),
              execute: (req) => gracefulComplete(req.DataObjects?.[0]?.value),
            },
          },
          rpc: () =>
            new Answer({
              delayMs: 1_500,
              body: { output: enc('locked'), upsertDataAttributes: [{ key: 'k', value: enc('rpc') }] },
            }),
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await sleep(300);
      const pending = rpc(ctx, id, { dataAttributesLoadingPolicy: lock });
      await ctx.worker.waitForCall(id, (c) => c.api === 'rpc');
      await ctx.signal(id, 'go');
      expectResponse('locking rpc', await pending, 200, { output: enc('locked') });
      const result = await ctx.result(id);
      expectEqual('execute saw the rpc’s write', result.results?.[0]?.completedStateOutput, enc('rpc'));
      const exec = ctx.worker.callsOf(id, 'execute')[0]!;
      const rpcCall = ctx.worker.callsOf(id, 'rpc')[0]!;
      expectTrue(
        'execute waited for the lock',
        exec.at - rpcCall.at >= 1_300,
        '>= 1.3 s after the rpc began',
        exec.at - rpcCall.at,
      );
    },
  },
  {
    name: 'rpc-closed-workflow',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: { S1: { execute: () => gracefulComplete() } },
          rpc: (req) =>
            req.rpcName === 'read'
              ? { output: enc('read') }
              : { output: enc('write'), upsertDataAttributes: [{ key: 'x', value: enc(1) }] },
        },
      );
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
      expectResponse('read-only rpc on a closed workflow', await rpc(ctx, id, { rpcName: 'read' }), 200, {
        output: enc('read'),
      });
      const write = await rpc(ctx, id, { rpcName: 'write' });
      expectEqual('mutating rpc on a closed workflow: status', write.status, 400);
      expectFields('mutating rpc on a closed workflow: body', write.json, {
        subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
      });
      expectEqual(
        'worker rpc calls',
        ctx.worker.callsOf(id, 'rpc').map((c) => c.body.rpcName),
        ['read', 'write'],
      );
      const locking = await rpc(ctx, id, {
        rpcName: 'read',
        dataAttributesLoadingPolicy: {
          persistenceLoadingType: 'LOAD_ALL_WITH_PARTIAL_LOCK',
          lockingKeys: ['x'],
        },
      });
      expectEqual(
        'locking rpc on a closed workflow: status',
        [locking.status, (locking.json as { subStatus?: string })?.subStatus],
        [400, 'WORKFLOW_NOT_EXISTS_SUB_STATUS'],
      );
    },
  },
];
