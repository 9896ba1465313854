import type { ObjectEncoder } from './encoder.ts';
import { InvalidArgumentError } from './errors.ts';
import type {
  DataAttributeKeyOf,
  DataAttributeValueOf,
  SchemaIndex,
  SearchAttributeKeyOf,
  SearchAttributeValueOf,
} from './schema-spec.ts';
import { searchAttributeValue, toWireSearchAttribute } from './search-attribute-codec.ts';
import type { KeyValue, SearchAttribute } from './wire/types.ts';

/**
 * Data attributes, search attributes, state execution locals and recorded events, as a state or RPC
 * sees them. Reads see what the server loaded plus this call's own writes; writes are sent back in
 * the response and applied by the server when the call returns.
 *
 * @example
 * persistence.setDataAttribute('status', 'waiting');
 * const form = persistence.getDataAttribute('form');
 */
export interface Persistence<S = unknown> {
  getDataAttribute<K extends DataAttributeKeyOf<S>>(key: K): DataAttributeValueOf<S, K> | undefined;
  setDataAttribute<K extends DataAttributeKeyOf<S>>(key: K, value: DataAttributeValueOf<S, K>): void;
  getSearchAttribute<K extends SearchAttributeKeyOf<S>>(key: K): SearchAttributeValueOf<S, K> | undefined;
  /** `null` clears the attribute. */
  setSearchAttribute<K extends SearchAttributeKeyOf<S>>(
    key: K,
    value: SearchAttributeValueOf<S, K> | null,
  ): void;
  /** A value kept between this state execution's waitUntil and execute. */
  getStateExecutionLocal<T = unknown>(key: string): T | undefined;
  setStateExecutionLocal(key: string, value: unknown): void;
  /** Records an event in the workflow history (for debugging; no effect on execution). */
  recordEvent(key: string, ...data: unknown[]): void;
}

/** The writes a call made, in wire form. */
export interface PersistenceWrites {
  upsertDataAttributes: KeyValue[];
  upsertSearchAttributes: SearchAttribute[];
  upsertStateLocals: KeyValue[];
  recordEvents: KeyValue[];
}

/**
 * The SDK's Persistence: decodes loaded values lazily and buffers writes.
 *
 * Nothing is indexed up front: a call reads few keys of short lists, so reads scan the lists the
 * server sent (the last entry of a key wins, as a map built from them would give), and the write
 * lists exist only once something is written (a key keeps the place of its first write and the value
 * of its last).
 *
 * @example
 * const p = new PersistenceImpl(index, jsonEncoder, req.dataObjects, req.searchAttributes, req.stateLocals);
 */
export class PersistenceImpl implements Persistence<unknown> {
  private dataWrites: KeyValue[] | undefined;
  private searchWrites: SearchAttribute[] | undefined;
  private localWrites: KeyValue[] | undefined;
  private events: KeyValue[] | undefined;

  constructor(
    private readonly schema: SchemaIndex,
    private readonly encoder: ObjectEncoder,
    private readonly loadedData: readonly KeyValue[] | undefined,
    private readonly loadedSearch: readonly SearchAttribute[] | undefined,
    private readonly loadedLocals: readonly KeyValue[] | undefined,
  ) {}

  getDataAttribute(key: string): never {
    this.schema.requireDataAttribute(key);
    const kv = lastWithKey(this.dataWrites, key) ?? lastWithKey(this.loadedData, key);
    return this.encoder.decode(kv?.value) as never;
  }
  setDataAttribute(key: string, value: unknown): void {
    this.schema.requireDataAttribute(key);
    const kv: KeyValue = { key };
    const encoded = this.encoder.encode(value);
    if (encoded) kv.value = encoded;
    this.dataWrites = upsert(this.dataWrites, kv);
  }
  getSearchAttribute(key: string): never {
    const type = this.schema.searchAttributeType(key);
    const sa = lastWithKey(this.searchWrites, key) ?? lastWithKey(this.loadedSearch, key);
    return (sa ? searchAttributeValue(sa, type) : undefined) as never;
  }
  setSearchAttribute(key: string, value: unknown): void {
    const type = this.schema.searchAttributeType(key);
    this.searchWrites = upsert(this.searchWrites, toWireSearchAttribute(key, type, value));
  }
  getStateExecutionLocal<T>(key: string): T | undefined {
    const kv = lastWithKey(this.localWrites, key) ?? lastWithKey(this.loadedLocals, key);
    return this.encoder.decode(kv?.value) as T | undefined;
  }
  setStateExecutionLocal(key: string, value: unknown): void {
    const kv: KeyValue = { key };
    const encoded = this.encoder.encode(value);
    if (encoded) kv.value = encoded;
    this.localWrites = upsert(this.localWrites, kv);
  }
  recordEvent(key: string, ...data: unknown[]): void {
    if (lastWithKey(this.events, key)) {
      throw new InvalidArgumentError(`event '${key}' was already recorded in this call: use another key`);
    }
    const kv: KeyValue = { key };
    const encoded = this.encoder.encode(data.length === 1 ? data[0] : data);
    if (encoded) kv.value = encoded;
    if (this.events) this.events.push(kv);
    else this.events = [kv];
  }

  /** What this call wrote, to put in the response. */
  writes(): PersistenceWrites {
    return {
      upsertDataAttributes: this.dataWrites ? [...this.dataWrites] : [],
      upsertSearchAttributes: this.searchWrites ? [...this.searchWrites] : [],
      upsertStateLocals: this.localWrites ? [...this.localWrites] : [],
      recordEvents: this.events ? [...this.events] : [],
    };
  }

  /**
   * Puts this call's writes on a worker response, leaving out the empty lists (the worker's own
   * path: no intermediate object or copies).
   *
   * @internal
   */
  addWritesTo(
    response: PersistenceResponseFields,
    dataField: 'upsertDataObjects' | 'upsertDataAttributes',
  ): void {
    if (this.dataWrites) response[dataField] = this.dataWrites;
    if (this.searchWrites) response.upsertSearchAttributes = this.searchWrites;
    if (this.localWrites) response.upsertStateLocals = this.localWrites;
    if (this.events) response.recordEvents = this.events;
  }
}

/** The persistence fields of the worker's responses (`upsertDataObjects` in state APIs, `upsertDataAttributes` in RPCs). */
export interface PersistenceResponseFields {
  upsertDataObjects?: KeyValue[];
  upsertDataAttributes?: KeyValue[];
  upsertSearchAttributes?: SearchAttribute[];
  upsertStateLocals?: KeyValue[];
  recordEvents?: KeyValue[];
}

/** The last entry with this key (entries without a key never match). */
function lastWithKey<T extends { key?: string }>(list: readonly T[] | undefined, key: string): T | undefined {
  if (!list) return undefined;
  for (let i = list.length - 1; i >= 0; i--) {
    const entry = list[i] as T;
    if (entry.key === key) return entry;
  }
  return undefined;
}

/** Replaces the entry with the same key in place, or appends; creates the list on the first write. */
function upsert<T extends { key?: string }>(list: T[] | undefined, entry: T): T[] {
  if (!list) return [entry];
  for (let i = 0; i < list.length; i++) {
    if ((list[i] as T).key === entry.key) {
      list[i] = entry;
      return list;
    }
  }
  list.push(entry);
  return list;
}
