import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { CommandRequest, EncodedObject, WorkflowStateDecideRequest } from '../../sdk/wire/types.ts';
import { expectEqual, expectResponse, expectTrue } from '../checks.ts';
import type { ScenarioContext } from '../context.ts';
import { enc, gracefulComplete, sleep, waitFor } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';

/** What the client does while the state waits, in order. */
type Step =
  | { signal: string; value?: EncodedObject }
  | { publish: string; value?: EncodedObject }
  | { pause: number }
  /** Checks that execute has not been called yet; the text says at which point. */
  | { noExecuteYet: string };

/** One state that waits on commands, then completes: what it waits on, what happens, what execute gets. */
interface CommandWait {
  name: string;
  commands: CommandRequest;
  steps?: Step[];
  /** The execute request's command results, without the two flags every result carries. */
  results: Omit<
    NonNullable<WorkflowStateDecideRequest['commandResults']>,
    'stateStartApiSucceeded' | 'stateWaitUntilFailed'
  >;
  /** Bounds of the time from the waitUntil call to the execute call, in ms, and why. */
  waited?: { min: number; max: number; why: string };
  /** How long to wait for the workflow to complete, in seconds. */
  resultWaitSeconds?: number;
}

// Trigger types and timers (docs/semantics/execution.md#commands-1 to #commands-5), each the same
// start / act / expect shape: one row per behaviour.
const commandWaits: CommandWait[] = [
  {
    name: 'timer-fires',
    commands: {
      commandWaitingType: 'ALL_COMPLETED',
      timerCommands: [{ commandId: 't', durationSeconds: 2 }],
    },
    results: { timerResults: [{ commandId: 't', timerStatus: 'FIRED' }] },
    waited: { min: 900, max: 4_000, why: '0.9..4 s (2 s timer, whole seconds)' },
  },
  {
    name: 'negative-timer-duration',
    commands: {
      deciderTriggerType: 'ALL_COMMAND_COMPLETED',
      timerCommands: [
        { commandId: 'neg', durationSeconds: -30 },
        { commandId: 'zero', durationSeconds: 0 },
        { commandId: 'past', firingUnixTimestampSeconds: 1 },
      ],
    },
    results: {
      timerResults: [
        { commandId: 'neg', timerStatus: 'FIRED' },
        { commandId: 'zero', timerStatus: 'FIRED' },
        { commandId: 'past', timerStatus: 'FIRED' },
      ],
    },
    waited: { min: 0, max: 2_000, why: 'under 2 s (timers due at once)' },
  },
  {
    name: 'trigger-any',
    commands: {
      commandWaitingType: 'ANY_COMPLETED',
      timerCommands: [{ commandId: 't', durationSeconds: 20 }],
      signalCommands: [
        { commandId: 's', signalChannelName: 'a' },
        { commandId: 'q', signalChannelName: 'b' },
      ],
    },
    steps: [{ signal: 'a', value: enc('hello') }],
    results: {
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
    },
    resultWaitSeconds: 8,
  },
  {
    name: 'trigger-all',
    commands: {
      deciderTriggerType: 'ALL_COMMAND_COMPLETED',
      timerCommands: [{ commandId: 't', durationSeconds: 1 }],
      signalCommands: [{ commandId: 's', signalChannelName: 'a' }],
      interStateChannelCommands: [{ commandId: 'c', channelName: 'ch' }],
    },
    steps: [
      { signal: 'a', value: enc(1) },
      { pause: 1_500 },
      { noExecuteYet: 'before the channel message' },
      { publish: 'ch', value: enc(2) },
    ],
    results: {
      timerResults: [{ commandId: 't', timerStatus: 'FIRED' }],
      signalResults: [
        { commandId: 's', signalChannelName: 'a', signalRequestStatus: 'RECEIVED', signalValue: enc(1) },
      ],
      interStateChannelResults: [
        { commandId: 'c', channelName: 'ch', requestStatus: 'RECEIVED', value: enc(2) },
      ],
    },
  },
  {
    name: 'trigger-any-combination',
    commands: {
      commandWaitingType: 'ANY_COMBINATION_COMPLETED',
      timerCommands: [{ commandId: 't', durationSeconds: 20 }],
      signalCommands: [
        { commandId: 's1', signalChannelName: 'a' },
        { commandId: 's1', signalChannelName: 'a' },
        { commandId: 's2', signalChannelName: 'b' },
      ],
      commandCombinations: [{ commandIds: ['t', 's2'] }, { commandIds: ['s1', 's1'] }],
    },
    steps: [
      { signal: 'a', value: enc('x') },
      { pause: 700 },
      { noExecuteYet: 'after one s1 signal' },
      { signal: 'a', value: enc('y') },
    ],
    results: {
      timerResults: [{ commandId: 't', timerStatus: 'SCHEDULED' }],
      signalResults: [
        { commandId: 's1', signalChannelName: 'a', signalRequestStatus: 'RECEIVED', signalValue: enc('x') },
        { commandId: 's1', signalChannelName: 'a', signalRequestStatus: 'RECEIVED', signalValue: enc('y') },
        { commandId: 's2', signalChannelName: 'b', signalRequestStatus: 'WAITING' },
      ],
    },
    resultWaitSeconds: 8,
  },
];

async function perform(ctx: ScenarioContext, id: string, step: Step): Promise<void> {
  if ('signal' in step) return ctx.signal(id, step.signal, step.value);
  if ('pause' in step) return sleep(step.pause);
  if ('noExecuteYet' in step) {
    expectEqual(`execute calls ${step.noExecuteYet}`, ctx.worker.callsOf(id, 'execute').length, 0);
    return;
  }
  const messages = [{ channelName: step.publish, ...(step.value ? { value: step.value } : {}) }];
  const reply = await ctx.post(ApiPaths.publishToInternalChannel, { workflowId: id, messages });
  expectResponse('publishToInternalChannel', reply, 200, {});
}

function commandWaitScenario(row: CommandWait): Scenario {
  return {
    name: row.name,
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        { states: { S1: { waitUntil: () => waitFor(row.commands), execute: () => gracefulComplete() } } },
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      for (const step of row.steps ?? []) await perform(ctx, id, step);
      expectEqual('status', (await ctx.result(id, row.resultWaitSeconds)).workflowStatus, 'COMPLETED');
      const waitUntil = ctx.worker.callsOf(id, 'waitUntil')[0]!;
      const execute = ctx.worker.callsOf(id, 'execute')[0]!;
      expectEqual('commandResults', execute.body.commandResults, {
        ...row.results,
        stateStartApiSucceeded: true,
        stateWaitUntilFailed: false,
      });
      if (row.waited) {
        const waited = execute.at - waitUntil.at;
        const { min, max, why } = row.waited;
        expectTrue('time between waitUntil and execute', waited >= min && waited < max, why, waited);
      }
    },
  };
}

/**
 * One-state command waits as a table: timers and the three trigger types.
 *
 * @example
 * await runScenarios(commandWaitScenarios, { serverUrl, worker });
 */
export const commandWaitScenarios: Scenario[] = commandWaits.map(commandWaitScenario);
