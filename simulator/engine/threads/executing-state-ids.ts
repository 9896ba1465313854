import type { ExecutingStateIdMode } from '../../../sdk/wire/types.ts';
import type { PersistenceStore } from '../attributes/persistence.ts';

/** The system search attribute listing the states executing now (docs/semantics/lifecycle.md#system-sa-2). */
export const EXECUTING_STATE_IDS_KEY = 'IwfExecutingStateIds';

/**
 * Maintains `IwfExecutingStateIds` per `executingStateIdMode` (default
 * ENABLED_FOR_STATES_WITH_WAIT_UNTIL: only states that do not skip waitUntil count). `started` tells
 * whether it counted an execution; the caller keeps that answer and passes it back to `ended`, so a
 * mode change mid-flight never leaves a stale id.
 *
 * Counts of zero stay in the map: a state that moves to itself (a reminder loop) then changes
 * nothing, where deleting and re-adding the key would reallocate the map's table every time, and
 * `started` and `ended` leave publishing to `publish`, called once the step's threads have started
 * and ended, so the attribute is upserted only when the step changed it.
 *
 * @example
 * const counted = ids.started('ENABLED_FOR_ALL', 'S1', false);
 * if (counted) ids.ended('S1');
 * ids.publish(store);
 */
export class ExecutingStateIds {
  private readonly counts = new Map<string, number>();
  private published = '';

  /** Counts an execution that starts (`publish` makes it visible); false when the mode leaves it out. */
  started(mode: ExecutingStateIdMode | undefined | null, stateId: string, skipsWaitUntil: boolean): boolean {
    if (mode === 'DISABLED') return false;
    if (mode !== 'ENABLED_FOR_ALL' && skipsWaitUntil) return false;
    this.counts.set(stateId, (this.counts.get(stateId) ?? 0) + 1);
    return true;
  }

  /** Uncounts an execution `started` counted; `publish` makes it visible. */
  ended(stateId: string): void {
    const n = this.counts.get(stateId);
    if (n !== undefined && n > 0) this.counts.set(stateId, n - 1);
  }

  /** Upserts the sorted unique ids of executing states when they changed, as the server does. */
  publish(store: PersistenceStore): void {
    let joined = '';
    let executing = 0;
    for (const [stateId, n] of this.counts) {
      if (n === 0) continue;
      executing++;
      joined = executing === 1 ? stateId : `${joined}\u0000${stateId}`;
    }
    // Map order is insertion order: several ids are compared and published sorted.
    const ids = executing <= 1 ? undefined : this.executingIds();
    if (ids) joined = ids.join('\u0000');
    if (joined === this.published && store.search.has(EXECUTING_STATE_IDS_KEY)) return;
    this.published = joined;
    store.upsertSearch([
      {
        key: EXECUTING_STATE_IDS_KEY,
        valueType: 'KEYWORD_ARRAY',
        stringArrayValue: ids ?? (executing === 0 ? [] : [joined]),
      },
    ]);
  }

  private executingIds(): string[] {
    const ids: string[] = [];
    for (const [stateId, n] of this.counts) if (n > 0) ids.push(stateId);
    return ids.sort();
  }
}
