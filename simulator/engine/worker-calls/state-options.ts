import type { PersistenceLoadingPolicy, RetryPolicy, WorkflowStateOptions } from '../../../sdk/wire/types.ts';

/** Default timeout of a state API call when none (or ≤ 0) is configured (docs/semantics/worker-failures.md#failures-1). */
export const DEFAULT_STATE_API_TIMEOUT_SECONDS = 30;

/**
 * State options with the legacy names folded in (docs/semantics/execution.md#options-1: the first present field wins).
 *
 * @example
 * const options = resolveStateOptions(movement.stateOptions);
 * if (options.skipWaitUntil) { ... }
 */
export interface ResolvedStateOptions {
  readonly skipWaitUntil: boolean;
  readonly waitUntilTimeoutMs: number;
  readonly executeTimeoutMs: number;
  readonly waitUntilRetry: RetryPolicy | undefined;
  readonly executeRetry: RetryPolicy | undefined;
  readonly proceedOnWaitUntilFailure: boolean;
  readonly executeFailureProceedStateId: string | undefined;
  readonly executeFailureProceedStateOptions: WorkflowStateOptions | undefined;
  readonly waitUntilDataPolicy: PersistenceLoadingPolicy | undefined;
  readonly executeDataPolicy: PersistenceLoadingPolicy | undefined;
  readonly waitUntilSearchPolicy: PersistenceLoadingPolicy | undefined;
  readonly executeSearchPolicy: PersistenceLoadingPolicy | undefined;
  /** True when waitUntil or execute locks any key (the thread may wait for locks, docs/semantics/persistence.md#locks-1). */
  readonly locksKeys: boolean;
}

const EMPTY: WorkflowStateOptions = {};

/**
 * Resolves the effective options of one state execution.
 *
 * @example
 * resolveStateOptions({ startApiTimeoutSeconds: 5, waitUntilApiTimeoutSeconds: 9 }).waitUntilTimeoutMs; // 5000
 */
export function resolveStateOptions(options: WorkflowStateOptions | undefined | null): ResolvedStateOptions {
  const o = options ?? EMPTY;
  // Called several times per state execution, with options objects that threads share: resolve once.
  const cached = RESOLVED.get(o);
  if (cached) return cached;
  const resolved = resolve(o);
  RESOLVED.set(o, resolved);
  return resolved;
}

// Options objects are never mutated after a worker sent them, so a resolution stays valid.
const RESOLVED = new WeakMap<WorkflowStateOptions, ResolvedStateOptions>();

function resolve(o: WorkflowStateOptions): ResolvedStateOptions {
  const proceedId =
    o.executeApiFailurePolicy === 'PROCEED_TO_CONFIGURED_STATE'
      ? o.executeApiFailureProceedStateId
      : undefined;
  const resolved = {
    skipWaitUntil: (o.skipStartApi ?? o.skipWaitUntil) === true,
    waitUntilTimeoutMs: timeoutMs(o.startApiTimeoutSeconds ?? o.waitUntilApiTimeoutSeconds),
    executeTimeoutMs: timeoutMs(o.decideApiTimeoutSeconds ?? o.executeApiTimeoutSeconds),
    waitUntilRetry: o.startApiRetryPolicy ?? o.waitUntilApiRetryPolicy ?? undefined,
    executeRetry: o.decideApiRetryPolicy ?? o.executeApiRetryPolicy ?? undefined,
    proceedOnWaitUntilFailure:
      o.startApiFailurePolicy != null
        ? o.startApiFailurePolicy === 'PROCEED_TO_DECIDE_ON_START_API_FAILURE'
        : o.waitUntilApiFailurePolicy === 'PROCEED_ON_FAILURE',
    executeFailureProceedStateId: proceedId ? proceedId : undefined,
    executeFailureProceedStateOptions: o.executeApiFailureProceedStateOptions ?? undefined,
    waitUntilDataPolicy:
      o.waitUntilApiDataAttributesLoadingPolicy ??
      o.dataAttributesLoadingPolicy ??
      o.dataObjectsLoadingPolicy ??
      undefined,
    executeDataPolicy:
      o.executeApiDataAttributesLoadingPolicy ??
      o.dataAttributesLoadingPolicy ??
      o.dataObjectsLoadingPolicy ??
      undefined,
    waitUntilSearchPolicy:
      o.waitUntilApiSearchAttributesLoadingPolicy ?? o.searchAttributesLoadingPolicy ?? undefined,
    executeSearchPolicy:
      o.executeApiSearchAttributesLoadingPolicy ?? o.searchAttributesLoadingPolicy ?? undefined,
  };
  return {
    ...resolved,
    locksKeys:
      locksAny(resolved.waitUntilDataPolicy) ||
      locksAny(resolved.executeDataPolicy) ||
      locksAny(resolved.waitUntilSearchPolicy) ||
      locksAny(resolved.executeSearchPolicy),
  };
}

function locksAny(policy: PersistenceLoadingPolicy | undefined): boolean {
  const type = policy?.persistenceLoadingType;
  return (
    (type === 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK' || type === 'LOAD_ALL_WITH_PARTIAL_LOCK') &&
    (policy?.lockingKeys?.length ?? 0) > 0
  );
}

function timeoutMs(seconds: number | undefined | null): number {
  // ≤ 0 keeps the default, as the real server does (docs/semantics/faults.md#b26).
  return (seconds != null && seconds > 0 ? seconds : DEFAULT_STATE_API_TIMEOUT_SECONDS) * 1000;
}
