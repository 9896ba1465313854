import type {
  KeyValue,
  SearchAttribute,
  WorkflowGetDataObjectsRequest,
  WorkflowGetSearchAttributesRequest,
  WorkflowSetDataObjectsRequest,
  WorkflowSetSearchAttributesRequest,
} from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import { formatUtcNanos } from '../../engine/attributes/search-attribute-registry.ts';
import { applyClientInput } from '../../engine/client-inputs.ts';
import type { Engine } from '../../engine/engine.ts';
import type { WorkflowRun } from '../../engine/runs/workflow-run.ts';
import { Replies, serverBug } from '../replies.ts';
import { sizeLimitReply } from './limits.ts';

/**
 * `POST /api/v1/workflow/dataobjects/get` (docs/semantics/client-api.md#data-get-1): the requested keys (all when empty), sorted; works
 * on closed runs too. With `useMemoForDataAttributes` on a run started with it: read from the memo.
 *
 * @example
 * handleGetDataObjects(engine, { workflowId: 'wf', keys: ['status'] });
 */
export function handleGetDataObjects(engine: Engine, request: WorkflowGetDataObjectsRequest): ApiReply {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  const objects =
    request.useMemoForDataAttributes && run.request.workflowStartOptions?.useMemoForDataAttributes
      ? memoData(run, request.keys)
      : run.persistence.getData(request.keys);
  return Replies.ok(objects.length > 0 ? { objects } : {});
}

// The memo mirror of the DAs, read through describe: a Go map, so unordered on the real server
// (measured); here in upsert order. Runs started without memo fall back to the sorted query.
function memoData(run: WorkflowRun, keys: readonly string[] | undefined | null): KeyValue[] {
  const wanted = keys && keys.length > 0 ? new Set(keys) : undefined;
  const out: KeyValue[] = [];
  for (const [key, value] of run.persistence.data) if (!wanted || wanted.has(key)) out.push(value);
  return out;
}

/**
 * `POST /api/v1/workflow/dataobjects/set` (docs/semantics/client-api.md#data-set-1): plain upsert that ignores locks.
 *
 * @example
 * handleSetDataObjects(engine, { workflowId: 'wf', objects: [{ key: 'k', value }] });
 */
export function handleSetDataObjects(
  engine: Engine,
  request: WorkflowSetDataObjectsRequest,
): ApiReply | Promise<ApiReply> {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  if (!run.isRunning) return Replies.alreadyCompleted();
  const objects = request.objects ?? [];
  const refused = sizeLimitReply(
    engine,
    objects.map((kv) => kv.value),
    objects,
  );
  if (refused) return refused;
  applyClientInput(run, { kind: 'mutations', mutations: { upsertDataObjects: objects }, update: false });
  return Replies.ok();
}

/**
 * `POST /api/v1/workflow/searchattributes/get` (docs/semantics/client-api.md#search-attributes-1): requested keys that exist, in request order,
 * typed as requested; includes the system attribute `IwfWorkflowType`.
 *
 * @example
 * handleGetSearchAttributes(engine, { workflowId: 'wf', keys: [{ key: 'IwfWorkflowType', valueType: 'KEYWORD' }] });
 */
export function handleGetSearchAttributes(
  engine: Engine,
  request: WorkflowGetSearchAttributesRequest,
): ApiReply {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  const keys = request.keys ?? [];
  if (keys.length === 0) return Replies.ok({});
  const found: SearchAttribute[] = [];
  for (const { key = '', valueType } of keys) {
    const stored = run.persistence.search.get(key) ?? run.systemSearch.search.get(key);
    if (!stored) continue;
    const value = indexedValue(run, key, stored);
    // Not indexed (an empty keyword array removes the attribute): skipped, as a nil value is.
    if (value === undefined) continue;
    const converted = asRequested(key, valueType ?? '', value);
    if (typeof converted === 'string') return Replies.internal(converted);
    found.push(converted);
  }
  // The server reads each requested key through its pointer after the lookup: a key left out is a
  // nil-pointer panic there (measured: 500), even when other keys were found.
  const missing = keys.findIndex((each) => each.key == null);
  if (missing >= 0) return serverBug(engine, `searchattributes/get: keys[${missing}] has no "key"`);
  // Nothing found: the field is omitted (measured), like for an empty key list.
  return Replies.ok(found.length > 0 ? { searchAttributes: found } : {});
}

