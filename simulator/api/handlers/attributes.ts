import type {
  KeyValue,
  SearchAttribute,
  WorkflowGetDataObjectsRequest,
  WorkflowGetSearchAttributesRequest,
  WorkflowSetDataObjectsRequest,
  WorkflowSetSearchAttributesRequest,
} from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import { applyClientInput } from '../../engine/client-inputs.ts';
import type { Engine } from '../../engine/engine.ts';
import { formatUtcNanos } from '../../engine/search-attribute-registry.ts';
import type { WorkflowRun } from '../../engine/workflow-run.ts';
import { Replies } from '../replies.ts';
import { sizeLimitReply } from './limits.ts';

/**
 * `POST /api/v1/workflow/dataobjects/get` (§2.6): the requested keys (all when empty), sorted; works
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
 * `POST /api/v1/workflow/dataobjects/set` (§2.7): plain upsert that ignores locks.
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
  );
  if (refused) return refused;
  applyClientInput(run, { kind: 'mutations', mutations: { upsertDataObjects: objects }, update: false });
  return Replies.ok();
}

/**
 * `POST /api/v1/workflow/searchattributes/get` (§2.8): requested keys that exist, in request order,
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
    const attribute: SearchAttribute = { key };
    if (valueType) attribute.valueType = valueType;
    switch (valueType ?? stored.valueType) {
      case 'INT':
        attribute.integerValue = stored.integerValue;
        break;
      case 'DOUBLE':
        attribute.doubleValue = stored.doubleValue;
        break;
      case 'BOOL':
        attribute.boolValue = stored.boolValue;
        break;
      case 'KEYWORD_ARRAY':
        attribute.stringArrayValue = stored.stringArrayValue;
        break;
      case 'DATETIME': {
        // Temporal answers what it indexed: UTC RFC 3339 (measured), not the upserted text.
        const nanos = run.persistence.indexedDatetimes.get(key);
        attribute.stringValue = nanos === undefined ? stored.stringValue : formatUtcNanos(nanos);
        break;
      }
      default:
        attribute.stringValue = stored.stringValue;
    }
    found.push(attribute);
  }
  // Nothing found: the field is omitted (measured), like for an empty key list.
  return Replies.ok(found.length > 0 ? { searchAttributes: found } : {});
}

/**
 * `POST /api/v1/workflow/searchattributes/set` (§2.9): stored exactly as upserted.
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
