import { ApiPaths } from '../../sdk/wire/paths.ts';
import { expectEqual, expectFields, expectResponse, expectStatus, expectTrue } from '../checks.ts';
import { deadEnd, forceFail, gracefulComplete, sleep, waitSignal } from '../kit/index.ts';
import type { Scenario } from '../scenario.ts';
import { startCompleting, startWaiting } from './simple-workflows.ts';

/** Starting an id again (already running, id reuse policies, already-started options), a start without a state or with a delay, and waiting for a state's completion (docs/semantics/client-api.md#start-1). */
export const startAndWaitScenarios: Scenario[] = [
  {
    name: 'start-already-running',
    async run(ctx) {
      const { id, runId } = await startWaiting(ctx, 'wf');
      const again = await ctx.post(ApiPaths.start, ctx.startRequest(id, { startStateId: 'S1' }));
      expectEqual('second start status', again.status, 400);
      expectFields('second start body', again.json, { subStatus: 'WORKFLOW_ALREADY_STARTED_SUB_STATUS' });
      for (const policy of ['ALLOW_DUPLICATE', 'REJECT_DUPLICATE', 'ALLOW_DUPLICATE_FAILED_ONLY']) {
        const res = await ctx.post(
          ApiPaths.start,
          ctx.startRequest(id, {
            startStateId: 'S1',
            workflowStartOptions: { workflowIDReusePolicy: policy },
          }),
        );
        expectEqual(
          `start with ${policy} while running`,
          [res.status, (res.json as { subStatus?: string })?.subStatus],
          [400, 'WORKFLOW_ALREADY_STARTED_SUB_STATUS'],
        );
      }
      const terminating = await ctx.post(
        ApiPaths.start,
        ctx.startRequest(id, {
          startStateId: 'S1',
          workflowStartOptions: { workflowIDReusePolicy: 'TERMINATE_IF_RUNNING' },
        }),
      );
      expectEqual('start with TERMINATE_IF_RUNNING', terminating.status, 200);
      const newRun = (terminating.json as { workflowRunId: string }).workflowRunId;
      expectTrue('new run id', newRun !== runId, 'a different run id', newRun);
      expectEqual('old run', await ctx.describe(id, { workflowRunId: runId }), {
        workflowRunId: runId,
        workflowStatus: 'TERMINATED',
      });
      expectEqual('current run', await ctx.describe(id), {
        workflowRunId: newRun,
        workflowStatus: 'RUNNING',
      });
    },
  },
  {
    name: 'id-reuse-policies',
    async run(ctx) {
      const completed = ctx.id('completed');
      await startCompleting(ctx, completed);
      const failed = ctx.id('failed');
      await ctx.start(failed, { startStateId: 'S1' }, { states: { S1: { execute: () => forceFail() } } });
      expectEqual('failed run', (await ctx.result(failed)).workflowStatus, 'FAILED');
      const cases: Array<[string, string, Record<string, string>, number]> = [
        ['REJECT_DUPLICATE after COMPLETED', completed, { workflowIDReusePolicy: 'REJECT_DUPLICATE' }, 400],
        [
          'ALLOW_DUPLICATE_FAILED_ONLY after COMPLETED',
          completed,
          { workflowIDReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' },
          400,
        ],
        ['DISALLOW_REUSE after COMPLETED', completed, { idReusePolicy: 'DISALLOW_REUSE' }, 400],
        [
          'ALLOW_IF_PREVIOUS_EXITS_ABNORMALLY after COMPLETED',
          completed,
          { idReusePolicy: 'ALLOW_IF_PREVIOUS_EXITS_ABNORMALLY' },
          400,
        ],
        [
          'legacy DISALLOW_REUSE wins over ALLOW_DUPLICATE',
          completed,
          { idReusePolicy: 'DISALLOW_REUSE', workflowIDReusePolicy: 'ALLOW_DUPLICATE' },
          400,
        ],
        ['REJECT_DUPLICATE after FAILED', failed, { workflowIDReusePolicy: 'REJECT_DUPLICATE' }, 400],
        [
          'ALLOW_DUPLICATE_FAILED_ONLY after FAILED',
          failed,
          { workflowIDReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' },
          200,
        ],
      ];
      for (const [label, id, options, status] of cases) {
        const res = await ctx.post(ApiPaths.start, ctx.startRequest(id, { workflowStartOptions: options }));
        expectEqual(`${label}: status`, res.status, status);
        if (status === 400) {
          expectFields(`${label}: body`, res.json, { subStatus: 'WORKFLOW_ALREADY_STARTED_SUB_STATUS' });
        } else {
          await ctx.post(ApiPaths.stop, { workflowId: id, stopType: 'TERMINATE' });
        }
      }
      // Now the failed id's latest run is TERMINATED: the legacy "abnormally" name allows it.
      const abnormal = await ctx.post(
        ApiPaths.start,
        ctx.startRequest(failed, {
          workflowStartOptions: { idReusePolicy: 'ALLOW_IF_PREVIOUS_EXISTS_ABNORMALLY' },
        }),
      );
      expectEqual('ALLOW_IF_PREVIOUS_EXISTS_ABNORMALLY after TERMINATED: status', abnormal.status, 200);
      for (const [label, options] of [
        ['ALLOW_DUPLICATE after COMPLETED', { workflowIDReusePolicy: 'ALLOW_DUPLICATE' }],
        ['ALLOW_IF_NO_RUNNING after RUNNING→TERMINATED', { idReusePolicy: 'ALLOW_IF_NO_RUNNING' }],
        ['no policy after TERMINATED', {}],
      ] as const) {
        const res = await ctx.post(
          ApiPaths.start,
          ctx.startRequest(completed, { workflowStartOptions: options }),
        );
        expectEqual(`${label}: status`, res.status, 200);
        await ctx.post(ApiPaths.stop, { workflowId: completed, stopType: 'TERMINATE' });
      }
      ctx.track(completed);
      const legacyTerminate = await ctx.post(
        ApiPaths.start,
        ctx.startRequest(failed, { workflowStartOptions: { idReusePolicy: 'ALLOW_TERMINATE_IF_RUNNING' } }),
      );
      expectEqual('ALLOW_TERMINATE_IF_RUNNING while RUNNING: status', legacyTerminate.status, 200);
    },
  },
  {
    name: 'already-started-options',
    async run(ctx) {
      const id = ctx.id('wf');
      const first = await ctx.post(
        ApiPaths.start,
        ctx.startRequest(id, {
          workflowStartOptions: {
            workflowAlreadyStartedOptions: { ignoreAlreadyStartedError: true, requestId: 'r1' },
          },
        }),
      );
      expectEqual('first start', first.status, 200);
      ctx.track(id);
      const runId = (first.json as { workflowRunId: string }).workflowRunId;
      const again = (options: Record<string, unknown>) =>
        ctx.post(
          ApiPaths.start,
          ctx.startRequest(id, { workflowStartOptions: { workflowAlreadyStartedOptions: options } }),
        );
      expectResponse('ignore without requestId', await again({ ignoreAlreadyStartedError: true }), 200, {
        workflowRunId: runId,
      });
      expectResponse(
        'ignore with the same requestId',
        await again({ ignoreAlreadyStartedError: true, requestId: 'r1' }),
        200,
        {
          workflowRunId: runId,
        },
      );
      const other = await again({ ignoreAlreadyStartedError: true, requestId: 'r2' });
      expectEqual('ignore with another requestId: status', other.status, 400);
      expectFields('ignore with another requestId: body', other.json, {
        subStatus: 'WORKFLOW_ALREADY_STARTED_SUB_STATUS',
      });
      const notIgnored = await again({ ignoreAlreadyStartedError: false, requestId: 'r1' });
      expectEqual('ignoreAlreadyStartedError false: status', notIgnored.status, 400);
    },
  },
  {
    name: 'start-without-state-idles',
    async run(ctx) {
      const id = ctx.id('wf');
      const runId = await ctx.start(id, {}, {});
      await sleep(1_000);
      expectEqual('status', await ctx.describe(id), { workflowRunId: runId, workflowStatus: 'RUNNING' });
      expectEqual('worker calls', ctx.worker.callsOf(id).length, 0);
    },
  },
  {
    name: 'start-delay',
    async run(ctx) {
      const id = ctx.id('wf');
      const started = Date.now();
      await ctx.start(
        id,
        { startStateId: 'S1', workflowStartOptions: { workflowStartDelaySeconds: 2 } },
        {
          states: { S1: { execute: () => gracefulComplete() } },
        },
      );
      const call = await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil', 8_000);
      const delay = call.at - started;
      expectTrue('first waitUntil after the start delay', delay >= 1_500 && delay < 5_000, '1.5..5 s', delay);
      expectEqual('status', (await ctx.result(id)).workflowStatus, 'COMPLETED');
    },
  },
  {
    name: 'wait-for-state-completion',
    async run(ctx) {
      const id = ctx.id('wf');
      await ctx.start(
        id,
        {
          startStateId: 'S1',
          waitForCompletionStateExecutionIds: ['S1-1'],
          waitForCompletionStateIds: ['S2'],
        },
        {
          states: {
            S1: {
              waitUntil: () => waitSignal('go'),
              execute: () => ({
                stateDecision: { nextStates: [{ stateId: 'S2', waitForKey: 'k1' }, { stateId: 'S3' }] },
              }),
            },
            S2: { execute: () => deadEnd() },
            S3: { waitUntil: () => waitSignal('never'), execute: () => deadEnd() },
          },
        },
      );
      const pending = ctx.post(
        ApiPaths.waitForStateCompletion,
        { workflowId: id, stateExecutionId: 'S1-1', waitTimeSeconds: 8 },
        20_000,
      );
      await ctx.worker.waitForCall(id, (c) => c.api === 'waitUntil');
      await sleep(300);
      await ctx.signal(id, 'go');
      const empty = { stateCompletionOutput: { completedStateExecutionId: '', completedStateId: '' } };
      expectResponse('waitForStateCompletion S1-1 (waiting before completion)', await pending, 200, empty);
      expectResponse(
        'waitForStateCompletion S1-1 (after completion)',
        await ctx.post(ApiPaths.waitForStateCompletion, {
          workflowId: id,
          stateExecutionId: 'S1-1',
          waitTimeSeconds: 5,
        }),
        200,
        empty,
      );
      expectResponse(
        'waitForStateCompletion S2 with waitForKey k1',
        await ctx.post(ApiPaths.waitForStateCompletion, {
          workflowId: id,
          stateId: 'S2',
          waitForKey: 'k1',
          waitTimeSeconds: 5,
        }),
        200,
        empty,
      );
      expectResponse(
        'waitForStateCompletion of an unregistered state',
        await ctx.post(ApiPaths.waitForStateCompletion, {
          workflowId: id,
          stateExecutionId: 'S3-1',
          waitTimeSeconds: 1,
        }),
        420,
        {
          detail: 'waiting has exceeded timeout limit, please retry',
          subStatus: 'LONG_POLL_TIME_OUT_SUB_STATUS',
        },
      );
      // The server waits on helper workflows of its own (waitForOn: old), which clients can get:
      // completed for completed states, running (for an hour) for the one nobody completes.
      const helper = async (key: string) => {
        const res = await ctx.post(ApiPaths.get, { workflowId: `__IwfSystem_${id}_${key}` });
        expectStatus(`get helper ${key}`, res, 200);
        return (res.json as { workflowStatus?: string }).workflowStatus;
      };
      expectEqual(
        'helper workflows',
        [await helper('S1-1'), await helper('S2_k1'), await helper('S3-1')],
        ['COMPLETED', 'COMPLETED', 'RUNNING'],
      );
    },
  },
];
