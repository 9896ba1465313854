import type {
  EncodedObject,
  InterStateChannelPublishing,
  KeyValue,
  SearchAttribute,
} from '../../../sdk/wire/types.ts';
import type { HistoryLog } from '../../history/history.ts';
import type { ChannelSet } from '../commands/channels.ts';
import type { PersistenceStore } from './persistence.ts';
import { parseIwfDatetime, type SearchAttributeRegistry } from './search-attribute-registry.ts';

/**
 * What applying mutations needs of a workflow run: its attributes, channels and history, the
 * registered search attributes, and the way to refuse its workflow tasks when Temporal would.
 *
 * @example
 * const target: MutationTarget = run;
 */
export interface MutationTarget {
  readonly persistence: PersistenceStore;
  readonly signals: ChannelSet;
  readonly internalChannels: ChannelSet;
  readonly history: HistoryLog;
  readonly runtime: { readonly searchAttributes: SearchAttributeRegistry };
  readonly workflowTaskRefusal: string | undefined;
  refuseWorkflowTasks(cause: string, executionId?: string): void;
  now(): number;
}

/**
 * The effects of a worker answer or a client write, applied in one atomic step in the server's
 * order: search attributes, data attributes, then channel publishing (docs/semantics/worker-api.md#worker-3, #worker-6).
 *
 * @example
 * applyMutations(run, { upsertDataObjects: [{ key: 'k', value }] }, 'S1-1');
 */
export interface Mutations {
  upsertSearchAttributes?: SearchAttribute[] | null;
  upsertDataObjects?: KeyValue[] | null;
  publishToInterStateChannel?: InterStateChannelPublishing[] | null;
}

/**
 * Applies upserts and publishes; waiting commands get published messages before anyone re-evaluates.
 *
 * @example
 * applyMutations(run, response, executionId);
 */
export function applyMutations(run: MutationTarget, mutations: Mutations, executionId?: string): void {
  const {
    upsertSearchAttributes: search,
    upsertDataObjects: data,
    publishToInterStateChannel: publish,
  } = mutations;
  if (run.workflowTaskRefusal !== undefined) return;
  if (search && search.length > 0) {
    // Temporal refuses the whole workflow task: nothing of this answer is applied (docs/semantics/client-api.md#search-attributes-3).
    const problem = run.runtime.searchAttributes.problem(search, run.now());
    if (problem) {
      run.refuseWorkflowTasks(problem, executionId);
      return;
    }
    indexSearchAttributes(run, search);
    run.history.add('SearchAttributesUpserted', executionId, { keys: search.map((s) => s.key) });
  }
  if (data && data.length > 0) {
    run.persistence.upsertData(data);
    if (run.history.enabled)
      run.history.add('DataAttributesUpserted', executionId, {
        keys: data.map((d) => d.key),
        values: data.map((d) => d.value),
      });
  }
  if (publish && publish.length > 0) publishToChannels(run, publish, executionId);
}

/**
 * Stores search attributes and indexes DATETIME values as Temporal does (resolved once, in UTC).
 *
 * @example
 * indexSearchAttributes(run, [{ key: 'CustomDatetimeField', valueType: 'DATETIME', stringValue: '15m' }]);
 */
export function indexSearchAttributes(run: MutationTarget, search: readonly SearchAttribute[]): void {
  run.persistence.upsertSearch(search);
  for (const attribute of search) {
    if (attribute.valueType !== 'DATETIME') continue;
    const nanos = parseIwfDatetime(attribute.stringValue ?? '', run.now());
    if (typeof nanos === 'bigint') run.persistence.indexDatetime(attribute.key ?? '', nanos);
  }
}

/**
 * Appends messages to internal channels, then hands them to waiting commands (FIFO) and lets each
 * affected state re-check its trigger once the whole batch is in (docs/semantics/execution.md#channels-1).
 *
 * @example
 * publishToChannels(run, [{ channelName: 'verify', value }]);
 */
export function publishToChannels(
  run: MutationTarget,
  messages: readonly InterStateChannelPublishing[],
  executionId?: string,
): void {
  const names = new Set<string>();
  for (const message of messages) {
    const name = message.channelName ?? '';
    run.internalChannels.push(name, message.value ?? undefined);
    names.add(name);
    run.history.add('InternalChannelPublished', executionId, { channel: name });
  }
  const touched = new Set<{ evaluate(): void }>();
  for (const name of names) run.internalChannels.pump(name, touched);
  for (const wait of touched) wait.evaluate();
}

/**
 * Buffers a user signal (value `{}` when omitted, docs/semantics/client-api.md#signal-1) and delivers it to the first waiting command.
 *
 * @example
 * deliverSignal(run, 'approve', undefined);
 */
export function deliverSignal(
  run: MutationTarget,
  channelName: string,
  value: EncodedObject | undefined | null,
): void {
  run.signals.push(channelName, value ?? {});
  run.history.add('SignalReceived', undefined, { channel: channelName });
  const touched = new Set<{ evaluate(): void }>();
  run.signals.pump(channelName, touched);
  for (const wait of touched) wait.evaluate();
}
