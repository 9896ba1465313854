import type { WorkflowRpcRequest } from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import type { Engine } from '../../engine/engine.ts';
import { invokeRpc } from '../../engine/rpcs/invoke-rpc.ts';
import {
  LOCK_REFUSED_DETAIL,
  type RpcOutcome,
  UPDATE_ABORTED_BY_CLOSE,
} from '../../engine/rpcs/rpc-outcome.ts';
import { Replies } from '../replies.ts';

/**
 * `POST /api/v1/workflow/rpc` (docs/semantics/rpc.md#rpc-4, #rpc-7): the engine runs the RPC
 * (`invokeRpc`), this answers as the server.
 *
 * @example
 * await handleRpc(engine, { workflowId: 'wf', rpcName: 'describe' });
 */
export async function handleRpc(engine: Engine, request: WorkflowRpcRequest): Promise<ApiReply> {
  return replyOf(request, await invokeRpc(engine, request));
}

function replyOf(request: WorkflowRpcRequest, outcome: RpcOutcome): ApiReply {
  switch (outcome.kind) {
    case 'answered':
      return Replies.ok(outcome.output != null ? { output: outcome.output } : {});
    case 'workerError':
      return Replies.error(420, outcome.detail, 'WORKER_API_ERROR', {
        originalWorkerErrorDetail: outcome.workerDetail,
        originalWorkerErrorStatus: outcome.status,
        originalWorkerErrorType: outcome.errorType,
      });
    case 'lockRefused':
      return Replies.error(450, LOCK_REFUSED_DETAIL, 'WORKER_API_ERROR');
    case 'notFound':
      return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
    case 'alreadyCompleted':
      return Replies.alreadyCompleted();
    case 'abortedByClose':
      return Replies.error(400, UPDATE_ABORTED_BY_CLOSE, 'WORKFLOW_NOT_EXISTS_SUB_STATUS');
    case 'internal':
      return Replies.internal(outcome.detail);
  }
}
