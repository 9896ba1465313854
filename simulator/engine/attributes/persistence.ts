import type { KeyValue, PersistenceLoadingPolicy, SearchAttribute } from '../../../sdk/wire/types.ts';
import { compareKeys, emptyLoad, loadByPolicy, sortedValues } from './loading-policies.ts';

/**
 * Data attributes and search attributes of one run (docs/semantics/persistence.md#data-1): upserts overwrite per key,
 * nothing is ever deleted, and what workers receive is sorted by key.
 *
 * @example
 * store.upsertData([{ key: 'status', value: { encoding: 'json', data: '"ok"' } }]);
 * store.loadData(undefined); // all, sorted by key
 */
export class PersistenceStore {
  /** `journaled`: keep the log of writes reset checkpoints need (not for system attributes). */
  constructor(private readonly journaled = true) {}

  // Created on first write (many runs never write search attributes or DATETIMEs; a Map is ~150 B):
  // until then they are the shared empty map, which nothing writes to.
  private dataMap: Map<string, KeyValue> = emptyMap();
  private searchMap: Map<string, SearchAttribute> = emptyMap();
  private datetimeMap: Map<string, bigint> = emptyMap();
  // Reset checkpoints remember a position in this log of writes instead of copying the maps: a
  // checkpoint costs nothing, a reset replays the log from `base` (rare).
  private base: PersistenceBase = EMPTY_BASE;
  private log: PersistenceWrite[] = [];
  // Keys in the order workers get them, kept until a new key arrives (loads happen on every call).
  private sortedDataKeys: string[] | undefined;
  private sortedSearchKeys: string[] | undefined;
  // Every value sorted by key, kept until any write: most states load all attributes on every call.
  // Frozen, because every load of it shares it.
  private allDataSorted: readonly KeyValue[] | undefined;
  private allSearchSorted: readonly SearchAttribute[] | undefined;

  get data(): ReadonlyMap<string, KeyValue> {
    return this.dataMap;
  }

  get search(): ReadonlyMap<string, SearchAttribute> {
    return this.searchMap;
  }

  /** DATETIME values as Temporal indexes them (epoch ns), resolved when upserted (ranges use that instant). */
  get indexedDatetimes(): ReadonlyMap<string, bigint> {
    return this.datetimeMap;
  }

  /** A mark of the contents now, for `restore`; later writes do not change what it restores. */
  mark(): PersistenceMark {
    return { base: this.base, log: this.log, length: this.log.length };
  }

  /** True when nothing was written since `mark` was taken (of this store). */
  isAt(mark: PersistenceMark): boolean {
    return mark.base === this.base && mark.log === this.log && mark.length === this.log.length;
  }

  /** Starts a new log from the contents now (at continue-as-new), so old writes can be dropped. */
  rebase(): void {
    this.base = {
      data: copyOf(this.dataMap),
      search: copyOf(this.searchMap),
      datetimes: copyOf(this.datetimeMap),
    };
    this.log = [];
  }

  /** Replaces the contents with those at a mark (of this or another store). */
  restore(mark: PersistenceMark): void {
    this.dataMap = copyOf(mark.base.data);
    this.searchMap = copyOf(mark.base.search);
    this.datetimeMap = copyOf(mark.base.datetimes);
    for (let i = 0; i < mark.length; i++) this.apply(mark.log[i]!);
    this.sortedDataKeys = undefined;
    this.sortedSearchKeys = undefined;
    this.allDataSorted = undefined;
    this.allSearchSorted = undefined;
    this.rebase();
  }

  upsertData(given: readonly KeyValue[] | undefined | null): void {
    if (!given || given.length === 0) return;
    const items = withoutNulls(given);
    if (this.journaled) this.log.push({ kind: 'data', items });
    this.allDataSorted = undefined;
    if (this.dataMap === EMPTY) this.dataMap = new Map();
    for (const item of items) {
      const key = item.key ?? '';
      if (!this.dataMap.has(key)) this.sortedDataKeys = undefined;
      this.dataMap.set(key, item);
    }
  }

  upsertSearch(given: readonly SearchAttribute[] | undefined | null): void {
    if (!given || given.length === 0) return;
    const items = withoutNulls(given);
    if (this.journaled) this.log.push({ kind: 'search', items });
    this.allSearchSorted = undefined;
    if (this.searchMap === EMPTY) this.searchMap = new Map();
    for (const item of items) {
      const key = item.key ?? '';
      if (!this.searchMap.has(key)) this.sortedSearchKeys = undefined;
      this.searchMap.set(key, item);
    }
  }

  indexDatetime(key: string, nanos: bigint): void {
    if (this.journaled) this.log.push({ kind: 'datetime', key, nanos });
    if (this.datetimeMap === EMPTY) this.datetimeMap = new Map();
    this.datetimeMap.set(key, nanos);
  }

