import { ApiPaths } from '../../sdk/wire/paths.ts';
import { expectEqual, expectResponse, expectTrue } from '../checks.ts';
import { Answer, enc, gracefulComplete } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';
import { idle, rpc, workerApiError } from './rpc-workflows.ts';

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
];
