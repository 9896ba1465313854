import type { WorkflowStateOptions } from '../../sdk/wire/types.ts';
import { expectEqual, expectFields, expectMatch } from '../checks.ts';
import type { ScenarioContext } from '../context.ts';
import { enc, type StateScript } from '../kit/index.ts';

/**
 * State options that allow one attempt: a failure fails the state at once.
 *
 * @example
 * await runS1(ctx, 'x', { waitUntilApiRetryPolicy: once }, { waitUntil: () => boom() });
 */
export const once = { maximumAttempts: 1 };

/**
 * Starts S1 with options and a script; returns the getWithWait body and the id.
 *
 * @example
 * const { result } = await runS1(ctx, 'timeout', { waitUntilApiTimeoutSeconds: 1 }, script);
 */
export async function runS1(
  ctx: ScenarioContext,
  suffix: string,
  stateOptions: WorkflowStateOptions,
  s1: StateScript,
  extra: Record<string, StateScript> = {},
  timeout = 30,
) {
  const id = ctx.id(suffix);
  await ctx.start(
    id,
    { startStateId: 'S1', stateInput: enc('input'), stateOptions, workflowTimeoutSeconds: timeout },
    { states: { S1: s1, ...extra } },
  );
  return { id, result: await ctx.result(id, 15) };
}

/**
 * Checks `{errorType: STATE_API_FAIL_ERROR_TYPE, errorMessage, workflowStatus: FAILED}`.
 *
 * @example
 * expectStateApiFailure('timeout', result, /activity StartToClose timeout/);
 */
export function expectStateApiFailure(
  label: string,
  result: { workflowStatus: string; errorType?: string; errorMessage?: string },
  message: string | RegExp,
) {
  expectFields(`${label}: result`, result, {
    workflowStatus: 'FAILED',
    errorType: 'STATE_API_FAIL_ERROR_TYPE',
  });
  if (typeof message === 'string') expectEqual(`${label}: errorMessage`, result.errorMessage, message);
  else expectMatch(`${label}: errorMessage`, result.errorMessage, message);
}
