import { describe, expect, it } from 'vitest';
import { complete, encoded, FakeWorker, RawReply, setup } from './fake-worker.ts';
import { decide, noWait } from './wire-builders.ts';

const output = (id: string, value: string) => ({
  completedStateId: id,
  completedStateExecutionId: `${id}-1`,
  completedStateOutput: encoded(value),
});

const waitForever = {
  waitUntil: () => ({
    commandRequest: {
      commandWaitingType: 'ALL_COMPLETED' as const,
      signalCommands: [{ commandId: 's', signalChannelName: 'never' }],
    },
  }),
  execute: () => complete(),
};

type Ctx = ReturnType<typeof setup>;

const rows: {
  name: string;
  states: ConstructorParameters<typeof FakeWorker>[0];
  act?: (c: Ctx) => Promise<unknown>;
  options?: Record<string, unknown>;
  expected: object;
}[] = [
  {
    name: 'graceful completion once all threads are done → COMPLETED with the outputs',
    states: {
      S1: {
        execute: () => decide({ stateId: 'A', stateOptions: noWait }, { stateId: 'B', stateOptions: noWait }),
      },
      A: { execute: () => complete('a') },
      B: { execute: () => complete('b') },
    },
    expected: { workflowStatus: 'COMPLETED', results: [output('A', 'a'), output('B', 'b')] },
  },
  {
    name: '_SYS_FORCE_COMPLETING_WORKFLOW → COMPLETED with the outputs, no error fields',
    states: {
      S1: { execute: () => decide({ stateId: '_SYS_FORCE_COMPLETING_WORKFLOW', stateInput: encoded('f') }) },
    },
    expected: { workflowStatus: 'COMPLETED', results: [output('S1', 'f')] },
  },
  {
    name: 'conditional close met → COMPLETED with the closeInput as output',
    states: {
      S1: {
        execute: () => ({
          stateDecision: {
            nextStates: [{ stateId: 'S1' }],
            conditionalClose: {
              conditionalCloseType: 'FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY',
              channelName: 'c',
              closeInput: encoded('cc'),
            },
          },
        }),
      },
    },
    expected: { workflowStatus: 'COMPLETED', results: [output('S1', 'cc')] },
  },
  {
    name: '_SYS_FORCE_FAILING_WORKFLOW → FAILED STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE with the outputs, no errorMessage',
    states: {
      S1: { execute: () => decide({ stateId: '_SYS_FORCE_FAILING_WORKFLOW', stateInput: encoded('x') }) },
    },
    expected: {
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [output('S1', 'x')],
    },
  },
  {
    name: 'state API failure not tolerated → FAILED STATE_API_FAIL_ERROR_TYPE with the failure text, no results',
    states: { S1: { execute: () => new RawReply({ status: 500, text: 'down', contentType: 'text/plain' }) } },
    options: { stateOptions: { ...noWait, executeApiRetryPolicy: { maximumAttempts: 1 } } },
    expected: {
      workflowStatus: 'FAILED',
      errorType: 'STATE_API_FAIL_ERROR_TYPE',
      errorMessage: 'statusCode: 500, responseBody: down, errMsg: 500 Internal Server Error',
    },
  },
  {
    name: 'invalid decision → FAILED INVALID_USER_WORKFLOW_CODE_ERROR_TYPE with the message, no results',
    states: {
      S1: {
        execute: () =>
          decide(
            { stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW', stateInput: encoded('g') },
            { stateId: 'S1' },
          ),
      },
    },
    expected: {
      workflowStatus: 'FAILED',
      errorType: 'INVALID_USER_WORKFLOW_CODE_ERROR_TYPE',
      errorMessage:
        'invalid state decisions. Closing workflow decision cannot be combined with other state decisions',
    },
  },
  {
    name: 'stop FAIL → FAILED CLIENT_API_FAILING_WORKFLOW_ERROR_TYPE with the reason',
    states: { S1: waitForever },
    options: {},
    act: ({ post }) => post('stop', { workflowId: 'wf', stopType: 'FAIL', reason: 'because' }),
    expected: {
      workflowStatus: 'FAILED',
      errorType: 'CLIENT_API_FAILING_WORKFLOW_ERROR_TYPE',
      errorMessage: 'because',
    },
  },
  {
    name: 'stop CANCEL (the default) → CANCELED without error fields or results',
    states: { S1: waitForever },
    options: {},
    act: ({ post }) => post('stop', { workflowId: 'wf' }),
    expected: { workflowStatus: 'CANCELED' },
  },
  {
    name: 'stop TERMINATE → TERMINATED without error fields or results',
    states: { S1: waitForever },
    options: {},
    act: ({ post }) => post('stop', { workflowId: 'wf', stopType: 'TERMINATE' }),
    expected: { workflowStatus: 'TERMINATED' },
  },
  {
    name: 'a TERMINATE_IF_RUNNING restart → the old run TERMINATED',
    states: { S1: waitForever },
    options: {},
    act: ({ start }) =>
      start('wf', { workflowStartOptions: { workflowIDReusePolicy: 'TERMINATE_IF_RUNNING' } }),
    expected: { workflowStatus: 'TERMINATED' },
  },
  {
    name: 'timeout → TIMEOUT without error fields or results',
    states: { S1: waitForever },
    options: { workflowTimeoutSeconds: 5 },
    expected: { workflowStatus: 'TIMEOUT' },
  },
];

describe('final statuses', () => {
  for (const row of rows) {
    it(`${row.name} (status-1)`, async () => {
      const ctx = setup(new FakeWorker(row.states));
      const first = (await ctx.start('wf', row.options ?? { stateOptions: noWait })).body as {
        workflowRunId: string;
      };
      await ctx.simulator.runUntilIdle();
      await row.act?.(ctx);
      const reply = await ctx.post('getWithWait', { workflowId: 'wf', workflowRunId: first.workflowRunId });
      expect(reply.body).toEqual({ workflowRunId: first.workflowRunId, ...row.expected });
    });
  }
});
