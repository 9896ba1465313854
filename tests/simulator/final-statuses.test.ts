import { describe, expect, it } from 'vitest';
import { Answer, enc, goTo, gracefulComplete, noWait } from '../../conformance/kit/index.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const output = (id: string, value: string) => ({
  completedStateId: id,
  completedStateExecutionId: `${id}-1`,
  completedStateOutput: enc(value),
});

const waitForever = {
  waitUntil: () => ({
    commandRequest: {
      commandWaitingType: 'ALL_COMPLETED' as const,
      signalCommands: [{ commandId: 's', signalChannelName: 'never' }],
    },
  }),
  execute: () => gracefulComplete(),
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
        execute: () => goTo({ stateId: 'A', stateOptions: noWait }, { stateId: 'B', stateOptions: noWait }),
      },
      A: { execute: () => gracefulComplete(enc('a')) },
      B: { execute: () => gracefulComplete(enc('b')) },
    },
    expected: { workflowStatus: 'COMPLETED', results: [output('A', 'a'), output('B', 'b')] },
  },
  {
    name: '_SYS_FORCE_COMPLETING_WORKFLOW → COMPLETED with the outputs, no error fields',
    states: {
      S1: { execute: () => goTo({ stateId: '_SYS_FORCE_COMPLETING_WORKFLOW', stateInput: enc('f') }) },
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
              closeInput: enc('cc'),
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
      S1: { execute: () => goTo({ stateId: '_SYS_FORCE_FAILING_WORKFLOW', stateInput: enc('x') }) },
    },
    expected: {
      workflowStatus: 'FAILED',
      errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
      results: [output('S1', 'x')],
    },
  },
  {
    name: 'state API failure not tolerated → FAILED STATE_API_FAIL_ERROR_TYPE with the failure text, no results',
    states: { S1: { execute: () => new Answer({ status: 500, body: 'down', contentType: 'text/plain' }) } },
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
          goTo({ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW', stateInput: enc('g') }, { stateId: 'S1' }),
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
