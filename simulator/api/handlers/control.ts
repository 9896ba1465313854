import type {
  TriggerContinueAsNewRequest,
  WorkflowConfigUpdateRequest,
  WorkflowDumpRequest,
  WorkflowStopRequest,
  WorkflowWaitForStateCompletionRequest,
} from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import { applyClientInput } from '../../engine/client-inputs.ts';
import type { Engine } from '../../engine/engine.ts';
import { requestContinueAsNew } from '../../engine/runs/continue-as-new.ts';
import {
  isStateCompleted,
  startStateCompletionWorkflow,
  stateCompletionWorkflowId,
} from '../../engine/runs/state-completion-workflows.ts';
import { Replies } from '../replies.ts';
import { longPollLimit } from './get.ts';

// Captured at load: a test that fakes timers must not stall a stop.
const realSetTimeout = globalThis.setTimeout;

/**
 * `POST /api/v1/workflow/stop` (docs/semantics/client-api.md#stop-1): CANCEL (default) / TERMINATE / FAIL; on a closed run CANCEL
 * is a no-op 200 while TERMINATE and FAIL are 400 `workflow execution already completed`.
 *
 * @example
 * handleStop(engine, { workflowId: 'wf', stopType: 'FAIL', reason: 'bad input' });
 */
export function handleStop(engine: Engine, request: WorkflowStopRequest): ApiReply {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  const type = request.stopType ?? 'CANCEL';
  if (!run.isRunning) return type === 'CANCEL' ? Replies.ok() : Replies.alreadyCompleted();
  if (type === 'TERMINATE') {
    run.close('TERMINATED');
    return Replies.ok();
  }
  const stop = (): void => {
    if (!run.isRunning) return;
    if (type === 'CANCEL') run.close('CANCELED');
    else
      run.close('FAILED', {
        errorType: 'CLIENT_API_FAILING_WORKFLOW_ERROR_TYPE',
        errorMessage: request.reason ?? '',
      });
  };
  // A cancel or a fail reaches the workflow in its next workflow task: on the wall clock the run
  // reads RUNNING (and takes signals) for a moment after the answer, as on a real server (measured:
  // 15-30 ms). Half a step's latency, so the stop lands before any step that follows it; a
  // terminate is at once, and the virtual clock has no latency.
  const delayMs = engine.runtime.stepLatencyMs / 2;
  if (delayMs > 0) {
    engine.runtime.inFlightWork.begin();
    realSetTimeout(() => {
      engine.runtime.inFlightWork.end();
      stop();
    }, delayMs);
  } else stop();
  return Replies.ok();
}

/**
 * `POST /api/v1/workflow/config/update` (docs/semantics/client-api.md#config-1): overwrites present fields (optimizeTimer is not updatable).
 *
 * @example
 * handleConfigUpdate(engine, { workflowId: 'wf', workflowConfig: { continueAsNewThreshold: 10 } });
 */
export function handleConfigUpdate(engine: Engine, request: WorkflowConfigUpdateRequest): ApiReply {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  if (!run.isRunning) return Replies.alreadyCompleted();
  applyClientInput(run, { kind: 'config', config: request.workflowConfig ?? {} });
  return Replies.ok();
}

/**
 * `POST /api/v1/workflow/triggerContinueAsNew` (docs/semantics/lifecycle.md#can-1): the run continues as new under a new run id
 * as soon as no state API call is in flight (docs/semantics/lifecycle.md#can-1).
 *
 * @example
 * handleTriggerContinueAsNew(engine, { workflowId: 'wf' });
 */
export function handleTriggerContinueAsNew(engine: Engine, request: TriggerContinueAsNewRequest): ApiReply {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  if (!run.isRunning) return Replies.alreadyCompleted();
  requestContinueAsNew(run);
  return Replies.ok();
}

/**
 * `POST /api/v1/workflow/internal/dump` (docs/semantics/client-api.md#dump-1). Simplified: one page with a JSON summary.
 *
 * @example
 * handleDump(engine, { workflowId: 'wf', workflowRunId: runId, pageSizeInBytes: 1000, pageNum: 0 });
 */
export function handleDump(engine: Engine, request: WorkflowDumpRequest): ApiReply {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  if ((request.pageNum ?? 0) >= 1)
    return Replies.internal(`page number ${request.pageNum} is out of range (total pages: 1)`);
  const jsonData = JSON.stringify({
    dataAttributes: run.persistence.getData(undefined),
    searchAttributes: [...run.persistence.search.values()],
    signalChannels: run.signals.infos(),
    internalChannels: run.internalChannels.infos(),
    outputs: run.outputs,
  });
  return Replies.ok({ checksum: '', totalPages: 1, jsonData });
}

/**
 * `POST /api/v1/workflow/waitForStateCompletion` (docs/semantics/client-api.md#wait-state-1): 200 with an empty completion output once a
 * registered state's execute succeeded (also before the call), else 420 at the deadline.
 *
 * @example
 * await handleWaitForStateCompletion(engine, { workflowId: 'wf', stateExecutionId: 'S1-1' });
 */
export async function handleWaitForStateCompletion(
  engine: Engine,
  request: WorkflowWaitForStateCompletionRequest | null,
): Promise<ApiReply> {
  // As the server names the helper workflow: a non-empty waitForKey wins over the execution id, and
  // a missing stateId (with a key) or execution id (without) is a nil pointer there.
  const key = request?.waitForKey
    ? request.stateId != null
      ? `${request.stateId}_${request.waitForKey}`
      : undefined
    : (request?.stateExecutionId ?? undefined);
  if (!request || key === undefined)
    return Replies.internal('runtime error: invalid memory address or nil pointer dereference');
  const done = Replies.ok({ stateCompletionOutput: { completedStateExecutionId: '', completedStateId: '' } });
  // The server waits on its helper workflow, not on the workflow itself (waitForOn: old, the default).
  const helperId = stateCompletionWorkflowId(request.workflowId ?? '', key);
  // Temporal refuses to start the helper when its id is over 1,000 characters (measured).
  if (helperId.length > 1000) return Replies.internal('WorkflowId length exceeds limit.');
  const helper = startStateCompletionWorkflow(engine, helperId);
  if (isStateCompleted(helper)) return done;
  const outcome = await engine.longPoll(longPollLimit(engine, request.waitTimeSeconds), (resolve) =>
    helper.onClose(() => resolve('closed')),
  );
  // The helper timing out (an hour) is a long-poll timeout too (IsWorkflowTimeoutError).
  if (outcome === 'timeout' || !isStateCompleted(helper))
    return Replies.longPollTimeout('waiting has exceeded timeout limit, please retry');
  return done;
}
