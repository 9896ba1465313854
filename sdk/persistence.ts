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
 * @example
 * const p = new PersistenceImpl(index, jsonEncoder, req.dataObjects, req.searchAttributes, req.stateLocals);
 */
export class PersistenceImpl implements Persistence<unknown> {
  private readonly dataAttributes = new Map<string, KeyValue>();
  private readonly searchAttributes = new Map<string, SearchAttribute>();
  private readonly stateLocals = new Map<string, KeyValue>();
  private readonly dataWrites = new Map<string, KeyValue>();
  private readonly searchWrites = new Map<string, SearchAttribute>();
  private readonly localWrites = new Map<string, KeyValue>();
  private readonly events = new Map<string, KeyValue>();

  constructor(
    private readonly schema: SchemaIndex,
    private readonly encoder: ObjectEncoder,
    dataAttributes: KeyValue[] | undefined,
    searchAttributes: SearchAttribute[] | undefined,
    stateLocals: KeyValue[] | undefined,
  ) {
    for (const kv of dataAttributes ?? []) if (kv.key !== undefined) this.dataAttributes.set(kv.key, kv);
    for (const sa of searchAttributes ?? []) if (sa.key !== undefined) this.searchAttributes.set(sa.key, sa);
    for (const kv of stateLocals ?? []) if (kv.key !== undefined) this.stateLocals.set(kv.key, kv);
  }

  getDataAttribute(key: string): never {
    this.schema.requireDataAttribute(key);
    const kv = this.dataWrites.get(key) ?? this.dataAttributes.get(key);
    return this.encoder.decode(kv?.value) as never;
  }
  setDataAttribute(key: string, value: unknown): void {
    this.schema.requireDataAttribute(key);
    const kv: KeyValue = { key };
    const encoded = this.encoder.encode(value);
    if (encoded) kv.value = encoded;
    this.dataWrites.set(key, kv);
  }
  getSearchAttribute(key: string): never {
    const type = this.schema.searchAttributeType(key);
    const sa = this.searchWrites.get(key) ?? this.searchAttributes.get(key);
    return (sa ? searchAttributeValue(sa, type) : undefined) as never;
  }
  setSearchAttribute(key: string, value: unknown): void {
    const type = this.schema.searchAttributeType(key);
    this.searchWrites.set(key, toWireSearchAttribute(key, type, value));
  }
  getStateExecutionLocal<T>(key: string): T | undefined {
    const kv = this.localWrites.get(key) ?? this.stateLocals.get(key);
    return this.encoder.decode(kv?.value) as T | undefined;
  }
  setStateExecutionLocal(key: string, value: unknown): void {
    const kv: KeyValue = { key };
    const encoded = this.encoder.encode(value);
    if (encoded) kv.value = encoded;
    this.localWrites.set(key, kv);
  }
  recordEvent(key: string, ...data: unknown[]): void {
    if (this.events.has(key)) {
      throw new InvalidArgumentError(`event '${key}' was already recorded in this call: use another key`);
    }
    const kv: KeyValue = { key };
    const encoded = this.encoder.encode(data.length === 1 ? data[0] : data);
    if (encoded) kv.value = encoded;
    this.events.set(key, kv);
  }

  /** What this call wrote, to put in the response. */
  writes(): PersistenceWrites {
    return {
      upsertDataAttributes: [...this.dataWrites.values()],
      upsertSearchAttributes: [...this.searchWrites.values()],
      upsertStateLocals: [...this.localWrites.values()],
      recordEvents: [...this.events.values()],
    };
  }
}
