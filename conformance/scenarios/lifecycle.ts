import { ApiPaths } from '../../sdk/wire/paths.ts';
import { expectEqual, expectFields, expectResponse, expectTrue } from '../checks.ts';
import { enc, forceFail } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';
import { startCompleting, startWaiting } from './simple-workflows.ts';

const LONG_POLL_TIMEOUT = {
  detail: 'workflow is still running, waiting has exceeded timeout limit, please retry',
  subStatus: 'LONG_POLL_TIME_OUT_SUB_STATUS',
};

/** Start, status and result scenarios (docs/semantics/client-api.md#start-1, #get-2, docs/semantics/lifecycle.md#timeout-1, #status-1). */
export const lifecycleScenarios: Scenario[] = [
  {
    name: 'start-get-complete',
    async run(ctx) {
      const { id, runId } = await startWaiting(ctx, 'wf');
      expectTrue('workflowRunId', typeof runId === 'string' && runId.length > 0, 'a non-empty run id', runId);
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      expectEqual('get while waiting', await ctx.describe(id), {
        workflowRunId: runId,
        workflowStatus: 'RUNNING',
      });
      await ctx.signal(id, 'go');
      const result = await ctx.result(id);
      expectEqual('getWithWait', result, {
        workflowRunId: runId,
        workflowStatus: 'COMPLETED',
        results: [
          { completedStateId: 'S1', completedStateExecutionId: 'S1-1', completedStateOutput: enc('done') },
        ],
      });
      expectEqual('get without needsResults', await ctx.describe(id), {
        workflowRunId: runId,
        workflowStatus: 'COMPLETED',
      });
      expectEqual('get with needsResults', await ctx.describe(id, { needsResults: true }), result);
      const wu = ctx.worker.callsOf(id, 'waitUntil')[0]!.body;
      expectFields('waitUntil request', wu, { workflowType: 'ConformanceWorkflow', workflowStateId: 'S1' });
      expectFields('waitUntil context', wu.context, {
        workflowId: id,
        workflowRunId: runId,
        stateExecutionId: 'S1-1',
        attempt: 1,
      });
    },
  },
  {
    name: 'get-with-wait-long-poll-timeout',
    async run(ctx) {
      const id = ctx.id('idle');
      await ctx.start(id, {}, {});
      const started = Date.now();
      const res = await ctx.post(ApiPaths.getWithWait, { workflowId: id, waitTimeSeconds: 1 });
      expectResponse('getWithWait on a running workflow', res, 420, LONG_POLL_TIMEOUT);
      const ms = Date.now() - started;
      // The real server's deadline is whole Unix seconds, so 1 s may end anywhere in 0..1 s.
      expectTrue('long poll duration', ms < 5_000, 'under 5 s', ms);
    },
  },
  {
    name: 'get-error-details-need-results',
    async run(ctx) {
      const id = ctx.id('wf');
      const runId = await ctx.start(
        id,
        { startStateId: 'S1' },
        {
          states: { S1: { execute: () => forceFail(enc('bad')) } },
        },
      );
      const failed = {
        workflowRunId: runId,
        workflowStatus: 'FAILED',
        errorType: 'STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE',
        results: [
          { completedStateId: 'S1', completedStateExecutionId: 'S1-1', completedStateOutput: enc('bad') },
        ],
      };
      expectEqual('getWithWait', await ctx.result(id), failed);
      expectEqual('get', await ctx.describe(id), { workflowRunId: runId, workflowStatus: 'FAILED' });
      expectEqual('get needsResults', await ctx.describe(id, { needsResults: true }), failed);
    },
  },
  {
    name: 'workflow-timeout',
    async run(ctx) {
      const { id, runId } = await startWaiting(ctx, 'wf', { workflowTimeoutSeconds: 1 });
      const result = await ctx.result(id, 8);
      expectEqual('getWithWait after the timeout', result, {
        workflowRunId: runId,
        workflowStatus: 'TIMEOUT',
      });
    },
  },
  {
    name: 'stop-types',
    async run(ctx) {
      const cancel = await startWaiting(ctx, 'cancel');
      const terminate = await startWaiting(ctx, 'terminate');
      const fail = await startWaiting(ctx, 'fail');
      expectResponse('stop default', await ctx.post(ApiPaths.stop, { workflowId: cancel.id }), 200, {});
      expectResponse(
        'stop TERMINATE',
        await ctx.post(ApiPaths.stop, { workflowId: terminate.id, stopType: 'TERMINATE' }),
        200,
        {},
      );
      expectResponse(
        'stop FAIL',
        await ctx.post(ApiPaths.stop, { workflowId: fail.id, stopType: 'FAIL', reason: 'stopped by test' }),
        200,
        {},
      );
      expectEqual('after CANCEL', await ctx.result(cancel.id), {
        workflowRunId: cancel.runId,
        workflowStatus: 'CANCELED',
      });
      expectEqual('after TERMINATE', await ctx.result(terminate.id), {
        workflowRunId: terminate.runId,
        workflowStatus: 'TERMINATED',
      });
      expectEqual('after FAIL', await ctx.result(fail.id), {
        workflowRunId: fail.runId,
        workflowStatus: 'FAILED',
        errorType: 'CLIENT_API_FAILING_WORKFLOW_ERROR_TYPE',
        errorMessage: 'stopped by test',
      });
    },
  },
  {
    name: 'stop-closed-workflow',
    async run(ctx) {
      const id = ctx.id('wf');
      await startCompleting(ctx, id);
      const closed = {
        detail: 'workflow execution already completed',
        subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
      };
      expectResponse('CANCEL a closed workflow', await ctx.post(ApiPaths.stop, { workflowId: id }), 200, {});
      expectResponse(
        'TERMINATE a closed workflow',
        await ctx.post(ApiPaths.stop, { workflowId: id, stopType: 'TERMINATE' }),
        400,
        closed,
      );
      expectResponse(
        'FAIL a closed workflow',
        await ctx.post(ApiPaths.stop, { workflowId: id, stopType: 'FAIL' }),
        400,
        closed,
      );
      expectEqual('status stays', (await ctx.describe(id)).workflowStatus, 'COMPLETED');
    },
  },
];
