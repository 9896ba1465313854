import type { WorkerErrorResponse } from '../wire/types.ts';

/**
 * A failure the worker reports with a chosen HTTP status (e.g. 400 for an unknown workflow type).
 *
 * @example
 * throw new WorkerRequestError(400, 'RpcNotFound', 'unknown rpc "foo" of workflow Bar');
 */
export class WorkerRequestError extends Error {
  override name = 'WorkerRequestError';
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The body of a failed worker call: JSON `WorkerErrorResponse`, whose `detail` starts like the Python
 * SDK's (`WorkerExecutionError: <message>`) so errorMessage assertions written for it hold.
 *
 * @example
 * toWorkerErrorResponse(new Error('boom')); // { detail: 'WorkerExecutionError: boom\n...', errorType: 'Error' }
 */
export function toWorkerErrorResponse(error: unknown): { status: number; body: WorkerErrorResponse } {
  if (error instanceof WorkerRequestError) {
    return { status: error.status, body: { detail: error.message, errorType: error.errorType } };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  const stack = (e.stack ?? '').split('\n').slice(1, 8).join('\n');
  // The server keeps at most 500 characters of a body; the message must come first.
  return { status: 500, body: { detail: `WorkerExecutionError: ${e.message}\n${stack}`, errorType: e.name } };
}
