import type { KeyValue, PersistenceLoadingPolicy, SearchAttribute } from '../../sdk/wire/types.ts';

/**
 * Data attributes and search attributes of one run (semantics §5.9): upserts overwrite per key,
 * nothing is ever deleted, and what workers receive is sorted by key.
 *
 * @example
 * store.upsertData([{ key: 'status', value: { encoding: 'json', data: '"ok"' } }]);
 * store.loadData(undefined); // all, sorted by key
 */
export class PersistenceStore {
  readonly data = new Map<string, KeyValue>();
  readonly search = new Map<string, SearchAttribute>();
  /** DATETIME values as Temporal indexes them (epoch ns), resolved when upserted (ranges use that instant). */
  readonly indexedDatetimes = new Map<string, bigint>();

  upsertData(items: readonly KeyValue[] | undefined | null): void {
    if (!items) return;
    for (const item of items) this.data.set(item.key ?? '', item);
  }

  upsertSearch(items: readonly SearchAttribute[] | undefined | null): void {
    if (!items) return;
    for (const item of items) this.search.set(item.key ?? '', item);
  }

  /** DAs per a loading policy; undefined means "send nothing" (no field), `[]` is LOAD_NONE. */
  loadData(policy: PersistenceLoadingPolicy | undefined): KeyValue[] | undefined {
    return load(this.data, policy, true);
  }

  /** SAs per a loading policy; unlike DAs an empty partial key list loads none. */
  loadSearch(policy: PersistenceLoadingPolicy | undefined): SearchAttribute[] | undefined {
    return load(this.search, policy, false);
  }

  /** DAs for the client API: the given keys (all when empty), unknown keys skipped, sorted. */
  getData(keys: readonly string[] | undefined | null): KeyValue[] {
    if (!keys || keys.length === 0) return sortedValues(this.data, undefined);
    return sortedValues(this.data, keys);
  }
}

/**
 * Keys a policy locks (empty for the non-locking types).
 *
 * @example
 * lockingKeysOf({ persistenceLoadingType: 'LOAD_ALL_WITH_PARTIAL_LOCK', lockingKeys: ['a'] }); // ['a']
 */
export function lockingKeysOf(policy: PersistenceLoadingPolicy | undefined | null): readonly string[] {
  if (!policy) return NONE;
  const type = policy.persistenceLoadingType;
  if (type !== 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK' && type !== 'LOAD_ALL_WITH_PARTIAL_LOCK') return NONE;
  return policy.lockingKeys ?? NONE;
}

const NONE: readonly string[] = [];

function load<T extends { key?: string }>(
  map: Map<string, T>,
  policy: PersistenceLoadingPolicy | undefined,
  emptyPartialMeansAll: boolean,
): T[] | undefined {
  const type = policy?.persistenceLoadingType;
  let result: T[];
  switch (type) {
    case 'LOAD_NONE':
      return [];
    case 'LOAD_PARTIAL_WITHOUT_LOCKING': {
      const keys = policy?.partialLoadingKeys;
      // Quirk of the real server: for DAs an empty key list means "all" (semantics §5.9).
      if (!keys || keys.length === 0) result = emptyPartialMeansAll ? sortedValues(map, undefined) : [];
      else result = sortedValues(map, keys);
      break;
    }
    case 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK': {
      const keys = [...(policy?.partialLoadingKeys ?? []), ...(policy?.lockingKeys ?? [])];
      result =
        keys.length === 0 && emptyPartialMeansAll ? sortedValues(map, undefined) : sortedValues(map, keys);
      break;
    }
    default:
      result = sortedValues(map, undefined);
  }
  return result.length === 0 ? undefined : result;
}

function sortedValues<T>(map: Map<string, T>, keys: readonly string[] | undefined): T[] {
  if (map.size === 0) return [];
  const wanted = keys ? new Set(keys) : undefined;
  const chosen: string[] = [];
  for (const key of map.keys()) if (!wanted || wanted.has(key)) chosen.push(key);
  chosen.sort(compareKeys);
  const out: T[] = new Array(chosen.length);
  for (let i = 0; i < chosen.length; i++) out[i] = map.get(chosen[i]!)!;
  return out;
}

// Go sorts strings bytewise; for the keys iWF users write this is code-unit order.
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
