import type {
  PublishToInternalChannelRequest,
  WorkflowSignalRequest,
  WorkflowSkipTimerRequest,
} from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import { applyClientInput, skipTimer } from '../../engine/client-inputs.ts';
import type { Engine } from '../../engine/engine.ts';
import { isRunIdForm, Replies } from '../replies.ts';
import { sizeLimitReply } from './limits.ts';

/**
 * `POST /api/v1/workflow/signal` (docs/semantics/client-api.md#signal-1, docs/semantics/execution.md#channels-3): buffered whether or not a state waits for it.
 *
 * @example
 * handleSignal(engine, { workflowId: 'wf', signalChannelName: 'approve' });
 */
export function handleSignal(engine: Engine, request: WorkflowSignalRequest): ApiReply | Promise<ApiReply> {
  // Temporal's frontend checks the run id's form, then the name, before it looks the workflow up
  // (measured: 500 each).
  if (request.workflowRunId && !isRunIdForm(request.workflowRunId)) return Replies.internal('Invalid RunId.');
  if (!request.signalChannelName) return Replies.internal('SignalName is not set on request.');
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  if (!run.isRunning) return Replies.alreadyCompleted();
  const refused = sizeLimitReply(engine, [request.signalValue]);
  if (refused) return refused;
  applyClientInput(run, {
    kind: 'signal',
    name: request.signalChannelName ?? '',
    value: request.signalValue ?? {},
  });
  return Replies.ok();
}

/**
 * `POST /api/v1/workflow/publishToInternalChannel` (docs/semantics/client-api.md#publish-1, docs/semantics/execution.md#channels-1).
 *
 * @example
 * handlePublish(engine, { workflowId: 'wf', messages: [{ channelName: 'verify' }] });
 */
export function handlePublish(
  engine: Engine,
  request: PublishToInternalChannelRequest,
): ApiReply | Promise<ApiReply> {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  if (!run.isRunning) return Replies.alreadyCompleted();
  const messages = request.messages ?? [];
  const refused = sizeLimitReply(
    engine,
    messages.map((m) => m.value),
    messages,
  );
  if (refused) return refused;
  applyClientInput(run, {
    kind: 'mutations',
    mutations: { publishToInterStateChannel: messages },
    update: false,
  });
  return Replies.ok();
}

const MISSING_TIMER = "invalid request - requested timer command doesn't exist";

/**
 * `POST /api/v1/workflow/timer/skip` (docs/semantics/client-api.md#timer-skip-1): the timer counts as fired (reported FIRED).
 *
 * @example
 * handleSkipTimer(engine, { workflowId: 'wf', workflowStateExecutionId: 'S1-1', timerCommandIndex: 0 });
 */
export function handleSkipTimer(engine: Engine, request: WorkflowSkipTimerRequest | null): ApiReply {
  const commandId = request?.timerCommandId || undefined;
  const index = request?.timerCommandIndex ?? undefined;
  if (commandId === undefined && index === undefined)
    return Replies.error(
      400,
      'invalid request - must provide either a timerCommandId or index',
      'UNCATEGORIZED_SUB_STATUS',
    );
  if (!request?.workflowId) return Replies.workflowIdNotSet();
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  if (!skipTimer(run, request.workflowStateExecutionId ?? '', commandId, index))
    return Replies.error(400, MISSING_TIMER, 'UNCATEGORIZED_SUB_STATUS');
  return Replies.ok();
}
