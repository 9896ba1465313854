import { expectEqual } from '../checks.ts';
import type { ScenarioContext } from '../context.ts';
import { enc, gracefulComplete, waitSignal } from '../kit/index.ts';

/**
 * A workflow whose S1 waits for signal `go`, then completes with output `done`.
 *
 * @example
 * const { id, runId } = await startWaiting(ctx, 'stop');
 */
export async function startWaiting(
  ctx: ScenarioContext,
  suffix: string,
  extra: Record<string, unknown> = {},
) {
  const id = ctx.id(suffix);
  const runId = await ctx.start(
    id,
    { startStateId: 'S1', ...extra },
    { states: { S1: { waitUntil: () => waitSignal('go'), execute: () => gracefulComplete(enc('done')) } } },
  );
  return { id, runId };
}

/**
 * A workflow that completes at once with output `done`.
 *
 * @example
 * const runId = await startCompleting(ctx, ctx.id('done'));
 */
export async function startCompleting(ctx: ScenarioContext, id: string, extra: Record<string, unknown> = {}) {
  const runId = await ctx.start(
    id,
    { startStateId: 'S1', ...extra },
    {
      states: { S1: { execute: () => gracefulComplete(enc('done')) } },
    },
  );
  expectEqual(`status of ${id}`, (await ctx.result(id)).workflowStatus, 'COMPLETED');
  return runId;
}
