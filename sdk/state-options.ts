import { WorkflowDefinitionError } from './errors.ts';
import type { PersistenceLoadingPolicy, RetryPolicy, WorkflowStateOptions } from './wire/types.ts';

/**
 * Options of a state, as users write them. Failure recovery names the target state by id, and the
 * SDK fills in the wire options (`skipWaitUntil`, the proceed state's own options) for the server.
 *
 * @example
 * const options: StateOptions = {
 *   executeApiRetryPolicy: { maximumAttempts: 3 },
 *   proceedToStateWhenExecuteRetryExhausted: 'CompensateState',
 * };
 */
export interface StateOptions<StateId extends string = string> {
  waitUntilApiTimeoutSeconds?: number;
  executeApiTimeoutSeconds?: number;
  waitUntilApiRetryPolicy?: RetryPolicy;
  executeApiRetryPolicy?: RetryPolicy;
  /** When waitUntil's retries run out, go on to execute (with `waitUntilApiSucceeded: false`) instead of failing. */
  proceedToExecuteWhenWaitUntilRetryExhausted?: boolean;
  /** When execute's retries run out, start this state (with the same input) instead of failing. */
  proceedToStateWhenExecuteRetryExhausted?: StateId;
  /** Options for that proceed state; by default its own options. */
  proceedToStateOptionsOverride?: StateOptions<StateId>;
  dataAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  waitUntilApiDataAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  executeApiDataAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  searchAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  waitUntilApiSearchAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  executeApiSearchAttributesLoadingPolicy?: PersistenceLoadingPolicy;
}

/** Looks up how a state is sent on the wire: its options and whether it skips waitUntil. */
export interface StateWireInfo {
  skipWaitUntil: boolean;
  options: StateOptions | undefined;
}

/**
 * Builds the wire `WorkflowStateOptions` for a state, resolving the proceed state through `lookup`.
 *
 * @example
 * toWireStateOptions('VerifyState', { skipWaitUntil: false, options: undefined }, lookup); // {}
 */
export function toWireStateOptions(
  stateId: string,
  info: StateWireInfo,
  lookup: (stateId: string) => StateWireInfo,
  depth = 0,
): WorkflowStateOptions {
  const o = info.options ?? {};
  const wire: WorkflowStateOptions = {};
  if (info.skipWaitUntil) wire.skipWaitUntil = true;
  if (o.waitUntilApiTimeoutSeconds !== undefined)
    wire.waitUntilApiTimeoutSeconds = o.waitUntilApiTimeoutSeconds;
  if (o.executeApiTimeoutSeconds !== undefined) wire.executeApiTimeoutSeconds = o.executeApiTimeoutSeconds;
  if (o.waitUntilApiRetryPolicy) wire.waitUntilApiRetryPolicy = o.waitUntilApiRetryPolicy;
  if (o.executeApiRetryPolicy) wire.executeApiRetryPolicy = o.executeApiRetryPolicy;
  if (o.dataAttributesLoadingPolicy) wire.dataAttributesLoadingPolicy = o.dataAttributesLoadingPolicy;
  if (o.waitUntilApiDataAttributesLoadingPolicy)
    wire.waitUntilApiDataAttributesLoadingPolicy = o.waitUntilApiDataAttributesLoadingPolicy;
  if (o.executeApiDataAttributesLoadingPolicy)
    wire.executeApiDataAttributesLoadingPolicy = o.executeApiDataAttributesLoadingPolicy;
  if (o.searchAttributesLoadingPolicy) wire.searchAttributesLoadingPolicy = o.searchAttributesLoadingPolicy;
  if (o.waitUntilApiSearchAttributesLoadingPolicy)
    wire.waitUntilApiSearchAttributesLoadingPolicy = o.waitUntilApiSearchAttributesLoadingPolicy;
  if (o.executeApiSearchAttributesLoadingPolicy)
    wire.executeApiSearchAttributesLoadingPolicy = o.executeApiSearchAttributesLoadingPolicy;
  if (o.proceedToExecuteWhenWaitUntilRetryExhausted !== undefined) {
    wire.waitUntilApiFailurePolicy = o.proceedToExecuteWhenWaitUntilRetryExhausted
      ? 'PROCEED_ON_FAILURE'
      : 'FAIL_WORKFLOW_ON_FAILURE';
  }
  if (o.proceedToStateWhenExecuteRetryExhausted !== undefined) {
    if (depth > 0) {
      throw new WorkflowDefinitionError(
        `state ${stateId} is a failure-proceed state and has a failure-proceed state of its own; ` +
          'iWF does not support nesting them: remove proceedToStateWhenExecuteRetryExhausted from one of them',
      );
    }
    const target = o.proceedToStateWhenExecuteRetryExhausted;
    const targetInfo = lookup(target);
    wire.executeApiFailurePolicy = 'PROCEED_TO_CONFIGURED_STATE';
    wire.executeApiFailureProceedStateId = target;
    wire.executeApiFailureProceedStateOptions = toWireStateOptions(
      target,
      o.proceedToStateOptionsOverride
        ? { ...targetInfo, options: o.proceedToStateOptionsOverride }
        : targetInfo,
      lookup,
      depth + 1,
    );
  }
  return wire;
}

/**
 * Checks what the official SDKs check: a failure-proceed policy needs a retry policy that ends.
 *
 * @example
 * validateStateOptions('W', 'S', { proceedToExecuteWhenWaitUntilRetryExhausted: true }); // throws
 */
export function validateStateOptions(
  workflowType: string,
  stateId: string,
  o: StateOptions | undefined,
): void {
  if (!o) return;
  const ends = (p: RetryPolicy | undefined) =>
    !!p && ((p.maximumAttempts ?? 0) > 0 || (p.maximumAttemptsDurationSeconds ?? 0) > 0);
  if (o.proceedToExecuteWhenWaitUntilRetryExhausted && !ends(o.waitUntilApiRetryPolicy)) {
    throw new WorkflowDefinitionError(
      `state ${stateId} of workflow ${workflowType} proceeds to execute when waitUntil retries are exhausted, ` +
        'but its waitUntilApiRetryPolicy never ends: set maximumAttempts or maximumAttemptsDurationSeconds',
    );
  }
  if (o.proceedToStateWhenExecuteRetryExhausted !== undefined && !ends(o.executeApiRetryPolicy)) {
    throw new WorkflowDefinitionError(
      `state ${stateId} of workflow ${workflowType} proceeds to ${o.proceedToStateWhenExecuteRetryExhausted} when ` +
        'execute retries are exhausted, but its executeApiRetryPolicy never ends: set maximumAttempts or ' +
        'maximumAttemptsDurationSeconds',
    );
  }
}
