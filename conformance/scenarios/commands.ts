import { ApiPaths } from '../../sdk/wire/paths.ts';
import { expectEqual, expectResponse } from '../checks.ts';
import { Answer, enc, goTo, gracefulComplete, move, sleep, waitFor, waitSignal } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';
import { commandWaitScenarios } from './command-waits.ts';

/** Commands, trigger types, signals, internal channels and timers (docs/semantics/execution.md#commands-1, #channels-1, #channels-3, docs/semantics/client-api.md#timer-skip-1). */
export const commandScenarios: Scenario[] = [
  ...commandWaitScenarios,
  {
    name: 'signal-buffering-exactly-once',
    async run(ctx) {
      const id = ctx.id('wf');
      const both = (n: number) =>
        waitFor({
          commandWaitingType: 'ALL_COMPLETED',
          signalCommands: Array.from({ length: n }, (_, i) => ({
            commandId: `s${i}`,
            signalChannelName: 'ch',
          })),
        });
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: { waitUntil: () => waitSignal('go'), execute: () => goTo(move('S2')) },
            S2: { waitUntil: () => both(2), execute: () => goTo(move('S3')) },
            S3: { waitUntil: () => both(1), execute: () => goTo(move('S4')) },
            S4: {
              waitUntil: () =>
                waitFor({
                  commandWaitingType: 'ANY_COMPLETED',
                  timerCommands: [{ commandId: 't', durationSeconds: 1 }],
                  signalCommands: [{ commandId: 's', signalChannelName: 'ch' }],
                }),
              execute: () => gracefulComplete(),
            },
          },
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await ctx.signal(id, 'ch', enc('v1'));
      await ctx.signal(id, 'ch', enc('v2'));
      await ctx.signal(id, 'ch');
      await ctx.signal(id, 'go');
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
      const exec = (stateId: string) =>
        ctx.worker.callsOf(id, 'execute').find((c) => c.stateId === stateId)?.body.commandResults as
          | { signalResults?: unknown; timerResults?: unknown }
          | undefined;
      expectEqual('S2 signalResults (buffered, FIFO)', exec('S2')?.signalResults, [
        { commandId: 's0', signalChannelName: 'ch', signalRequestStatus: 'RECEIVED', signalValue: enc('v1') },
        { commandId: 's1', signalChannelName: 'ch', signalRequestStatus: 'RECEIVED', signalValue: enc('v2') },
      ]);
      expectEqual('S3 signalResults (signal without value)', exec('S3')?.signalResults, [
        { commandId: 's0', signalChannelName: 'ch', signalRequestStatus: 'RECEIVED', signalValue: {} },
      ]);
      expectEqual('S4 results (nothing left to consume)', exec('S4'), {
        timerResults: [{ commandId: 't', timerStatus: 'FIRED' }],
        signalResults: [{ commandId: 's', signalChannelName: 'ch', signalRequestStatus: 'WAITING' }],
        stateStartApiSucceeded: true,
        stateWaitUntilFailed: false,
      });
    },
  },
  {
    name: 'internal-channel-fifo',
    async run(ctx) {
      const id = ctx.id('wf');
      const waitChannel = () =>
        waitFor({
          commandWaitingType: 'ALL_COMPLETED',
          interStateChannelCommands: [{ commandId: 'c', channelName: 'q' }],
        });
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: { execute: () => goTo(move('W'), move('W')) },
            W: {
              // W-2 answers later, so W-1 surely waits first: which of two waits the server
              // registers first would otherwise be a race on a busy server.
              waitUntil: (_req, call) =>
                call.stateExecutionId === 'W-2'
                  ? new Answer({ body: waitChannel(), delayMs: 500 })
                  : waitChannel(),
              execute: (req) =>
                req.context.stateExecutionId === 'W-3' ? gracefulComplete() : goTo(move('_SYS_DEAD_END')),
            },
          },
          rpc: (req) => ({
            output: enc(req.internalChannelInfos),
            stateDecision: { nextStates: [{ stateId: 'W' }] },
          }),
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.stateExecutionId === 'W-2' && c.api === 'waitUntil');
      await sleep(800);
      const pub = await ctx.post(ApiPaths.publishToInternalChannel, {
        workflowId: id,
        messages: [
          { channelName: 'q', value: enc('m1') },
          { channelName: 'q', value: enc('m2') },
          { channelName: 'q' },
        ],
      });
      expectResponse('publishToInternalChannel', pub, 200, {});
      await ctx.worker.waitForCall(id, (c) => c.stateExecutionId === 'W-2' && c.api === 'execute');
      await sleep(300);
      const rpc = await ctx.post(ApiPaths.rpc, { workflowId: id, rpcName: 'peek' });
      expectResponse('rpc sees one buffered message', rpc, 200, { output: enc({ q: { size: 1 } }) });
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
      const got = ['W-1', 'W-2', 'W-3'].map(
        (e) =>
          (
            ctx.worker.callsOf(id, 'execute').find((c) => c.stateExecutionId === e)?.body.commandResults as {
              interStateChannelResults?: unknown[];
            }
          )?.interStateChannelResults?.[0],
      );
      expectEqual('channel results of W-1, W-2, W-3', got, [
        { commandId: 'c', channelName: 'q', requestStatus: 'RECEIVED', value: enc('m1') },
        { commandId: 'c', channelName: 'q', requestStatus: 'RECEIVED', value: enc('m2') },
        { commandId: 'c', channelName: 'q', requestStatus: 'RECEIVED' },
      ]);
    },
  },
  {
    name: 'internal-channel-own-publish',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              waitUntil: () =>
                waitFor(
                  {
                    commandWaitingType: 'ALL_COMPLETED',
                    interStateChannelCommands: [{ commandId: 'c', channelName: 'self' }],
                  },
                  { publishToInterStateChannel: [{ channelName: 'self', value: enc('mine') }] },
                ),
              execute: () => gracefulComplete(),
            },
          },
        },
      );
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
      expectEqual('channel results', ctx.worker.callsOf(id, 'execute')[0]!.body.commandResults, {
        interStateChannelResults: [
          { commandId: 'c', channelName: 'self', requestStatus: 'RECEIVED', value: enc('mine') },
        ],
        stateStartApiSucceeded: true,
        stateWaitUntilFailed: false,
      });
    },
  },
  {
    name: 'timer-skip',
    async run(ctx) {
      const id = ctx.id('wf');
      // waitUntil answers only after the first skip was answered, so that skip surely comes before
      // the timers exist, however slow the machine.
      let firstSkipAnswered = () => {};
      const gate = new Promise<void>((resolve) => {
        firstSkipAnswered = resolve;
      });
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              waitUntil: async () => {
                await gate;
                return waitFor({
                  commandWaitingType: 'ALL_COMPLETED',
                  timerCommands: [
                    { commandId: 'first', durationSeconds: 60 },
                    { commandId: 'second', durationSeconds: 60 },
                  ],
                });
              },
              execute: () => gracefulComplete(),
            },
          },
        },
      );
      const skip = (extra: Record<string, unknown>) =>
        ctx.post(ApiPaths.skipTimer, { workflowId: id, workflowStateExecutionId: 'S1-1', ...extra });
      const missing = {
        detail: "invalid request - requested timer command doesn't exist",
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      };
      const early = await skip({ timerCommandId: 'first' });
      firstSkipAnswered();
      expectResponse('skip before the state has timers', early, 400, missing);
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      // The real server registers timers a moment after waitUntil answered.
      await ctx.eventually(async () =>
        expectResponse('skip by index 0', await skip({ timerCommandIndex: 0 }), 200, {}),
      );
      expectResponse('skip without id or index', await skip({}), 400, {
        detail: 'invalid request - must provide either a timerCommandId or index',
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      });
      expectResponse('skip an unknown timer id', await skip({ timerCommandId: 'nope' }), 400, missing);
      expectResponse('skip index out of range', await skip({ timerCommandIndex: 5 }), 400, missing);
      expectResponse(
        'skip of an unknown state execution',
        await skip({ workflowStateExecutionId: 'S9-1', timerCommandId: 'first' }),
        400,
        missing,
      );
      expectResponse('skip by id', await skip({ timerCommandId: 'second' }), 200, {});
      const result = await ctx.result(id, 8);
      expectEqual('status', result.workflowStatus, 'COMPLETED');
      expectEqual(
        'timerResults',
        (ctx.worker.callsOf(id, 'execute')[0]!.body.commandResults as { timerResults: unknown }).timerResults,
        [
          { commandId: 'first', timerStatus: 'FIRED' },
          { commandId: 'second', timerStatus: 'FIRED' },
        ],
      );
      expectResponse('skip after the state moved on', await skip({ timerCommandId: 'first' }), 400, missing);
    },
  },
];
