import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { ScenarioContext } from '../context.ts';
import type { WorkflowScript } from '../kit/index.ts';

/**
 * `{detail, originalWorker*, subStatus: WORKER_API_ERROR}` as the real server writes it.
 *
 * @example
 * expectResponse('rpc', reply, 502, workerApiError(detail, 500, 'BoomError', 'boom'));
 */
export function workerApiError(detail: string, status: number, type: string, workerDetail: string) {
  return {
    detail,
    originalWorkerErrorDetail: workerDetail,
    originalWorkerErrorStatus: status,
    originalWorkerErrorType: type,
    subStatus: 'WORKER_API_ERROR',
  };
}

/**
 * A running workflow without states whose worker answers RPCs with `rpc`.
 *
 * @example
 * const { id } = await idle(ctx, 'rpc', () => new Answer({ body: {} }));
 */
export async function idle(
  ctx: ScenarioContext,
  suffix: string,
  rpc: WorkflowScript['rpc'],
  extra: WorkflowScript = {},
) {
  const id = ctx.id(suffix);
  const runId = await ctx.start(id, {}, { ...extra, ...(rpc ? { rpc } : {}) });
  return { id, runId };
}

/**
 * Posts an RPC named `r` (5 s timeout) to a workflow; `extra` adds or overrides request fields.
 *
 * @example
 * const reply = await rpc(ctx, id, { input: enc('x') });
 */
export const rpc = (ctx: ScenarioContext, workflowId: string, extra: Record<string, unknown> = {}) =>
  ctx.post(ApiPaths.rpc, { workflowId, rpcName: 'r', timeoutSeconds: 5, ...extra });
