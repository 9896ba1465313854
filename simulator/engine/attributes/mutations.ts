import type {
  EncodedObject,
  InterStateChannelPublishing,
  KeyValue,
  SearchAttribute,
} from '../../../sdk/wire/types.ts';
import { markStuck } from '../runs/refused-workflow-task.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';
import { parseIwfDatetime } from './search-attribute-registry.ts';

/**
 * The effects of a worker answer or a client write, applied in one atomic step in the server's
 * order: search attributes, data attributes, then channel publishing (semantics §3.3 §3.5).
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
export function applyMutations(run: WorkflowRun, mutations: Mutations, executionId?: string): void {
  const {
    upsertSearchAttributes: search,
    upsertDataObjects: data,
    publishToInterStateChannel: publish,
  } = mutations;
  if (run.stuck !== undefined) return;
  if (search && search.length > 0) {
    // Temporal refuses the whole workflow task: nothing of this answer is applied (faults doc §2.9).
    const problem = run.runtime.searchAttributes.problem(search, run.now());
    if (problem) {
      markStuck(run, problem, executionId);
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
export function indexSearchAttributes(run: WorkflowRun, search: readonly SearchAttribute[]): void {
  run.persistence.upsertSearch(search);
  for (const attribute of search) {
    if (attribute.valueType !== 'DATETIME') continue;
    const nanos = parseIwfDatetime(attribute.stringValue ?? '', run.now());
    if (typeof nanos === 'bigint') run.persistence.indexDatetime(attribute.key ?? '', nanos);
  }
}

/**
 * Appends messages to internal channels, then hands them to waiting commands (FIFO) and lets each
 * affected state re-check its trigger once the whole batch is in (semantics §5.7).
 *
 * @example
 * publishToChannels(run, [{ channelName: 'verify', value }]);
 */
export function publishToChannels(
  run: WorkflowRun,
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
 * Buffers a user signal (value `{}` when omitted, §2.2) and delivers it to the first waiting command.
 *
 * @example
 * deliverSignal(run, 'approve', undefined);
 */
export function deliverSignal(
  run: WorkflowRun,
  channelName: string,
  value: EncodedObject | undefined | null,
): void {
  run.signals.push(channelName, value ?? {});
  run.history.add('SignalReceived', undefined, { channel: channelName });
  const touched = new Set<{ evaluate(): void }>();
  run.signals.pump(channelName, touched);
  for (const wait of touched) wait.evaluate();
}
