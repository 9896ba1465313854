/**
 * How many executions of each state a run started, for execution ids `<stateId>-<n>` numbered per
 * state id from 1 (docs/semantics/execution.md#ids-1). Checkpoints share the map (`share`) until the next write copies it.
 *
 * @example
 * const counters = new ExecutionCounters();
 * counters.next('S1'); // 'S1-1'
 */
export class ExecutionCounters {
  private counts = new Map<string, number>();
  private shared = false;

  /** The next execution id of a state. */
  next(stateId: string): string {
    if (this.shared) {
      this.counts = new Map(this.counts);
      this.shared = false;
    }
    const n = (this.counts.get(stateId) ?? 0) + 1;
    this.counts.set(stateId, n);
    // join builds one flat string (a template literal keeps two pieces alive in every checkpoint).
    return [stateId, n].join('-');
  }

  /** The counters now, frozen (copy on the next write). */
  share(): ReadonlyMap<string, number> {
    this.shared = true;
    return this.counts;
  }

  restore(counters: ReadonlyMap<string, number>): void {
    this.counts = new Map(counters);
    this.shared = false;
  }
}
