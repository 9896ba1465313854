import type { TimerOwner } from './clock.ts';

/**
 * One scheduled callback of a `TimerQueue`.
 *
 * @example
 * const entry = queue.push(1_000, fire, undefined, state);
 */
export interface TimerEntry {
  readonly due: number;
  readonly seq: number;
  readonly fn: (arg: unknown) => void;
  /** What `fn` is called with. */
  readonly arg: unknown;
  /** Whose timer it is (a workflow run), when independent of other owners' timers. */
  readonly owner: TimerOwner | undefined;
  /** The bucket it waits in; undefined once it left the queue (fired or removed). */
  bucket: TimerBucket | undefined;
  /** Its place in the bucket. */
  slot: number;
}

// The timers due at one instant, in creation order. `entries` holds undefined where a timer left.
class TimerBucket {
  readonly entries: (TimerEntry | undefined)[] = [];
  head = 0;
  live = 0;

  constructor(readonly due: number) {}
}

/**
 * Timers ordered by (due time, creation): equal due times fire in creation order. Timers due at the
 * same instant share a bucket, and only the distinct instants are kept in a binary heap. On a
 * virtual clock most timers share instants (workflows started together wait in step; every worker
 * call started at one instant has the same deadline), so scheduling, cancelling and firing are
 * mostly O(1) and touch one bucket instead of walking a heap of every timer (~14 levels of entries
 * scattered in memory at 10,000 workflows). Nothing scans all timers.
 *
 * @example
 * const queue = new TimerQueue();
 * const entry = queue.push(1_000, () => {});
 * queue.remove(entry);
 */
export class TimerQueue {
  private readonly buckets = new Map<number, TimerBucket>();
  /** Min-heap of the due times of the buckets (one per bucket). */
  private readonly dues: number[] = [];
  private count = 0;

  /**
   * @param sequence numbers timers in creation order; queues that share one (a skipping clock's
   * two queues) can order their timers due at the same instant against each other.
   */
  constructor(private readonly sequence: { next: number } = { next: 0 }) {}

  get size(): number {
    return this.count;
  }

  push(due: number, fn: (arg: unknown) => void, owner?: TimerOwner, arg?: unknown): TimerEntry {
    let bucket = this.buckets.get(due);
    if (!bucket) {
      bucket = new TimerBucket(due);
      this.buckets.set(due, bucket);
      pushDue(this.dues, due);
    }
    const entry: TimerEntry = {
      due,
      seq: this.sequence.next++,
      fn,
      arg,
      owner,
      bucket,
      slot: bucket.entries.length,
    };
    bucket.entries.push(entry);
    bucket.live++;
    this.count++;
    return entry;
  }

  /** The next timer to fire, left in the queue. */
  peek(): TimerEntry | undefined {
    for (;;) {
      if (this.dues.length === 0) return undefined;
      const bucket = this.buckets.get(this.dues[0]!)!;
      if (bucket.live > 0) {
        const entries = bucket.entries;
        while (entries[bucket.head] === undefined) bucket.head++;
        return entries[bucket.head];
      }
      // Emptied: its instant leaves the heap.
      this.buckets.delete(bucket.due);
      popDue(this.dues);
    }
  }

  pop(): TimerEntry | undefined {
    const entry = this.peek();
    if (entry) this.take(entry);
    return entry;
  }

  /** Takes a timer out; nothing happens when it already left (fired or removed). */
  remove(entry: TimerEntry): void {
    if (entry.bucket) this.take(entry);
  }

  clear(): void {
    for (const bucket of this.buckets.values())
      for (const entry of bucket.entries) if (entry) entry.bucket = undefined;
    this.buckets.clear();
    this.dues.length = 0;
    this.count = 0;
  }

  private take(entry: TimerEntry): void {
    const bucket = entry.bucket!;
    entry.bucket = undefined;
    // The slot lets go of the entry at once: a bucket may wait long, and it must not keep fired
    // timers (and what they point to) alive.
    bucket.entries[entry.slot] = undefined;
    bucket.live--;
    this.count--;
    if (bucket.live === 0) {
      // Reused by later timers due at the same instant (its instant stays in the heap until then).
      bucket.entries.length = 0;
      bucket.head = 0;
    }
  }
}

function pushDue(heap: number[], due: number): void {
  let i = heap.length;
  heap.push(due);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]! <= due) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = due;
}

function popDue(heap: number[]): void {
  const last = heap.pop()!;
  const n = heap.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    const right = left + 1;
    const child = right < n && heap[right]! < heap[left]! ? right : left;
    if (heap[child]! >= last) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
}
