import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { WorkflowGetResponse } from '../../sdk/wire/types.ts';
import { expectEqual, expectFields, expectTrue } from '../checks.ts';
import {
  deadEnd,
  enc,
  forceComplete,
  forceFail,
  goTo,
  gracefulComplete,
  move,
  type StateScript,
  sleep,
  waitFor,
  waitSignal,
} from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';

const timer = (seconds: number) =>
  waitFor({
    commandWaitingType: 'ALL_COMPLETED',
    timerCommands: [{ commandId: 't', durationSeconds: seconds }],
  });

const output = (stateId: string, value: string) => ({
  completedStateId: stateId,
  completedStateExecutionId: `${stateId}-1`,
  completedStateOutput: enc(value),
});

/**
 * A workflow that starts at S1 and closes through its threads' decisions: the states' scripts and
 * the result getWithWait must answer (its run id aside).
 */
interface ClosingRow {
  name: string;
  states: Record<string, StateScript>;
  result: Omit<WorkflowGetResponse, 'workflowRunId'>;
  /** Checked while the workflow still runs, after the named state's execute was called. */
  runningAfterExecuteOf?: string;
  /** The execution ids that got a waitUntil call, sorted. */
  waitUntilExecutions?: string[];
}

// docs/semantics/execution.md#ids-1, #loop-4, #decisions-1 to #decisions-3, #decisions-8.
const closingRows: ClosingRow[] = [
  {
    name: 'execution-ids-per-state',
    states: {
      S1: { execute: () => goTo(move('A'), move('B'), move('A')) },
      A: { execute: () => gracefulComplete() },
      B: { waitUntil: () => ({}), execute: () => gracefulComplete() },
    },
    result: { workflowStatus: 'COMPLETED' },
    waitUntilExecutions: ['A-1', 'A-2', 'B-1', 'S1-1'],
  },
  {
    name: 'graceful-completion-waits-for-threads',
    states: {
      S1: { execute: () => goTo(move('Fast'), move('Slow')) },
      Fast: { execute: () => gracefulComplete(enc('fast')) },
      Slow: { waitUntil: () => timer(2), execute: () => gracefulComplete(enc('slow')) },
    },
    runningAfterExecuteOf: 'Fast',
    result: { workflowStatus: 'COMPLETED', results: [output('Fast', 'fast'), output('Slow', 'slow')] },
  },
  {
    name: 'force-complete-abandons-threads',
    states: {
      S1: { execute: () => goTo(move('Waiter'), move('F')) },
      Waiter: { waitUntil: () => waitSignal('never'), execute: () => gracefulComplete(enc('never')) },
      F: { waitUntil: () => timer(1), execute: () => forceComplete(enc('forced')) },
    },
    result: { workflowStatus: 'COMPLETED', results: [output('F', 'forced')] },
  },
  {
    name: 'force-fail-with-results',
    states: {
      S1: { execute: () => goTo(move('G'), move('F')) },
      G: { execute: () => gracefulComplete(enc('g')) },
      F: { waitUntil: () => timer(1), execute: () => forceFail(enc('f')) },
    },
    result: {
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [output('G', 'g'), output('F', 'f')],
    },
  },
];

function closingScenario(row: ClosingRow): Scenario {
  return {
    name: row.name,
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(id, { startStateId: 'S1' }, { states: row.states });
      if (row.runningAfterExecuteOf) {
        const stateId = row.runningAfterExecuteOf;
        await ctx.worker.waitForCall(id, (c) => c.stateId === stateId && c.api === 'execute');
        await sleep(500);
        expectEqual(`status after ${stateId} decided`, (await ctx.describe(id)).workflowStatus, 'RUNNING');
      }
      const result = await ctx.result(id);
      expectEqual('result', result, { workflowRunId: result.workflowRunId, ...row.result });
      if (row.waitUntilExecutions) {
        const ids = ctx.worker.callsOf(id, 'waitUntil').map((c) => c.stateExecutionId);
        expectEqual('waitUntil stateExecutionIds', ids.sort(), row.waitUntilExecutions);
      }
    },
  };
}

