import type { ExecutingStateIdMode } from '../../sdk/wire/types.ts';
import type { PersistenceStore } from './persistence.ts';

/** The system search attribute listing the states executing now (semantics §5.14). */
export const EXECUTING_STATE_IDS_KEY = 'IwfExecutingStateIds';

/**
 * Maintains `IwfExecutingStateIds` per `executingStateIdMode` (default
 * ENABLED_FOR_STATES_WITH_WAIT_UNTIL: only states that do not skip waitUntil count). Remembers
 * which executions it counted, so a mode change mid-flight never leaves a stale id.
 *
 * @example
 * ids.started(store, 'ENABLED_FOR_ALL', 'S1', 'S1-1', false);
 * ids.ended(store, 'S1-1');
 */
export class ExecutingStateIds {
  private readonly counts = new Map<string, number>();
  private readonly counted = new Map<string, string>();
  private published = '';

  started(
    store: PersistenceStore,
    mode: ExecutingStateIdMode | undefined | null,
    stateId: string,
    executionId: string,
    skipsWaitUntil: boolean,
  ): void {
    if (mode === 'DISABLED') return;
    if (mode !== 'ENABLED_FOR_ALL' && skipsWaitUntil) return;
    this.counted.set(executionId, stateId);
    this.counts.set(stateId, (this.counts.get(stateId) ?? 0) + 1);
    this.publish(store);
  }

  ended(store: PersistenceStore, executionId: string): void {
    const stateId = this.counted.get(executionId);
    if (stateId === undefined) return;
    this.counted.delete(executionId);
    const n = (this.counts.get(stateId) ?? 1) - 1;
    if (n === 0) this.counts.delete(stateId);
    else this.counts.set(stateId, n);
    this.publish(store);
  }

  // Sorted unique ids, upserted only when they changed, as the server does.
  private publish(store: PersistenceStore): void {
    const ids = this.counts.size <= 1 ? [...this.counts.keys()] : [...this.counts.keys()].sort();
    const joined = ids.length === 0 ? '' : ids.length === 1 ? ids[0]! : ids.join('\u0000');
    if (joined === this.published && store.search.has(EXECUTING_STATE_IDS_KEY)) return;
    this.published = joined;
    store.upsertSearch([{ key: EXECUTING_STATE_IDS_KEY, valueType: 'KEYWORD_ARRAY', stringArrayValue: ids }]);
  }
}
