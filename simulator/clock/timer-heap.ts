import type { TimerOwner } from './clock.ts';

/**
 * A binary min-heap of timers keyed by (due time, sequence): equal due times fire in creation order,
 * and cancelling is O(log n) because each entry knows its index.
 *
 * @example
 * const heap = new TimerHeap();
 * const entry = heap.push(1_000, () => {});
 * heap.remove(entry);
 */

/** One scheduled callback; `index` is -1 once it left the heap. */
export interface TimerEntry {
  due: number;
  seq: number;
  fn: (arg: unknown) => void;
  /** What `fn` is called with. */
  arg: unknown;
  index: number;
  /** Whose timer it is (a workflow run), when independent of other owners' timers. */
  owner: TimerOwner | undefined;
}

/**
 * Priority queue of timers; nothing scans all entries.
 *
 * @example
 * const first = heap.pop();
 */
export class TimerHeap {
  private readonly items: TimerEntry[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  peek(): TimerEntry | undefined {
    return this.items[0];
  }

  push(due: number, fn: (arg: unknown) => void, owner?: TimerOwner, arg?: unknown): TimerEntry {
    const entry: TimerEntry = { due, seq: this.nextSeq++, fn, arg, index: this.items.length, owner };
    this.items.push(entry);
    this.siftUp(entry.index);
    return entry;
  }

  pop(): TimerEntry | undefined {
    const first = this.items[0];
    if (first) this.removeAt(0);
    return first;
  }

  remove(entry: TimerEntry): void {
    if (entry.index < 0 || this.items[entry.index] !== entry) return;
    this.removeAt(entry.index);
  }

  clear(): void {
    for (const entry of this.items) entry.index = -1;
    this.items.length = 0;
  }

  private removeAt(index: number): void {
    const items = this.items;
    const removed = items[index]!;
    const last = items.pop()!;
    removed.index = -1;
    if (last === removed) return;
    items[index] = last;
    last.index = index;
    this.siftDown(index);
    this.siftUp(last.index);
  }

  private less(a: TimerEntry, b: TimerEntry): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    const items = this.items;
    const a = items[i]!;
    const b = items[j]!;
    items[i] = b;
    items[j] = a;
    a.index = j;
    b.index = i;
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(this.items[i]!, this.items[parent]!)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const n = this.items.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.less(this.items[left]!, this.items[smallest]!)) smallest = left;
      if (right < n && this.less(this.items[right]!, this.items[smallest]!)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