// The value as Temporal indexed it, as a JSON value: a value left out is the type's zero value.
function indexedValue(run: WorkflowRun, key: string, stored: SearchAttribute): unknown {
  switch (stored.valueType) {
    case 'INT':
      return stored.integerValue ?? 0;
    case 'DOUBLE':
      return stored.doubleValue ?? 0;
    case 'BOOL':
      return stored.boolValue ?? false;
    case 'KEYWORD_ARRAY':
      return stored.stringArrayValue?.length ? stored.stringArrayValue : undefined;
    case 'DATETIME': {
      // Temporal answers what it indexed: UTC RFC 3339 (measured), not the upserted text.
      const nanos = run.persistence.indexedDatetimes.get(key);
      return nanos === undefined ? (stored.stringValue ?? '') : formatUtcNanos(nanos);
    }
    default:
      return stored.stringValue ?? '';
  }
}

/**
 * The attribute typed as the client asked (the server's `mapToIwfSearchAttribute`), or the
 * server's error text when the indexed value is not of that type (a 500).
 */
function asRequested(key: string, valueType: string, value: unknown): SearchAttribute | string {
  const attribute = { key, valueType } as SearchAttribute;
  switch (valueType) {
    case 'KEYWORD':
    case 'DATETIME':
    case 'TEXT':
      if (typeof value !== 'string') break;
      attribute.stringValue = value;
      return attribute;
    case 'INT':
      if (typeof value !== 'number') break;
      // Read back through a float64: int64's largest value converts back as its smallest (measured).
      attribute.integerValue = value >= 2 ** 63 ? -(2 ** 63) : Math.trunc(value);
      return attribute;
    case 'DOUBLE':
      if (typeof value !== 'number') break;
      attribute.doubleValue = value;
      return attribute;
    case 'BOOL':
      if (typeof value !== 'boolean') break;
      attribute.boolValue = value;
      return attribute;
    case 'KEYWORD_ARRAY':
      if (!Array.isArray(value)) break;
      // A non-string element makes the server return a nil attribute, which it then dereferences.
      if (value.some((element) => typeof element !== 'string'))
        return 'runtime error: invalid memory address or nil pointer dereference';
      attribute.stringArrayValue = value as string[];
      return attribute;
    default:
      return `unsupported search attribute value type ${valueType}`;
  }
  return `unable to convert value ${goText(value)} to type ${valueType} for key ${key}`;
}

// Go's %v of a decoded JSON value.
function goText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goText).join(' ')}]`;
  return String(value);
}

/**
 * `POST /api/v1/workflow/searchattributes/set` (docs/semantics/client-api.md#search-attributes-2): stored exactly as upserted.
 *
 * @example
 * handleSetSearchAttributes(engine, { workflowId: 'wf', searchAttributes: [{ key: 'Age', valueType: 'INT', integerValue: 3 }] });
 */
export function handleSetSearchAttributes(
  engine: Engine,
  request: WorkflowSetSearchAttributesRequest,
): ApiReply {
  const run = engine.findRun(request.workflowId, request.workflowRunId);
  if (!run) return Replies.workflowNotFound(request.workflowId, request.workflowRunId);
  if (!run.isRunning) return Replies.alreadyCompleted();
  const attributes = request.searchAttributes ?? [];
  applyClientInput(run, {
    kind: 'mutations',
    mutations: { upsertSearchAttributes: attributes },
    update: false,
  });
  return Replies.ok();
}
