import { ApiPaths } from '../../sdk/wire/paths.ts';
import { expectResponse } from '../checks.ts';
import type { ScenarioContext } from '../context.ts';

/**
 * The real server's 400 body for a workflow id it does not know.
 *
 * @example
 * expectResponse('get', reply, 400, notFound('wf-1'));
 */
export const notFound = (id: string) => ({
  detail: `workflow not found for ID: ${id}`,
  subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
});

/**
 * An error body with the catch-all sub-status.
 *
 * @example
 * expectResponse('start', reply, 400, uncategorized('invalid state id'));
 */
export const uncategorized = (detail: string) => ({ detail, subStatus: 'UNCATEGORIZED_SUB_STATUS' });

/**
 * Checks that a refused start created nothing: a get of the id answers not found.
 *
 * @example
 * await expectNotCreated(ctx, 'start without a type', id);
 */
export async function expectNotCreated(ctx: ScenarioContext, label: string, id: string): Promise<void> {
  expectResponse(
    `${label}: get afterwards (not created)`,
    await ctx.post(ApiPaths.get, { workflowId: id }),
    400,
    notFound(id),
  );
}
