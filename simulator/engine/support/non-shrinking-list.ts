// The storage of every list that never held an item (never written to).
const NO_ITEMS: never[] = [];

/**
 * An ordered list whose storage never shrinks. A JavaScript array that empties and fills again
 * (a state ends, the next one starts) has its backing store trimmed by V8 and reallocated on the next
 * push, ~150 bytes each time that live until the owner's next step; this keeps the slots and counts.
 *
 * @example
 * const list = new NonShrinkingList<string>();
 * list.push('a');
 * list.remove('a');
 * list.size; // 0
 */
export class NonShrinkingList<T> {
  private items: (T | undefined)[] = NO_ITEMS;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The item at `index` (0 ≤ index < size). */
  at(index: number): T {
    return this.items[index] as T;
  }

  push(item: T): void {
    // The first item gets an array of one (an empty array grown by push reserves 17 slots).
    if (this.items === NO_ITEMS) this.items = [item];
    else if (this.count < this.items.length) this.items[this.count] = item;
    else this.items.push(item);
    this.count++;
  }

  indexOf(item: T): number {
    for (let i = 0; i < this.count; i++) if (this.items[i] === item) return i;
    return -1;
  }

  /** Removes the item at `index`, keeping the order of the others. */
  removeAt(index: number): void {
    const items = this.items;
    for (let i = index + 1; i < this.count; i++) items[i - 1] = items[i];
    this.count--;
    items[this.count] = undefined;
  }

  /** Removes the first occurrence of `item`; false when absent. */
  remove(item: T): boolean {
    const index = this.indexOf(item);
    if (index < 0) return false;
    this.removeAt(index);
    return true;
  }

  /** Removes every item (the storage stays). */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.items[i] = undefined;
    this.count = 0;
  }

  /** Removes and returns the first item (undefined when empty). */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const first = this.items[0] as T;
    this.removeAt(0);
    return first;
  }
}
