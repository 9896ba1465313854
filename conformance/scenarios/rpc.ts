import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { PersistenceLoadingPolicy } from '../../sdk/wire/types.ts';
import { expectEqual, expectFields, expectResponse, expectTrue } from '../checks.ts';
import type { ScenarioContext } from '../context.ts';
import { Answer, enc, gracefulComplete, sleep, type WorkflowScript, waitSignal } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';

/** `{detail, originalWorker*, subStatus: WORKER_API_ERROR}` as the real server writes it. */
function workerApiError(detail: string, status: number, type: string, workerDetail: string) {
  return {
    detail,
    originalWorkerErrorDetail: workerDetail,
    originalWorkerErrorStatus: status,
    originalWorkerErrorType: type,
    subStatus: 'WORKER_API_ERROR',
  };
}

/** A running workflow without states whose worker answers RPCs with `rpc`. */
async function idle(
  ctx: ScenarioContext,
  suffix: string,
  rpc: WorkflowScript['rpc'],
  extra: WorkflowScript = {},
) {
  const id = ctx.id(suffix);
  const runId = await ctx.start(id, {}, { ...extra, ...(rpc ? { rpc } : {}) });
  return { id, runId };
}

const rpc = (ctx: ScenarioContext, workflowId: string, extra: Record<string, unknown> = {}) =>
  ctx.post(ApiPaths.rpc, { workflowId, rpcName: 'r', timeoutSeconds: 5, ...extra });

