import type { ErrorResponse, ErrorSubStatus } from '../../sdk/wire/types.ts';
import type { ApiReply } from '../contracts.ts';

/**
 * The bodies and statuses the real iWF server answers with (semantics §1.1, §6; faults doc A).
 *
 * @example
 * return Replies.workflowNotFound('order-1');
 */
export const Replies = {
  ok(body: unknown = {}): ApiReply {
    return { status: 200, body };
  },
  error(
    status: number,
    detail: string,
    subStatus?: ErrorSubStatus,
    extra?: Partial<ErrorResponse>,
  ): ApiReply {
    const body: ErrorResponse = { detail };
    if (subStatus) body.subStatus = subStatus;
    return { status, body: extra ? { ...body, ...extra } : body };
  },
  invalidSchema(): ApiReply {
    return { status: 400, body: { detail: 'invalid request schema' } };
  },
  workflowIdNotSet(): ApiReply {
    return Replies.error(400, 'WorkflowId is not set on request.', 'WORKFLOW_NOT_EXISTS_SUB_STATUS');
  },
  workflowNotFound(workflowId: string): ApiReply {
    return Replies.error(400, `workflow not found for ID: ${workflowId}`, 'WORKFLOW_NOT_EXISTS_SUB_STATUS');
  },
  alreadyCompleted(): ApiReply {
    return Replies.error(400, 'workflow execution already completed', 'WORKFLOW_NOT_EXISTS_SUB_STATUS');
  },
  longPollTimeout(
    detail = 'workflow is still running, waiting has exceeded timeout limit, please retry',
  ): ApiReply {
    return Replies.error(420, detail, 'LONG_POLL_TIME_OUT_SUB_STATUS');
  },
  internal(detail: string): ApiReply {
    return Replies.error(500, detail, 'UNCATEGORIZED_SUB_STATUS');
  },
  pageNotFound(method: string): ApiReply {
    // HEAD gets the status without a body, as gin answers it.
    return { status: 404, body: method === 'HEAD' ? '' : '404 page not found', contentType: 'text/plain' };
  },
};
