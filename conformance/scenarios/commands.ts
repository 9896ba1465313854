import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { expectEqual, expectResponse, expectTrue } from '../checks.ts';
import { enc, goTo, gracefulComplete, move, sleep, waitFor, waitSignal } from '../helpers.ts';
import type { Scenario } from '../scenario.ts';
import { Answer } from '../worker.ts';

function results(req: WorkflowStateDecideRequest) {
  return req.commandResults ?? {};
}

/** Commands, trigger types, signals, internal channels and timers (docs/semantics/execution.md#commands-1, #channels-1, #channels-3, docs/semantics/client-api.md#timer-skip-1). */
export const commandScenarios: Scenario[] = [
  {
    name: 'timer-fires',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              waitUntil: () =>
                waitFor({
                  commandWaitingType: 'ALL_COMPLETED',
                  timerCommands: [{ commandId: 't', durationSeconds: 2 }],
                }),
              execute: () => gracefulComplete(),
            },
          },
        },
      );
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
      const wu = ctx.worker.callsOf(id, 'waitUntil')[0]!;
      const ex = ctx.worker.callsOf(id, 'execute')[0]!;
      expectEqual('commandResults', ex.body.commandResults, {
        timerResults: [{ commandId: 't', timerStatus: 'FIRED' }],
        stateStartApiSucceeded: true,
        stateWaitUntilFailed: false,
      });
      const waited = ex.at - wu.at;
      expectTrue(
        'time between waitUntil and execute',
        waited >= 900 && waited < 4_000,
        '0.9..4 s (2 s timer, whole seconds)',
        waited,
      );
    },
  },
  {
    name: 'negative-timer-duration',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              waitUntil: () =>
                waitFor({
                  deciderTriggerType: 'ALL_COMMAND_COMPLETED',
                  timerCommands: [
                    { commandId: 'neg', durationSeconds: -30 },
                    { commandId: 'zero', durationSeconds: 0 },
                    { commandId: 'past', firingUnixTimestampSeconds: 1 },
                  ],
                }),
              execute: () => gracefulComplete(),
            },
          },
        },
      );
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
      expectEqual('timerResults', results(ctx.worker.callsOf(id, 'execute')[0]!.body as never).timerResults, [
        { commandId: 'neg', timerStatus: 'FIRED' },
        { commandId: 'zero', timerStatus: 'FIRED' },
        { commandId: 'past', timerStatus: 'FIRED' },
      ]);
      const waited = ctx.worker.callsOf(id, 'execute')[0]!.at - ctx.worker.callsOf(id, 'waitUntil')[0]!.at;
      expectTrue('time from waitUntil to execute (timers due at once)', waited < 2_000, 'under 2 s', waited);
    },
  },
  {
    name: 'trigger-any',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              waitUntil: () =>
                waitFor({
                  commandWaitingType: 'ANY_COMPLETED',
                  timerCommands: [{ commandId: 't', durationSeconds: 20 }],
                  signalCommands: [
                    { commandId: 's', signalChannelName: 'a' },
                    { commandId: 'q', signalChannelName: 'b' },
                  ],
                }),
              execute: () => gracefulComplete(),
            },
          },
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await ctx.signal(id, 'a', enc('hello'));
      expectEqual('status', (await ctx.result(id, 8)).workflowStatus, 'COMPLETED');
      expectEqual('commandResults', ctx.worker.callsOf(id, 'execute')[0]!.body.commandResults, {
        timerResults: [{ commandId: 't', timerStatus: 'SCHEDULED' }],
        signalResults: [
          {
            commandId: 's',
            signalChannelName: 'a',
            signalRequestStatus: 'RECEIVED',
            signalValue: enc('hello'),
          },
          { commandId: 'q', signalChannelName: 'b', signalRequestStatus: 'WAITING' },
        ],
        stateStartApiSucceeded: true,
        stateWaitUntilFailed: false,
      });
    },
  },
  {
    name: 'trigger-all',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              waitUntil: () =>
                waitFor({
                  deciderTriggerType: 'ALL_COMMAND_COMPLETED',
                  timerCommands: [{ commandId: 't', durationSeconds: 1 }],
                  signalCommands: [{ commandId: 's', signalChannelName: 'a' }],
                  interStateChannelCommands: [{ commandId: 'c', channelName: 'ch' }],
                }),
              execute: () => gracefulComplete(),
            },
          },
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await ctx.signal(id, 'a', enc(1));
      await sleep(1_500);
      expectEqual('execute calls before the channel message', ctx.worker.callsOf(id, 'execute').length, 0);
      const pub = await ctx.post(ApiPaths.publishToInternalChannel, {
        workflowId: id,
        messages: [{ channelName: 'ch', value: enc(2) }],
      });
      expectResponse('publishToInternalChannel', pub, 200, {});
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
      expectEqual('commandResults', ctx.worker.callsOf(id, 'execute')[0]!.body.commandResults, {
        timerResults: [{ commandId: 't', timerStatus: 'FIRED' }],
        signalResults: [
          { commandId: 's', signalChannelName: 'a', signalRequestStatus: 'RECEIVED', signalValue: enc(1) },
        ],
        interStateChannelResults: [
          { commandId: 'c', channelName: 'ch', requestStatus: 'RECEIVED', value: enc(2) },
        ],
        stateStartApiSucceeded: true,
        stateWaitUntilFailed: false,
      });
    },
  },
  {
    name: 'trigger-any-combination',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              waitUntil: () =>
                waitFor({
                  commandWaitingType: 'ANY_COMBINATION_COMPLETED',
                  timerCommands: [{ commandId: 't', durationSeconds: 20 }],
                  signalCommands: [
                    { commandId: 's1', signalChannelName: 'a' },
                    { commandId: 's1', signalChannelName: 'a' },
                    { commandId: 's2', signalChannelName: 'b' },
                  ],
                  commandCombinations: [{ commandIds: ['t', 's2'] }, { commandIds: ['s1', 's1'] }],
                }),
              execute: () => gracefulComplete(),
            },
          },
        },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await ctx.signal(id, 'a', enc('x'));
      await sleep(700);
      expectEqual('execute calls after one s1 signal', ctx.worker.callsOf(id, 'execute').length, 0);
      await ctx.signal(id, 'a', enc('y'));
      expectEqual('status', (await ctx.result(id, 8)).workflowStatus, 'COMPLETED');
      expectEqual('commandResults', ctx.worker.callsOf(id, 'execute')[0]!.body.commandResults, {
        timerResults: [{ commandId: 't', timerStatus: 'SCHEDULED' }],
        signalResults: [
          { commandId: 's1', signalChannelName: 'a', signalRequestStatus: 'RECEIVED', signalValue: enc('x') },
          { commandId: 's1', signalChannelName: 'a', signalRequestStatus: 'RECEIVED', signalValue: enc('y') },
          { commandId: 's2', signalChannelName: 'b', signalRequestStatus: 'WAITING' },
        ],
        stateStartApiSucceeded: true,
        stateWaitUntilFailed: false,
      });
    },
  },
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
              waitUntil: waitChannel,
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
      await sleep(300);
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
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              // Answered late, so the first skip surely comes before the timers exist.
              waitUntil: () =>
                new Answer({
                  delayMs: 1_000,
                  body: waitFor({
                    commandWaitingType: 'ALL_COMPLETED',
                    timerCommands: [
                      { commandId: 'first', durationSeconds: 60 },
                      { commandId: 'second', durationSeconds: 60 },
                    ],
                  }),
                }),
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
      expectResponse(
        'skip before the state has timers',
        await skip({ timerCommandId: 'first' }),
        400,
        missing,
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await sleep(1_000);
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