/** State executions, decisions, closing and outputs (docs/semantics/execution.md#loop-2, #ids-1, #decisions-1). */
export const stateScenarios: Scenario[] = [
  ...closingRows.map(closingScenario),
  {
    name: 'dead-end-keeps-running',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(id, { startStateId: 'S1' }, { states: { S1: { execute: () => deadEnd() } } });
      await ctx.worker.waitForCall(id, (c) => c.api === 'execute');
      await sleep(1_000);
      expectEqual('status', (await ctx.describe(id)).workflowStatus, 'RUNNING');
    },
  },
  {
    name: 'execute-closing-mixed',
    async run(ctx) {
      const cases = [
        ['graceful', [move('_SYS_GRACEFUL_COMPLETING_WORKFLOW'), move('S2')]],
        ['two-closing', [move('_SYS_FORCE_COMPLETING_WORKFLOW'), move('_SYS_DEAD_END')]],
      ] as const;
      for (const [suffix, nextStates] of cases) {
        const id = ctx.id(suffix);
        await ctx.start(
          id,
          { startStateId: 'S1' },
          {
            states: {
              S1: {
                execute: () => ({
                  stateDecision: { nextStates: [...nextStates] },
                  upsertDataObjects: [{ key: 'k', value: enc('applied') }],
                }),
              },
              S2: { execute: () => gracefulComplete() },
            },
          },
        );
        const result = await ctx.result(id);
        expectEqual(`${suffix}: result`, result, {
          workflowRunId: result.workflowRunId,
          workflowStatus: 'FAILED',
          errorType: 'INVALID_USER_WORKFLOW_CODE_ERROR_TYPE',
          errorMessage:
            'invalid state decisions. Closing workflow decision cannot be combined with other state decisions',
        });
        expectEqual(`${suffix}: execute calls`, ctx.worker.callsOf(id, 'execute').length, 1);
        expectEqual(
          `${suffix}: S2 calls`,
          ctx.worker.callsOf(id).filter((c) => c.stateId === 'S2').length,
          0,
        );
        const das = await ctx.post(ApiPaths.dataObjectsGet, { workflowId: id });
        expectEqual(`${suffix}: DA upsert of the execute`, das.json, {
          objects: [{ key: 'k', value: enc('applied') }],
        });
      }
    },
  },
  {
    name: 'conditional-close',
    async run(ctx) {
      const close = (type: string, channelName: string) => ({
        stateDecision: {
          nextStates: [move('Again')],
          conditionalClose: { conditionalCloseType: type, channelName, closeInput: enc('closed') },
        },
      });
      const empty = ctx.id('empty');
      await ctx.start(
        empty,
        { startStateId: 'S1' },
        {
          states: { S1: { execute: () => close('FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY', 'q') } },
        },
      );
      const r1 = await ctx.result(empty);
      expectEqual('empty internal channel: result', r1, {
        workflowRunId: r1.workflowRunId,
        workflowStatus: 'COMPLETED',
        results: [
          { completedStateId: 'S1', completedStateExecutionId: 'S1-1', completedStateOutput: enc('closed') },
        ],
      });
      const busy = ctx.id('busy');
      await ctx.start(
        busy,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              execute: () => ({
                ...close('FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY', 'q'),
                publishToInterStateChannel: [{ channelName: 'q', value: enc(1) }],
              }),
            },
            Again: {
              waitUntil: () =>
                waitFor({
                  commandWaitingType: 'ALL_COMPLETED',
                  interStateChannelCommands: [{ commandId: 'c', channelName: 'q' }],
                }),
              execute: () => gracefulComplete(enc('again')),
            },
          },
        },
      );
      const r2 = await ctx.result(busy);
      expectEqual('non-empty internal channel: result', r2.results, [
        {
          completedStateId: 'Again',
          completedStateExecutionId: 'Again-1',
          completedStateOutput: enc('again'),
        },
      ]);
      const signals = ctx.id('signals');
      await ctx.start(
        signals,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              waitUntil: () => waitSignal('go'),
              execute: () => close('FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY', 'sig'),
            },
            Again: {
              waitUntil: () => waitSignal('sig'),
              execute: () => close('FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY', 'sig'),
            },
          },
        },
      );
      await ctx.worker.waitForCall(signals, (c) => c.api === 'waitUntil');
      await ctx.signal(signals, 'sig', enc('a'));
      await ctx.signal(signals, 'go');
      const r3 = await ctx.result(signals);
      expectEqual('signal channel: result (first non-empty, then empty)', r3.results, [
        {
          completedStateId: 'Again',
          completedStateExecutionId: 'Again-1',
          completedStateOutput: enc('closed'),
        },
      ]);
    },
  },
  {
    name: 'conditional-close-unsupported',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: {
            S1: {
              execute: () => ({
                stateDecision: {
                  nextStates: [move('S2')],
                  conditionalClose: { conditionalCloseType: 'GRACEFUL_COMPLETE_ON_ALL_CHANNELS_EMPTY' },
                },
              }),
            },
          },
        },
      );
      const result = await ctx.result(id);
      expectEqual('result', result, {
        workflowRunId: result.workflowRunId,
        workflowStatus: 'FAILED',
        errorType: 'INVALID_USER_WORKFLOW_CODE_ERROR_TYPE',
        errorMessage:
          'invalid state decisions. Unsupported ConditionalCloseType GRACEFUL_COMPLETE_ON_ALL_CHANNELS_EMPTY',
      });
    },
  },
  {
    name: 'state-locals-and-command-results',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        { startStateId: 'S1', stateInput: enc('in') },
        {
          states: {
            S1: {
              waitUntil: () => ({
                upsertStateLocals: [{ key: 'l', value: enc('local') }],
                recordEvents: [{ key: 'e', value: enc(1) }],
              }),
              execute: () => goTo(move('S2', enc('in2'), { skipWaitUntil: true })),
            },
            S2: { execute: () => gracefulComplete() },
          },
        },
      );
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
      const s1 = ctx.worker.callsOf(id, 'execute').find((c) => c.stateId === 'S1')!.body;
      expectFields('S1 execute', s1, {
        stateInput: enc('in'),
        stateLocals: [{ key: 'l', value: enc('local') }],
        commandResults: { stateStartApiSucceeded: true, stateWaitUntilFailed: false },
      });
      const s2 = ctx.worker.callsOf(id, 'execute').find((c) => c.stateId === 'S2')!.body;
      expectEqual('S2 (skipWaitUntil) commandResults', s2.commandResults, undefined);
      expectEqual('S2 stateInput', s2.stateInput, enc('in2'));
      expectEqual(
        'S2 waitUntil calls',
        ctx.worker.callsOf(id, 'waitUntil').filter((c) => c.stateId === 'S2').length,
        0,
      );
      const ctxS1 = s1.context as Record<string, unknown>;
      expectTrue(
        'execute context attempt fields',
        ctxS1.attempt === 1 && typeof ctxS1.firstAttemptTimestamp === 'number',
        'attempt 1 and a firstAttemptTimestamp',
        ctxS1,
      );
    },
  },
];
