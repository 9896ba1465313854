import { WorkerPaths } from '../../../sdk/wire/paths.ts';
import type {
  KeyValue,
  SearchAttribute,
  WorkflowRpcRequest,
  WorkflowWorkerRpcRequest,
  WorkflowWorkerRpcResponse,
} from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import { lockKeys } from '../../engine/attributes/locks.ts';
import { lockingKeysOf } from '../../engine/attributes/persistence.ts';
import { countOperations } from '../../engine/reset/continue-as-new.ts';
import { acquireRpcLock } from '../../engine/rpcs/rpc-lock.ts';
import { applyClientInput } from '../../engine/runs/client-inputs.ts';
import type { Engine } from '../../engine/runs/engine.ts';
import type { WorkflowRun } from '../../engine/runs/workflow-run.ts';
import { isSystemStateId } from '../../engine/threads/decisions.ts';
import {
  type CallOutcome,
  callWorker,
  parseReplyBody,
  replyText,
} from '../../engine/worker-calls/worker-call.ts';
import { decodeLikeGo } from '../../schema/go-decode.ts';
import { checkSchema } from '../../schema/schema.ts';
import { RpcResponseSchema, WorkerErrorResponseSchema } from '../../schema/wire-schemas.ts';
import { Replies } from '../replies.ts';

const LOCKING_TYPES = new Set(['LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK', 'LOAD_ALL_WITH_PARTIAL_LOCK']);

/**
 * `POST /api/v1/workflow/rpc` (docs/semantics/rpc.md#rpc-2, #rpc-7, docs/semantics/faults.md#table-c). Non-locking: snapshot, call,
 * then apply the mutations right after the worker returns (a read-only RPC works on a closed run).
 * Locking: 450 at once when a state holds a key; while another locking RPC runs, accepted and
 * queued for the keys (500 AcceptedUpdateCompletedWorkflow if the run closes first); then lock,
 * load, call, release and apply.
 *
 * @example
 * await handleRpc(engine, { workflowId: 'wf', rpcName: 'describe' });
 */
export async function handleRpc(engine: Engine, request: WorkflowRpcRequest): Promise<ApiReply> {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  const dataPolicy = request.dataAttributesLoadingPolicy ?? undefined;
  const searchPolicy = request.searchAttributesLoadingPolicy ?? undefined;
  const locking =
    LOCKING_TYPES.has(dataPolicy?.persistenceLoadingType ?? '') ||
    LOCKING_TYPES.has(searchPolicy?.persistenceLoadingType ?? '');
  const keys = lockKeys(lockingKeysOf(searchPolicy), lockingKeysOf(dataPolicy));
  if (!locking) return callRpc(engine, run, request, false, keys);
  if (!run.isRunning) return Replies.alreadyCompleted();
  // While a locking RPC runs, the real workflow is busy and validates a new update only after it:
  // the new one is accepted and waits for the keys. Otherwise a held key (by a state) refuses it.
  if (run.lockingRpcsInProgress === 0 && run.locks.anyHeld(keys))
    return Replies.error(
      450,
      'requested data or search attributes are being locked by other operations',
      'WORKER_API_ERROR',
    );
  run.lockingRpcsInProgress++;
  // The update handler is a new coroutine of the workflow: numbered after every thread started so far.
  const ordinal = run.locks.newOrdinal();
  try {
    if ((await acquireRpcLock(run, keys, ordinal)) === 'closed') return acceptedUpdateOfClosedWorkflow();
    return await callRpc(engine, run, request, true, keys, ordinal);
  } finally {
    run.lockingRpcsInProgress--;
  }
}

// Measured: a locking RPC accepted while another held its keys, whose workflow completed before it
// got them (eight concurrent verify RPCs on the sign-up sample).
function acceptedUpdateOfClosedWorkflow(): ApiReply {
  return Replies.internal(
    'Workflow Update failed because the Workflow completed before the Update completed. (type: AcceptedUpdateCompletedWorkflow, retryable: false)',
  );
}