/** RPC (docs/semantics/rpc.md#rpc-2, #rpc-7; docs/semantics/faults.md#table-c). */
export const rpcScenarios: Scenario[] = [
  {
    name: 'rpc-mutations-after-return',
    async run(ctx) {
      const { id } = await idle(ctx, 'wf', (req) => ({
        output: enc({ seen: req.dataAttributes?.map((d) => [d.key, d.value?.data]) ?? null }),
        upsertDataAttributes: [{ key: 'status', value: enc('verified') }],
        upsertSearchAttributes: [{ key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'rpc' }],
        publishToInterStateChannel: [{ channelName: 'done', value: enc(1) }],
      }));
      expectResponse('rpc', await rpc(ctx, id), 200, { output: enc({ seen: null }) });
      await ctx.eventually(async () =>
        expectResponse(
          'dataobjects/get after the rpc',
          await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id }),
          200,
          {
            objects: [{ key: 'status', value: enc('verified') }],
          },
        ),
      );
      await ctx.eventually(async () =>
        expectResponse('rpc sees its own writes next time', await rpc(ctx, id), 200, {
          output: enc({ seen: [['status', '"verified"']] }),
        }),
      );
      const last = ctx.worker.callsOf(id, 'rpc').at(-1)!.body;
      expectEqual('internalChannelInfos of the next rpc', last.internalChannelInfos, { done: { size: 1 } });
      expectEqual('searchAttributes of the next rpc', last.searchAttributes, [
        { key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'rpc' },
      ]);
    },
  },
  {
    name: 'rpc-request-context',
    async run(ctx) {
      const { id, runId } = await idle(ctx, 'wf', () => ({}));
      await ctx.signal(ctx.id('wf'), 'hello');
      expectResponse('rpc', await rpc(ctx, id, { rpcName: 'peek', input: enc('in') }), 200, {});
      const body = ctx.worker.callsOf(id, 'rpc')[0]!.body;
      const context = body.context as Record<string, unknown>;
      expectTrue(
        'workflowStartedTimestamp',
        typeof context.workflowStartedTimestamp === 'number',
        'a number',
        context,
      );
      expectEqual(
        'rpc request',
        { ...body, context: { ...context, workflowStartedTimestamp: 0 } },
        {
          context: { workflowId: id, workflowRunId: runId, workflowStartedTimestamp: 0 },
          workflowType: 'ConformanceWorkflow',
          rpcName: 'peek',
          input: enc('in'),
          signalChannelInfos: { hello: { size: 1 } },
          internalChannelInfos: {},
        },
      );
    },
  },
  {
    name: 'rpc-next-states',
    async run(ctx) {
      const { id } = await idle(
        ctx,
        'wf',
        () => ({ output: enc('ok'), stateDecision: { nextStates: [{ stateId: 'S1', stateInput: enc(5) }] } }),
        {
          states: { S1: { execute: (req) => gracefulComplete(req.stateInput) } },
        },
      );
      expectResponse('rpc', await rpc(ctx, id), 200, { output: enc('ok') });
      const result = await ctx.result(id);
      expectEqual('results', result.results, [
        { completedStateId: 'S1', completedStateExecutionId: 'S1-1', completedStateOutput: enc(5) },
      ]);
    },
  },
  {
    name: 'rpc-close-refused',
    async run(ctx) {
      const { id } = await idle(ctx, 'wf', (req) =>
        req.rpcName === 'close'
          ? { stateDecision: { nextStates: [{ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW' }] } }
          : {
              stateDecision: {
                nextStates: [{ stateId: 'S1' }],
                conditionalClose: {
                  conditionalCloseType: 'FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY',
                  channelName: 'x',
                },
              },
            },
      );
      const refused = workerApiError('closing workflow in RPC is not supported yet', 0, '', '');
      expectResponse(
        'rpc closing with _SYS_GRACEFUL_COMPLETING_WORKFLOW',
        await rpc(ctx, id, { rpcName: 'close' }),
        420,
        refused,
      );
      expectResponse('rpc with conditionalClose', await rpc(ctx, id, { rpcName: 'cond' }), 420, refused);
      expectEqual('status', (await ctx.describe(id)).workflowStatus, 'RUNNING');
    },
  },
  {
    name: 'errors-rpc-worker-error',
    async run(ctx) {
      const { id } = await idle(
        ctx,
        'wf',
        () => new Answer({ status: 502, body: { detail: 'test-details', errorType: 'test-type' } }),
      );
      expectResponse(
        'rpc',
        await rpc(ctx, id),
        420,
        workerApiError('worker API error, status:502, errorType:test-type', 502, 'test-type', 'test-details'),
      );
    },
  },
  {
    name: 'rpc-unknown-name',
    async run(ctx) {
      const { id } = await idle(ctx, 'wf', (req) =>
        req.rpcName === 'NoSuchRpc'
          ? new Answer({ status: 400, body: { detail: 'unknown rpc "NoSuchRpc"', errorType: 'RpcNotFound' } })
          : { output: enc(`name:${req.rpcName}`) },
      );
      expectResponse(
        'rpc NoSuchRpc',
        await rpc(ctx, id, { rpcName: 'NoSuchRpc' }),
        420,
        workerApiError(
          'worker API error, status:400, errorType:RpcNotFound',
          400,
          'RpcNotFound',
          'unknown rpc "NoSuchRpc"',
        ),
      );
      expectResponse('rpc with empty name', await rpc(ctx, id, { rpcName: '' }), 200, {
        output: enc('name:'),
      });
      expectResponse('rpc without name', await ctx.post(ApiPaths.rpc, { workflowId: id }), 200, {
        output: enc('name:'),
      });
      expectEqual(
        'rpcName received',
        ctx.worker.callsOf(id, 'rpc').map((c) => c.body.rpcName),
        ['NoSuchRpc', '', ''],
      );
      expectEqual('status', (await ctx.describe(id)).workflowStatus, 'RUNNING');
    },
  },
  {
    name: 'rpc-undecodable-response',
    async run(ctx) {
      const answers: Record<string, Answer> = {
        text500: new Answer({ status: 500, body: 'kaboom', contentType: 'text/plain' }),
        truncated: new Answer({ body: '{"output":' }),
        textOk: new Answer({ body: 'OK', contentType: 'text/plain' }),
        badOutput: new Answer({
          body: { output: 'not-an-object', upsertDataAttributes: [{ key: 'bad', value: enc(1) }] },
        }),
        badEnum: new Answer({
          body: {
            upsertSearchAttributes: [{ key: 'CustomKeywordField', valueType: 'NOPE', stringValue: 'x' }],
            upsertDataAttributes: [{ key: 'bad', value: enc(2) }],
          },
        }),
        empty: new Answer({ body: '' }),
        hangUp: new Answer({ hangUp: true }),
      };
      const { id } = await idle(ctx, 'wf', (req) => answers[req.rpcName] ?? { output: enc('fine') });
      const decode = 'unable to decode worker response body to WorkerErrorResponse: body';
      const cases: Array<[string, number, unknown]> = [
        ['text500', 420, workerApiError(`${decode}kaboom`, 500, '', '')],
        ['truncated', 420, workerApiError(`${decode}{"output":`, 200, '', '')],
        ['textOk', 420, workerApiError(`${decode}OK`, 200, '', '')],
        ['badOutput', 420, workerApiError('worker API error, status:200, errorType:', 200, '', '')],
        ['badEnum', 420, workerApiError('worker API error, status:200, errorType:', 200, '', '')],
        [
          'empty',
          500,
          {
            detail: 'runtime error: invalid memory address or nil pointer dereference',
            subStatus: 'UNCATEGORIZED_SUB_STATUS',
          },
        ],
        ['hangUp', 420, workerApiError(`Post "${ctx.workerUrl}/api/v1/workflowWorker/rpc": EOF`, 0, '', '')],
      ];
      for (const [name, status, body] of cases)
        expectResponse(`rpc answered ${name}`, await rpc(ctx, id, { rpcName: name }), status, body);
      expectResponse('a good rpc afterwards', await rpc(ctx, id, { rpcName: 'good' }), 200, {
        output: enc('fine'),
      });
      expectEqual('worker calls (one per rpc)', ctx.worker.callsOf(id, 'rpc').length, cases.length + 1);
      expectResponse('DAs unchanged', await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id }), 200, {});
      expectEqual('status', (await ctx.describe(id)).workflowStatus, 'RUNNING');
    },
  },
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
