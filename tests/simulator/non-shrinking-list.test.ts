import { describe, expect, it } from 'vitest';
import { NonShrinkingList } from '../../simulator/engine/support/non-shrinking-list.ts';

const contents = <T>(list: NonShrinkingList<T>): T[] =>
  Array.from({ length: list.size }, (_, i) => list.at(i));

describe('NonShrinkingList (the engine’s list of threads, timers and channel waiters)', () => {
  it('keeps the order of the remaining items when one in the middle is removed', () => {
    const list = new NonShrinkingList<string>();
    for (const item of ['a', 'b', 'c', 'd']) list.push(item);
    expect(list.remove('b')).toBe(true);
    expect(contents(list)).toEqual(['a', 'c', 'd']);
    list.push('e');
    expect(contents(list)).toEqual(['a', 'c', 'd', 'e']);
  });

  it('answers false for an item it does not hold, and removes only the first of equal items', () => {
    const list = new NonShrinkingList<number>();
    list.push(1);
    list.push(2);
    list.push(1);
    expect(list.remove(3)).toBe(false);
    list.remove(1);
    expect(contents(list)).toEqual([2, 1]);
  });

  it('shifts items first in, first out, and is empty after clear', () => {
    const list = new NonShrinkingList<number>();
    for (let i = 0; i < 5; i++) list.push(i);
    expect([list.shift(), list.shift()]).toEqual([0, 1]);
    list.clear();
    expect(list.size).toBe(0);
    expect(list.shift()).toBeUndefined();
    list.push(9);
    expect(contents(list)).toEqual([9]);
  });
});
