import type { PersistenceLoadingPolicy } from './wire/types.ts';

/**
 * Builders for persistence loading policies (which attributes a state or RPC loads, and which it locks).
 *
 * @example
 * LoadingPolicy.partialWithExclusiveLock(['form', 'status']); // loads and locks form and status
 */
export const LoadingPolicy = {
  /** Load every attribute, lock nothing (the server's default). */
  all(): PersistenceLoadingPolicy {
    return { persistenceLoadingType: 'LOAD_ALL_WITHOUT_LOCKING' };
  },
  /** Load nothing. */
  none(): PersistenceLoadingPolicy {
    return { persistenceLoadingType: 'LOAD_NONE' };
  },
  /** Load only these keys, lock nothing. */
  partial<K extends string>(keys: readonly K[]): PersistenceLoadingPolicy {
    return { persistenceLoadingType: 'LOAD_PARTIAL_WITHOUT_LOCKING', partialLoadingKeys: [...keys] };
  },
  /** Load the locking keys (plus `partialKeys`) and hold an exclusive lock on the locking keys. */
  partialWithExclusiveLock<K extends string>(
    lockingKeys: readonly K[],
    partialKeys: readonly K[] = [],
  ): PersistenceLoadingPolicy {
    const policy: PersistenceLoadingPolicy = {
      persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
      lockingKeys: [...lockingKeys],
    };
    if (partialKeys.length > 0) policy.partialLoadingKeys = [...partialKeys];
    return policy;
  },
  /** Load everything and hold an exclusive lock on `lockingKeys`. */
  allWithPartialLock<K extends string>(lockingKeys: readonly K[]): PersistenceLoadingPolicy {
    return { persistenceLoadingType: 'LOAD_ALL_WITH_PARTIAL_LOCK', lockingKeys: [...lockingKeys] };
  },
};

/** True when the server runs an RPC with this policy under locks (as a Temporal update). */
export function isLockingPolicy(policy: PersistenceLoadingPolicy | undefined): boolean {
  const t = policy?.persistenceLoadingType;
  return t === 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK' || t === 'LOAD_ALL_WITH_PARTIAL_LOCK';
}
