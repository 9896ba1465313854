import type {
  WorkflowIDReusePolicy,
  WorkflowRetryPolicy,
  WorkflowStartRequest,
} from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import { mappingProblem } from '../../engine/attributes/search-attribute-registry.ts';
import type { Engine } from '../../engine/engine.ts';
import type { WorkflowRun } from '../../engine/runs/workflow-run.ts';
import { parseCron } from '../../engine/schedules/cron-expression.ts';
import { Replies } from '../replies.ts';
import { sizeLimitReply } from './limits.ts';

const LEGACY_REUSE: Record<string, WorkflowIDReusePolicy> = {
  ALLOW_IF_NO_RUNNING: 'ALLOW_DUPLICATE',
  ALLOW_IF_PREVIOUS_EXISTS_ABNORMALLY: 'ALLOW_DUPLICATE_FAILED_ONLY',
  ALLOW_IF_PREVIOUS_EXITS_ABNORMALLY: 'ALLOW_DUPLICATE_FAILED_ONLY',
  DISALLOW_REUSE: 'REJECT_DUPLICATE',
  ALLOW_TERMINATE_IF_RUNNING: 'TERMINATE_IF_RUNNING',
};

/**
 * `POST /api/v1/workflow/start` (docs/semantics/client-api.md#start-1, docs/semantics/faults.md#a1 to #a18): id reuse policies (legacy
 * names win), already-started options with requestId, initial attributes, start delay, and the
 * 500s Temporal gives for values it refuses.
 *
 * @example
 * handleStart(engine, { workflowId: 'wf', iwfWorkflowType: 'T', workflowTimeoutSeconds: 60, iwfWorkerUrl: url, startStateId: 'S1' });
 */
export function handleStart(engine: Engine, body: WorkflowStartRequest | null): ApiReply | Promise<ApiReply> {
  const request = body ?? ({} as WorkflowStartRequest);
  const options = request.workflowStartOptions;
  const now = engine.runtime.clock.now();
  // The server's order: its own search attribute mapping, then Temporal's checks (a schedule's
  // spec before anything else of a cron start).
  const cronProblem = options?.cronSchedule ? cronScheduleProblem(options.cronSchedule) : undefined;
  const refusal =
    mappingProblem(options?.searchAttributes ?? [], now) ??
    cronProblem ??
    backendRefusal(request) ??
    engine.runtime.searchAttributes.problem(options?.searchAttributes, now);
  if (refusal) return refused(request, Replies.internal(refusal));
  const tooBig = sizeLimitReply(engine, [
    request.stateInput,
    ...(options?.dataAttributes ?? []).map((kv) => kv.value),
  ]);
  if (tooBig)
    return tooBig instanceof Promise
      ? tooBig.then((reply) => refused(request, reply))
      : refused(request, tooBig);
  let workflowId = request.workflowId ?? '';
  if (workflowId === '') {
    // The real server starts it under a UUID the caller is never told (docs/semantics/client-api.md#start-2).
    workflowId = engine.runtime.ids.next();
    engine.runtime.log(
      `start without workflowId: started as "${workflowId}" (the real server does the same silently); set workflowId on the request`,
    );
  }
  if (options?.cronSchedule) {
    const problem = engine.schedules.create(workflowId, request);
    if (problem === 'exists')
      return Replies.error(
        400,
        'schedule with this ID is already registered',
        'WORKFLOW_ALREADY_STARTED_SUB_STATUS',
      );
    if (problem) return Replies.internal(problem);
    return Replies.ok({ workflowRunId: '' });
  }
  const policy =
    (options?.idReusePolicy && LEGACY_REUSE[options.idReusePolicy]) || options?.workflowIDReusePolicy;
  const existing = engine.currentRun(workflowId);
  if (existing) {
    if (existing.isRunning) {
      if (policy !== 'TERMINATE_IF_RUNNING')
        return alreadyStarted(
          request,
          existing,
          `Workflow execution is already running. WorkflowId: ${workflowId}, RunId: ${existing.runId}.`,
        );
      existing.close('TERMINATED');
    } else if (policy === 'REJECT_DUPLICATE') {
      return alreadyStarted(
        request,
        existing,
        `Workflow execution already finished. WorkflowId: ${workflowId}, RunId: ${existing.runId}. Workflow Id reuse policy: reject duplicate workflow Id.`,
      );
    } else if (policy === 'ALLOW_DUPLICATE_FAILED_ONLY' && existing.status === 'COMPLETED') {
      return alreadyStarted(
        request,
        existing,
        `Workflow execution already finished successfully. WorkflowId: ${workflowId}, RunId: ${existing.runId}. Workflow Id reuse policy: allow duplicate workflow Id if last run failed.`,
      );
    }
  }
  const run = engine.createRun(request, workflowId, {
    requestId: options?.workflowAlreadyStartedOptions?.requestId || undefined,
  });
  engine.beginRun(run);
  return Replies.ok({ workflowRunId: run.runId });
}

