import type { ErrorResponse, ErrorSubStatus } from '../../sdk/wire/types.ts';
import type { ApiReply } from '../contracts.ts';
import type { Engine } from '../engine/engine.ts';

/**
 * The bodies and statuses the real iWF server answers with (docs/semantics/wire.md#errors-1, #errors-2; docs/semantics/faults.md#table-a).
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
  /**
   * No workflow with this id, or no run with this run id (measured on every endpoint that takes a
   * run id): Temporal's own texts, and its 500 for a run id that is not a UUID in a form Go's
   * `uuid.Parse` accepts.
   */
  workflowNotFound(workflowId: string, runId?: string | null): ApiReply {
    if (!runId)
      return Replies.error(400, `workflow not found for ID: ${workflowId}`, 'WORKFLOW_NOT_EXISTS_SUB_STATUS');
    if (!UUID_FORMS.test(runId)) return Replies.internal('Invalid RunId.');
    return Replies.error(
      400,
      `workflow execution not found for workflow ID "${workflowId}" and run ID "${runId}"`,
      'WORKFLOW_NOT_EXISTS_SUB_STATUS',
    );
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

/**
 * The real server's answer where a bug of its own answers (a nil-pointer panic turned into a 500):
 * the same reply, and a log line naming the cause so a reader of the simulator's log knows what to
 * fix in the request.
 *
 * @example
 * return serverBug(engine, 'searchattributes/get: keys[0] has no "key"');
 */
export function serverBug(engine: Engine, cause: string): ApiReply {
  engine.runtime.log(
    `${cause}: the real iWF server dereferences a nil pointer here and answers 500 "${NIL_POINTER}"; the simulator answers the same`,
  );
  return Replies.internal(NIL_POINTER);
}

/** Go's text for a nil-pointer panic, as the real server answers it. */
export const NIL_POINTER = 'runtime error: invalid memory address or nil pointer dereference';

/**
 * Whether a run id has a form Go's `uuid.Parse` accepts (else Temporal answers 500 `Invalid RunId.`).
 *
 * @example
 * isRunIdForm('not-a-uuid'); // false
 */
export function isRunIdForm(runId: string): boolean {
  return UUID_FORMS.test(runId);
}

// The forms Go's uuid.Parse accepts: canonical, urn:uuid:, braces, 32 hex digits (any case).
const UUID_FORMS =
  /^(?:(?:urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|[0-9a-f]{32})$/i;
