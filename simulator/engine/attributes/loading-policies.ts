/**
 * Loading policies (docs/semantics/persistence.md#loading-3): which attributes a state API call or an
 * RPC is sent, always sorted by key.
 */
import type { PersistenceLoadingPolicy } from '../../../sdk/wire/types.ts';

/**
 * A map with its keys in sorted order.
 *
 * @example
 * const sorted: SortedMap<KeyValue> = { map, sortedKeys: [...map.keys()].sort(compareKeys) };
 */
export interface SortedMap<T> {
  readonly map: ReadonlyMap<string, T>;
  readonly sortedKeys: readonly string[];
}

/**
 * The attributes a loading policy loads, sorted by key; undefined when none (the field is left out),
 * `[]` for LOAD_NONE. `all` is the shared list of every attribute.
 *
 * @example
 * loadByPolicy(sorted, all, { persistenceLoadingType: 'LOAD_PARTIAL_WITHOUT_LOCKING', partialLoadingKeys: ['a'] }, true);
 */
export function loadByPolicy<T extends { key?: string }>(
  sorted: SortedMap<T>,
  all: readonly T[],
  policy: PersistenceLoadingPolicy | undefined,
  emptyPartialMeansAll: boolean,
): readonly T[] | undefined {
  const type = policy?.persistenceLoadingType;
  let result: readonly T[];
  switch (type) {
    case 'LOAD_NONE':
      return [];
    case 'LOAD_PARTIAL_WITHOUT_LOCKING': {
      const keys = policy?.partialLoadingKeys;
      // Quirk of the real server: for DAs an empty key list means "all" (docs/semantics/persistence.md#loading-3).
      if (!keys || keys.length === 0) result = emptyPartialMeansAll ? all : [];
      else result = sortedValues(sorted, keys);
      break;
    }
    case 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK': {
      const keys = [...(policy?.partialLoadingKeys ?? []), ...(policy?.lockingKeys ?? [])];
      result = keys.length === 0 && emptyPartialMeansAll ? all : sortedValues(sorted, keys);
      break;
    }
    default:
      result = all;
  }
  return result.length === 0 ? undefined : result;
}

/**
 * What `loadByPolicy` answers for an empty map: LOAD_NONE's empty list, else nothing (an empty load is left out).
 *
 * @example
 * emptyLoad({ persistenceLoadingType: 'LOAD_NONE' }); // []
 */
export function emptyLoad(policy: PersistenceLoadingPolicy | undefined): [] | undefined {
  return policy?.persistenceLoadingType === 'LOAD_NONE' ? [] : undefined;
}

/**
 * The values of the given keys (all when undefined), in key order.
 *
 * @example
 * sortedValues(sorted, ['b', 'a']); // [valueOfA, valueOfB]
 */
export function sortedValues<T>(sorted: SortedMap<T>, keys: readonly string[] | undefined): T[] {
  const { map, sortedKeys } = sorted;
  if (map.size === 0) return [];
  if (!keys) {
    // Exact size: the all-values list is kept until the next write.
    const all: T[] = new Array(sortedKeys.length);
    for (let i = 0; i < sortedKeys.length; i++) all[i] = map.get(sortedKeys[i]!)!;
    return all;
  }
  const out: T[] = [];
  for (const key of sortedKeys) if (keys.includes(key)) out.push(map.get(key)!);
  return out;
}

/**
 * Key order as the server sorts: Go sorts strings bytewise; for the keys iWF users write this is
 * code-unit order.
 *
 * @example
 * ['b', 'a'].sort(compareKeys); // ['a', 'b']
 */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