function alreadyStarted(request: WorkflowStartRequest, existing: WorkflowRun, detail: string): ApiReply {
  const ignore = request.workflowStartOptions?.workflowAlreadyStartedOptions;
  if (ignore?.ignoreAlreadyStartedError) {
    if (!ignore.requestId) return Replies.ok({ workflowRunId: existing.runId });
    // The real server dereferences a missing requestId memo here (docs/semantics/client-api.md#start-5).
    if (existing.requestId === undefined)
      return Replies.internal('runtime error: invalid memory address or nil pointer dereference');
    if (existing.requestId === ignore.requestId) return Replies.ok({ workflowRunId: existing.runId });
  }
  return Replies.error(400, detail, 'WORKFLOW_ALREADY_STARTED_SUB_STATUS');
}

/**
 * Temporal's answer to a workflow retry policy, as the real server gets there: iWF fills missing
 * fields (1 s, ×2, 100 s, unlimited), Temporal's frontend fills zeros with its defaults
 * (`retrypolicy.EnsureDefaults`) and then validates (`retrypolicy.Validate`), in this order.
 *
 * @example
 * workflowRetryPolicyProblem({ backoffCoefficient: 0.5 }); // 'BackoffCoefficient cannot be less than 1 on retry policy.'
 */
export function workflowRetryPolicyProblem(policy: WorkflowRetryPolicy | undefined): string | undefined {
  if (!policy) return undefined;
  const maximumAttempts = policy.maximumAttempts ?? 0;
  // One attempt disables retries: Temporal validates nothing else.
  if (maximumAttempts === 1) return undefined;
  const initialGiven = policy.initialIntervalSeconds ?? 1;
  const initial = initialGiven === 0 ? 1 : initialGiven;
  const backoffGiven = policy.backoffCoefficient ?? 2;
  const backoff = backoffGiven === 0 ? 2 : backoffGiven;
  const maximumGiven = policy.maximumIntervalSeconds ?? 100;
  const maximum = maximumGiven === 0 ? 100 * initial : maximumGiven;
  if (initial < 0) return 'invalid InitialInterval set on retry policy: negative duration';
  if (backoff < 1) return 'BackoffCoefficient cannot be less than 1 on retry policy.';
  if (maximum < 0) return 'invalid MaximumInterval set on retry policy: negative duration';
  if (maximum > 0 && maximum < initial)
    return 'MaximumInterval cannot be less than InitialInterval on retry policy.';
  if (maximumAttempts < 0) return 'MaximumAttempts cannot be negative on retry policy.';
  return undefined;
}

// The server's error handler turns a 500 into 400 WORKFLOW_NOT_EXISTS when the request has no
// workflowId (measured: a start without one that Temporal refuses).
function refused(request: WorkflowStartRequest, reply: ApiReply): ApiReply {
  if (request.workflowId || reply.status !== 500) return reply;
  return {
    ...reply,
    status: 400,
    body: { ...(reply.body as object), subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS' },
  };
}

function cronScheduleProblem(cronSchedule: string): string | undefined {
  const parsed = parseCron(cronSchedule);
  return typeof parsed === 'string' ? parsed : undefined;
}

function backendRefusal(request: WorkflowStartRequest): string | undefined {
  const options = request.workflowStartOptions;
  if ((request.workflowTimeoutSeconds ?? 0) < 0)
    return 'An invalid WorkflowExecutionTimeoutSeconds is set on request. cause: negative duration';
  if ((options?.workflowStartDelaySeconds ?? 0) < 0)
    return 'An invalid WorkflowStartDelaySeconds is set on request. cause: negative duration';
  const retryProblem = workflowRetryPolicyProblem(options?.retryPolicy ?? undefined);
  if (retryProblem) return retryProblem;
  if ((request.workflowId ?? '').length > 1000) return 'WorkflowId length exceeds limit.';
  const typeSize = (request.iwfWorkflowType ?? '').length + 2;
  if (typeSize > 2048)
    return `search attribute IwfWorkflowType value size ${typeSize} exceeds size limit 2048`;
  return undefined;
}
