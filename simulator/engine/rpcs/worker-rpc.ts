import { WorkerPaths } from '../../../sdk/wire/paths.ts';
import type {
  KeyValue,
  SearchAttribute,
  WorkflowRpcRequest,
  WorkflowWorkerRpcRequest,
  WorkflowWorkerRpcResponse,
} from '../../../sdk/wire/types.ts';
import { decodeLikeGo } from '../../schema/go-decode.ts';
import { checkSchema } from '../../schema/schema.ts';
import { RpcResponseSchema, WorkerErrorResponseSchema } from '../../schema/wire-schemas.ts';
import { applyClientInput } from '../client-inputs.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';
import { isSystemStateId } from '../states/decisions.ts';
import { callRunWorker } from '../worker-calls/run-worker-call.ts';
import { type CallOutcome, parseReplyBody, replyText } from '../worker-calls/worker-call.ts';
import type { RpcOutcome } from './rpc-outcome.ts';

/**
 * Loads what the RPC's policies ask for, calls the worker's RPC endpoint with the whole-second
 * deadline the server computes, and returns what the worker answered (not applied yet).
 *
 * @example
 * const answer = await callWorkerRpc(run, request);
 */
export async function callWorkerRpc(run: WorkflowRun, request: WorkflowRpcRequest): Promise<CallOutcome> {
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
  const search = run.persistence.loadSearch(request.searchAttributesLoadingPolicy ?? undefined);
  if (search) body.searchAttributes = search as SearchAttribute[];
  const data = run.persistence.loadData(request.dataAttributesLoadingPolicy ?? undefined);
  if (data) body.dataAttributes = data as KeyValue[];
  body.signalChannelInfos = run.signals.infos();
  body.internalChannelInfos = run.internalChannels.infos();
  const { runtime } = run;
  const now = runtime.clock.now();
  const max = runtime.maxWaitSeconds;
  const seconds =
    request.timeoutSeconds && request.timeoutSeconds > 0 ? Math.min(request.timeoutSeconds, max) : max;
  // Whole seconds from the current second, as the real server computes the deadline.
  const timeoutMs = (Math.floor(now / 1000) + seconds) * 1000 - now;
  return callRunWorker(run, 'rpc', body.rpcName, undefined, WorkerPaths.rpc, body, timeoutMs);
}

/**
 * Turns the worker's answer into the RPC's outcome and applies its mutations to the run: as a
 * signal after the fact for a non-locking RPC (refused when the run closed meanwhile), inside the
 * update for a locking one (read-your-writes). A locking RPC is journaled with its request, as
 * Temporal keeps an update, so a reset runs it again.
 *
 * @example
 * const outcome = applyRpcAnswer(run, request, await callWorkerRpc(run, request), true, calledAt);
 */
export function applyRpcAnswer(
  run: WorkflowRun,
  request: WorkflowRpcRequest,
  answer: CallOutcome,
  locking: boolean,
  calledAt: number,
): RpcOutcome {
  const outcome = interpretAnswer(run, answer, locking ? request : undefined);
  if (run.history.enabled)
    run.history.add('RpcCalled', undefined, {
      rpcName: request.rpcName ?? '',
      locking,
      outcome: outcome.kind,
      status: RPC_STATUS[outcome.kind],
      tookMs: run.runtime.clock.now() - calledAt,
      error: errorDetail(outcome),
    });
  return outcome;
}

// The HTTP status the client gets for each outcome (the history and the live log show it).
const RPC_STATUS: Record<RpcOutcome['kind'], number> = {
  answered: 200,
  workerError: 420,
  lockRefused: 450,
  notFound: 400,
  alreadyCompleted: 400,
  abortedByClose: 400,
  internal: 500,
};

// What the history keeps of a failed RPC: the server's detail and what the worker said.
function errorDetail(outcome: RpcOutcome): string | undefined {
  if (outcome.kind === 'workerError')
    return outcome.workerDetail ? `${outcome.detail} ${outcome.workerDetail}` : outcome.detail;
  if (outcome.kind === 'internal') return outcome.detail;
  return outcome.kind === 'answered' ? undefined : outcome.kind;
}

// `update`: the request of a locking RPC (a Temporal update, which a reset runs again).
function interpretAnswer(run: WorkflowRun, answer: CallOutcome, update?: WorkflowRpcRequest): RpcOutcome {
  const url = `${run.workerUrl}${WorkerPaths.rpc}`;
  if (answer.kind === 'timeout') return workerError(`Post "${url}": context deadline exceeded`, 0, '', '');
  if (answer.kind === 'transportError') return workerError(answer.message, 0, '', '');
  const reply = answer.reply;
  const parsed = parseReplyBody(reply);
  if (reply.status !== 200) {
    if (
      parsed.ok &&
      !parsed.empty &&
      !checkSchema(parsed.value, WorkerErrorResponseSchema) &&
      isObject(parsed.value)
    ) {
      const { detail = '', errorType = '' } = parsed.value as { detail?: string; errorType?: string };
      return workerError(
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
    return { kind: 'internal', detail: 'runtime error: invalid memory address or nil pointer dereference' };
  const decoded = isObject(parsed.value) ? decodeLikeGo(parsed.value, RpcResponseSchema) : undefined;
  if (decoded?.problem !== undefined || decoded === undefined)
    return workerError('worker API error, status:200, errorType:', 200, '', '');
  const response = decoded.value as WorkflowWorkerRpcResponse;
  const decision = response.stateDecision;
  if (decision?.conditionalClose || decision?.nextStates?.some((m) => isSystemStateId(m.stateId)))
    return workerError('closing workflow in RPC is not supported yet', 0, '', '');
  const mutates =
    !!response.upsertDataAttributes?.length ||
    !!response.upsertSearchAttributes?.length ||
    !!response.publishToInterStateChannel?.length ||
    !!response.recordEvents?.length ||
    !!decision?.nextStates?.length;
  if (mutates) {
    // A non-locking RPC's mutations travel as a signal, which a closed run refuses after the
    // worker already ran.
    if (!run.isRunning) return { kind: 'alreadyCompleted' };
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
  return response.output != null ? { kind: 'answered', output: response.output } : { kind: 'answered' };
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function undecodable(status: number, raw: string): RpcOutcome {
  return workerError(
    `unable to decode worker response body to WorkerErrorResponse: body${raw}`,
    status,
    '',
    '',
  );
}

function workerError(detail: string, status: number, errorType: string, workerDetail: string): RpcOutcome {
  return { kind: 'workerError', detail, status, errorType, workerDetail };
}
