import type { ObjectEncoder } from '../encoder.ts';
import { InvalidArgumentError } from '../errors.ts';
import { isLockingPolicy } from '../loading-policy.ts';
import type { Registry } from '../registry.ts';
import { searchAttributeValue, toWireSearchAttribute } from '../search-attribute-codec.ts';
import type {
  KeyValue,
  SearchAttribute,
  StateCompletionOutput,
  WorkflowResetRequest,
  WorkflowStartOptions,
} from '../wire/types.ts';
import type { AnyWorkflow } from '../workflow.ts';
import type { ResetPoint, RpcCallOptions, StateOutput, UnregisteredStartOptions } from './client-types.ts';
import type { WorkflowOptions } from './workflow-options.ts';

/**
 * The wire start options of a typed start: checked against the workflow's definition (search
 * attribute types, data attribute keys, states to wait for) and encoded.
 *
 * @example
 * const options = startOptionsOf(registry, wf, { initialDataAttributes: { form } }, encoder);
 */
export function startOptionsOf(
  registry: Registry,
  wf: AnyWorkflow,
  o: WorkflowOptions<unknown>,
  encoder: ObjectEncoder,
): UnregisteredStartOptions {
  const start = wf.startingStateId;
  const startOptions: WorkflowStartOptions = {};
  if (o.idReusePolicy) startOptions.idReusePolicy = o.idReusePolicy;
  if (o.workflowIDReusePolicy) startOptions.workflowIDReusePolicy = o.workflowIDReusePolicy;
  if (o.cronSchedule) startOptions.cronSchedule = o.cronSchedule;
  if (o.workflowStartDelaySeconds !== undefined)
    startOptions.workflowStartDelaySeconds = o.workflowStartDelaySeconds;
  if (o.workflowRetryPolicy) startOptions.retryPolicy = o.workflowRetryPolicy;
  if (o.workflowConfigOverride) startOptions.workflowConfigOverride = o.workflowConfigOverride;
  if (o.workflowAlreadyStartedOptions)
    startOptions.workflowAlreadyStartedOptions = o.workflowAlreadyStartedOptions;
  if (o.initialSearchAttributes) {
    startOptions.searchAttributes = wireSearchAttributes(wf, o.initialSearchAttributes);
  }
  if (o.initialDataAttributes) {
    startOptions.dataAttributes = encodeDataAttributes(wf, o.initialDataAttributes, encoder);
  }
  if (wf.persistenceOptions.enableCaching) startOptions.useMemoForDataAttributes = true;
  for (const id of o.waitForCompletionStateIds ?? []) registry.state(wf.workflowType, id);
  return {
    startStateOptions: start === undefined ? undefined : registry.stateOptions(wf.workflowType, start),
    waitForCompletionStateIds: o.waitForCompletionStateIds as string[] | undefined,
    waitForCompletionStateExecutionIds: o.waitForCompletionStateExecutionIds,
    workflowStartOptions: startOptions,
  };
}

/**
 * How the server should run a defined RPC: its timeout and loading policies, and the memo of a
 * caching workflow unless the RPC bypasses it or locks.
 *
 * @example
 * const options = rpcCallOptionsOf(wf, 'verify');
 */
export function rpcCallOptionsOf(wf: AnyWorkflow, rpcName: string): RpcCallOptions {
  const rpc = Object.hasOwn(wf.rpcs, rpcName) ? wf.rpcs[rpcName] : undefined;
  if (!rpc) {
    throw new InvalidArgumentError(`workflow ${wf.workflowType} has no RPC ${rpcName}`);
  }
  const spec = rpc.spec;
  const options: RpcCallOptions = {};
  if (spec.timeoutSeconds !== undefined) options.timeoutSeconds = spec.timeoutSeconds;
  if (spec.dataAttributesLoadingPolicy)
    options.dataAttributesLoadingPolicy = spec.dataAttributesLoadingPolicy;
  if (spec.searchAttributesLoadingPolicy)
    options.searchAttributesLoadingPolicy = spec.searchAttributesLoadingPolicy;
  if (
    wf.persistenceOptions.enableCaching &&
    !spec.bypassCachingForStrongConsistency &&
    !isLockingPolicy(spec.dataAttributesLoadingPolicy)
  ) {
    options.useMemoForDataAttributes = true;
  }
  return options;
}

/**
 * Typed data attribute values as wire key-values (each key checked against the definition).
 *
 * @example
 * encodeDataAttributes(wf, { status: 'waiting' }, encoder);
 */
export function encodeDataAttributes(
  wf: AnyWorkflow,
  values: Record<string, unknown>,
  encoder: ObjectEncoder,
): KeyValue[] {
  return Object.entries(values).map(([key, value]) => {
    wf.schema.requireDataAttribute(key);
    const encoded = encoder.encode(value);
    return encoded ? { key, value: encoded } : { key };
  });
}

/**
 * Wire key-values as decoded values by key.
 *
 * @example
 * decodeDataAttributes(response.objects ?? [], encoder); // { status: 'waiting' }
 */
export function decodeDataAttributes(objects: KeyValue[], encoder: ObjectEncoder): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const kv of objects) if (kv.key !== undefined) result[kv.key] = encoder.decode(kv.value);
  return result;
}

/**
 * A state completion output, decoded.
 *
 * @example
 * outputs.map((o) => decodeOutput(o, encoder));
 */
export function decodeOutput(o: StateCompletionOutput, encoder: ObjectEncoder): StateOutput {
  return {
    completedStateId: o.completedStateId,
    completedStateExecutionId: o.completedStateExecutionId,
    output: encoder.decode(o.completedStateOutput),
  };
}

/**
 * The reset type and point of a reset target.
 *
 * @example
 * resetPointOf({ stateId: 'VerifyState' }); // { resetType: 'STATE_ID', stateId: 'VerifyState' }
 */
export function resetPointOf(
  to: ResetPoint,
): Pick<WorkflowResetRequest, 'resetType' | 'stateId' | 'stateExecutionId'> {
  if ('beginning' in to) return { resetType: 'BEGINNING' };
  if ('stateId' in to) return { resetType: 'STATE_ID', stateId: to.stateId };
  return { resetType: 'STATE_EXECUTION_ID', stateExecutionId: to.stateExecutionId };
}

/**
 * Typed search attribute values as wire search attributes, typed by the workflow's definition.
 *
 * @example
 * wireSearchAttributes(wf, { CustomIntField: 3 });
 */
export function wireSearchAttributes(wf: AnyWorkflow, values: Record<string, unknown>): SearchAttribute[] {
  return Object.entries(values).map(([key, value]) =>
    toWireSearchAttribute(key, wf.schema.searchAttributeType(key), value),
  );
}

/**
 * Wire search attributes as values by key.
 *
 * @example
 * searchAttributeValues([{ key: 'CustomIntField', valueType: 'INT', integerValue: 3 }]); // { CustomIntField: 3 }
 */
export function searchAttributeValues(attributes: readonly SearchAttribute[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const sa of attributes) if (sa.key !== undefined) result[sa.key] = searchAttributeValue(sa);
  return result;
}