async function callRpc(
  engine: Engine,
  run: WorkflowRun,
  request: WorkflowRpcRequest,
  locking: boolean,
  keys: readonly string[],
  ordinal = 0,
): Promise<ApiReply> {
  const dataPolicy = request.dataAttributesLoadingPolicy ?? undefined;
  const searchPolicy = request.searchAttributesLoadingPolicy ?? undefined;
  const body: WorkflowWorkerRpcRequest = {
    context: {
      workflowId: run.workflowId,
      workflowRunId: run.runId,
      workflowStartedTimestamp: Math.floor(run.startedAt / 1000),
    },
    workflowType: run.workflowType,
    rpcName: request.rpcName ?? '',
  };
  if (request.input != null) body.input = request.input;
  // Loads are shared and frozen (see loadData); a request only carries them to the worker.
  const search = run.persistence.loadSearch(searchPolicy);
  if (search) body.searchAttributes = search as SearchAttribute[];
  const data = run.persistence.loadData(dataPolicy);
  if (data) body.dataAttributes = data as KeyValue[];
  body.signalChannelInfos = run.signals.infos();
  body.internalChannelInfos = run.internalChannels.infos();
  const { runtime } = engine;
  // Whole-second deadline, as the real server computes it (docs/semantics/rpc.md#rpc-3).
  const max = runtime.maxWaitSeconds;
  const seconds =
    request.timeoutSeconds && request.timeoutSeconds > 0 ? Math.min(request.timeoutSeconds, max) : max;
  const timeoutMs = (Math.floor(runtime.clock.now() / 1000) + seconds) * 1000 - runtime.clock.now();
  const outcome = await callWorker(
    runtime.clock,
    runtime.inFlightWork,
    runtime.transport,
    run.workerUrl,
    WorkerPaths.rpc,
    body,
    timeoutMs,
  );
  if (locking) run.locks.release(keys, ordinal);
  const reply = interpretOutcome(run, outcome, locking ? request : undefined);
  if (locking && run.isRunning) countOperations(run, 1);
  run.history.add('RpcCalled', undefined, { rpcName: body.rpcName, locking, status: reply.status });
  return reply;
}

// `update`: the request of a locking RPC (a Temporal update, which a reset runs again).
function interpretOutcome(run: WorkflowRun, outcome: CallOutcome, update?: WorkflowRpcRequest): ApiReply {
  const url = `${run.workerUrl}${WorkerPaths.rpc}`;
  if (outcome.kind === 'timeout')
    return workerApiError(`Post "${url}": context deadline exceeded`, 0, '', '');
  if (outcome.kind === 'transportError') return workerApiError(outcome.message, 0, '', '');
  const reply = outcome.reply;
  const parsed = parseReplyBody(reply);
  if (reply.status !== 200) {
    if (
      parsed.ok &&
      !parsed.empty &&
      !checkSchema(parsed.value, WorkerErrorResponseSchema) &&
      isObject(parsed.value)
    ) {
      const { detail = '', errorType = '' } = parsed.value as { detail?: string; errorType?: string };
      return workerApiError(
        `worker API error, status:${reply.status}, errorType:${errorType}`,
        reply.status,
        errorType,
        detail,
      );
    }
    return undecodable(reply.status, replyText(reply));
  }
  if (!parsed.ok) return undecodable(200, replyText(reply));
  if (parsed.empty)
    return Replies.internal('runtime error: invalid memory address or nil pointer dereference');
  const decoded = isObject(parsed.value) ? decodeLikeGo(parsed.value, RpcResponseSchema) : undefined;
  if (decoded?.problem !== undefined || decoded === undefined)
    return workerApiError('worker API error, status:200, errorType:', 200, '', '');
  const response = decoded.value as WorkflowWorkerRpcResponse;
  const decision = response.stateDecision;
  if (decision?.conditionalClose || decision?.nextStates?.some((m) => isSystemStateId(m.stateId)))
    return workerApiError('closing workflow in RPC is not supported yet', 0, '', '');
  const mutates =
    !!response.upsertDataAttributes?.length ||
    !!response.upsertSearchAttributes?.length ||
    !!response.publishToInterStateChannel?.length ||
    !!response.recordEvents?.length ||
    !!decision?.nextStates?.length;
  if (mutates) {
    // The mutations travel as a signal, which a closed run refuses after the worker already ran.
    if (!run.isRunning) return Replies.alreadyCompleted();
    applyClientInput(run, {
      kind: 'mutations',
      mutations: {
        upsertSearchAttributes: response.upsertSearchAttributes,
        upsertDataObjects: response.upsertDataAttributes,
        publishToInterStateChannel: response.publishToInterStateChannel,
      },
      nextStates: decision?.nextStates ?? undefined,
      update: update !== undefined,
      ...(update ? { rpc: update } : {}),
    });
  } else if (update && run.isRunning) {
    run.journal.recordInput({ kind: 'mutations', mutations: {}, update: true, rpc: update });
  }
  return Replies.ok(response.output != null ? { output: response.output } : {});
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function undecodable(status: number, raw: string): ApiReply {
  return workerApiError(
    `unable to decode worker response body to WorkerErrorResponse: body${raw}`,
    status,
    '',
    '',
  );
}

function workerApiError(detail: string, status: number, type: string, workerDetail: string): ApiReply {
  return Replies.error(420, detail, 'WORKER_API_ERROR', {
    originalWorkerErrorDetail: workerDetail,
    originalWorkerErrorStatus: status,
    originalWorkerErrorType: type,
  });
}
