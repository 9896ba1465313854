import type {
  ErrorResponse,
  StateCompletionOutput,
  WorkflowErrorType,
  WorkflowGetResponse,
  WorkflowStatus,
} from '../wire/types.ts';

/**
 * An error answer of the iWF server, with its HTTP status and body.
 *
 * @example
 * try { await client.getWorkflow('x'); } catch (e) { if (e instanceof IwfHttpError) console.log(e.status, e.subStatus); }
 */
export class IwfHttpError extends Error {
  override name = 'IwfHttpError';
  constructor(
    readonly status: number,
    readonly errorResponse: ErrorResponse,
    readonly path: string,
  ) {
    super(
      `${path} answered ${status}${errorResponse.subStatus ? ` ${errorResponse.subStatus}` : ''}: ${errorResponse.detail ?? ''}`,
    );
  }
  get subStatus(): ErrorResponse['subStatus'] {
    return this.errorResponse.subStatus;
  }
  get detail(): string {
    return this.errorResponse.detail ?? '';
  }
}

/** A 4xx answer. @example if (e instanceof ClientSideError) retryLater(); */
export class ClientSideError extends IwfHttpError {
  override name = 'ClientSideError';
}
/** A 5xx answer. @example if (e instanceof ServerSideError) alertOps(); */
export class ServerSideError extends IwfHttpError {
  override name = 'ServerSideError';
}
/** The workflow id is in use (400 WORKFLOW_ALREADY_STARTED_SUB_STATUS). @example catch (e) { if (e instanceof WorkflowAlreadyStartedError) ... } */
export class WorkflowAlreadyStartedError extends ClientSideError {
  override name = 'WorkflowAlreadyStartedError';
}
/** No such workflow, or it is closed for this operation (400 WORKFLOW_NOT_EXISTS_SUB_STATUS). @example if (e instanceof WorkflowNotExistsError) ... */
export class WorkflowNotExistsError extends ClientSideError {
  override name = 'WorkflowNotExistsError';
}
/** A long poll ended while the workflow still runs (420 LONG_POLL_TIME_OUT_SUB_STATUS); call again. @example if (e instanceof LongPollTimeoutError) poll(); */
export class LongPollTimeoutError extends ClientSideError {
  override name = 'LongPollTimeoutError';
}
/** The Python SDK's name for {@link LongPollTimeoutError}. @example if (e instanceof WorkflowStillRunningError) ... */
export const WorkflowStillRunningError = LongPollTimeoutError;

/** The worker's RPC failed (420 WORKER_API_ERROR); the worker's own status, type and detail are kept. @example e.originalWorkerErrorType */
export class RpcExecutionError extends ClientSideError {
  override name = 'RpcExecutionError';
  get originalWorkerErrorStatus(): number | undefined {
    return this.errorResponse.originalWorkerErrorStatus;
  }
  get originalWorkerErrorType(): string | undefined {
    return this.errorResponse.originalWorkerErrorType;
  }
  get originalWorkerErrorDetail(): string | undefined {
    return this.errorResponse.originalWorkerErrorDetail;
  }
}
/** A locking RPC found its keys held (450); retry it. @example if (e instanceof RpcLockFailureError) retry(); */
export class RpcLockFailureError extends ClientSideError {
  override name = 'RpcLockFailureError';
}

/**
 * Turns an error answer into the most specific error class.
 *
 * @example
 * throw toHttpError(400, { subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS' }, '/api/v1/workflow/get');
 */
export function toHttpError(status: number, body: unknown, path: string): IwfHttpError {
  const response: ErrorResponse =
    body && typeof body === 'object'
      ? (body as ErrorResponse)
      : { detail: typeof body === 'string' ? body : '' };
  if (status >= 500) return new ServerSideError(status, response, path);
  if (status === 450) return new RpcLockFailureError(status, response, path);
  switch (response.subStatus) {
    case 'WORKFLOW_ALREADY_STARTED_SUB_STATUS':
      return new WorkflowAlreadyStartedError(status, response, path);
    case 'WORKFLOW_NOT_EXISTS_SUB_STATUS':
      return new WorkflowNotExistsError(status, response, path);
    case 'LONG_POLL_TIME_OUT_SUB_STATUS':
      return new LongPollTimeoutError(status, response, path);
    case 'WORKER_API_ERROR':
      return new RpcExecutionError(status, response, path);
    default:
      return new ClientSideError(status, response, path);
  }
}

/**
 * The workflow closed without completing: failed, timed out, was terminated or canceled.
 *
 * @example
 * catch (e) { if (e instanceof WorkflowUncompletedError) console.log(e.workflowStatus, e.errorType, e.errorMessage); }
 */
export class WorkflowUncompletedError extends Error {
  override name = 'WorkflowUncompletedError';
  constructor(
    readonly workflowId: string,
    readonly runId: string,
    readonly workflowStatus: WorkflowStatus,
    readonly errorType: WorkflowErrorType | undefined,
    readonly errorMessage: string | undefined,
    readonly results: StateCompletionOutput[],
  ) {
    super(
      `workflow ${workflowId} ended ${workflowStatus}${errorType ? ` (${errorType})` : ''}${errorMessage ? `: ${errorMessage}` : ''}`,
    );
  }
}
/** Status FAILED. @example if (e instanceof WorkflowFailedError) ... */
export class WorkflowFailedError extends WorkflowUncompletedError {
  override name = 'WorkflowFailedError';
}
/** Status TIMEOUT. @example if (e instanceof WorkflowTimeoutError) ... */
export class WorkflowTimeoutError extends WorkflowUncompletedError {
  override name = 'WorkflowTimeoutError';
}
/** Status TERMINATED. @example if (e instanceof WorkflowTerminatedError) ... */
export class WorkflowTerminatedError extends WorkflowUncompletedError {
  override name = 'WorkflowTerminatedError';
}
/** Status CANCELED. @example if (e instanceof WorkflowCanceledError) ... */
export class WorkflowCanceledError extends WorkflowUncompletedError {
  override name = 'WorkflowCanceledError';
}

/**
 * The error for a closed, not completed workflow, by status.
 *
 * @example
 * throw uncompletedError('a', runId, 'TIMEOUT', undefined, undefined, []);
 */
export function uncompletedError(
  workflowId: string,
  runId: string,
  status: WorkflowStatus,
  errorType: WorkflowErrorType | undefined,
  errorMessage: string | undefined,
  results: StateCompletionOutput[],
): WorkflowUncompletedError {
  const Class =
    status === 'FAILED'
      ? WorkflowFailedError
      : status === 'TIMEOUT'
        ? WorkflowTimeoutError
        : status === 'TERMINATED'
          ? WorkflowTerminatedError
          : status === 'CANCELED'
            ? WorkflowCanceledError
            : WorkflowUncompletedError;
  return new Class(workflowId, runId, status, errorType, errorMessage, results);
}

/**
 * The outputs of a completed workflow, or the error for how it closed.
 *
 * @example
 * const outputs = outputsOrThrow('alice', await client.getWorkflowWithWait('alice'));
 */
export function outputsOrThrow(workflowId: string, response: WorkflowGetResponse): StateCompletionOutput[] {
  if (response.workflowStatus === 'COMPLETED') return response.results ?? [];
  throw uncompletedError(
    workflowId,
    response.workflowRunId,
    response.workflowStatus,
    response.errorType,
    response.errorMessage,
    response.results ?? [],
  );
}