  private apply(write: PersistenceWrite): void {
    if (write.kind === 'data') {
      if (this.dataMap === EMPTY) this.dataMap = new Map();
      for (const item of write.items) this.dataMap.set(item.key ?? '', item);
    } else if (write.kind === 'search') {
      if (this.searchMap === EMPTY) this.searchMap = new Map();
      for (const item of write.items) this.searchMap.set(item.key ?? '', item);
    } else {
      if (this.datetimeMap === EMPTY) this.datetimeMap = new Map();
      this.datetimeMap.set(write.key, write.nanos);
    }
  }

  /**
   * DAs per a loading policy; undefined means "send nothing" (no field), `[]` is LOAD_NONE. A load
   * of all attributes is shared by every load until the next write: read it, never change it.
   */
  loadData(policy: PersistenceLoadingPolicy | undefined): readonly KeyValue[] | undefined {
    // Nothing stored: the answer of `load` for every policy, without touching the rest.
    if (this.dataMap.size === 0) return emptyLoad(policy);
    const sorted = { map: this.dataMap, sortedKeys: this.dataKeys() };
    this.allDataSorted ??= Object.freeze(sortedValues(sorted, undefined));
    return loadByPolicy(sorted, this.allDataSorted, policy, true);
  }

  /** SAs per a loading policy; unlike DAs an empty partial key list loads none. Shared like `loadData`'s. */
  loadSearch(policy: PersistenceLoadingPolicy | undefined): readonly SearchAttribute[] | undefined {
    if (this.searchMap.size === 0) return emptyLoad(policy);
    const sorted = { map: this.searchMap, sortedKeys: this.searchKeys() };
    this.allSearchSorted ??= Object.freeze(sortedValues(sorted, undefined));
    return loadByPolicy(sorted, this.allSearchSorted, policy, false);
  }

  /** DAs for the client API: the given keys (all when empty), unknown keys skipped, sorted. */
  getData(keys: readonly string[] | undefined | null): KeyValue[] {
    const sorted = { map: this.dataMap, sortedKeys: this.dataKeys() };
    if (!keys || keys.length === 0) return sortedValues(sorted, undefined);
    return sortedValues(sorted, keys);
  }

  private dataKeys(): readonly string[] {
    this.sortedDataKeys ??= [...this.dataMap.keys()].sort(compareKeys);
    return this.sortedDataKeys;
  }

  private searchKeys(): readonly string[] {
    this.sortedSearchKeys ??= [...this.searchMap.keys()].sort(compareKeys);
    return this.sortedSearchKeys;
  }
}

type PersistenceWrite =
  | { kind: 'data'; items: readonly KeyValue[] }
  | { kind: 'search'; items: readonly SearchAttribute[] }
  | { kind: 'datetime'; key: string; nanos: bigint };

interface PersistenceBase {
  readonly data: ReadonlyMap<string, KeyValue>;
  readonly search: ReadonlyMap<string, SearchAttribute>;
  readonly datetimes: ReadonlyMap<string, bigint>;
}

/**
 * The items as the real server keeps them: its Go models drop null fields (`omitempty`), so a
 * `{"key":"k","value":null}` from a Java client is sent to workers as `{"key":"k"}` and a search
 * attribute's null value fields disappear. Items without nulls are kept as they are.
 *
 * @example
 * withoutNulls([{ key: 'k', value: null }]); // [{ key: 'k' }]
 */
export function withoutNulls<T extends object>(items: readonly T[]): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const clean = dropNullFields(item);
    if (clean !== item) {
      out ??= items.slice();
      out[i] = clean;
    }
  }
  return out ?? items;
}

// The object without its null fields (one level, and one more inside `value`); itself when it has none.
function dropNullFields<T extends object>(item: T): T {
  const record = item as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in record) {
    const value = record[key];
    if (value === null) {
      copy ??= { ...record };
      delete copy[key];
    } else if (key === 'value' && typeof value === 'object' && !Array.isArray(value)) {
      const inner = dropNullFields(value as object);
      if (inner !== value) {
        copy ??= { ...record };
        copy[key] = inner;
      }
    }
  }
  return (copy ?? item) as T;
}

// The one empty map of every store that was never written to: never written to itself.
const EMPTY: Map<string, never> = new Map<string, never>();

function emptyMap<V>(): Map<string, V> {
  return EMPTY as Map<string, V>;
}

function copyOf<V>(map: ReadonlyMap<string, V>): Map<string, V> {
  return map.size === 0 ? emptyMap() : new Map(map);
}

const EMPTY_BASE: PersistenceBase = { data: EMPTY, search: EMPTY, datetimes: EMPTY };

/**
 * A position in a store's history of writes: what `restore` brings back.
 *
 * @example
 * const mark = store.mark();
 * other.restore(mark);
 */
export interface PersistenceMark {
  readonly base: PersistenceBase;
  readonly log: readonly PersistenceWrite[];
  readonly length: number;
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
