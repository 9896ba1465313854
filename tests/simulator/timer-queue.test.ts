import { describe, expect, it } from 'vitest';
import { type TimerEntry, TimerQueue } from '../../simulator/clock/timer-queue.ts';

const noop = (): void => {};
const drain = (queue: TimerQueue): number[] => {
  const order: number[] = [];
  for (let entry = queue.pop(); entry; entry = queue.pop()) order.push(entry.arg as number);
  return order;
};

describe('TimerQueue (the virtual clock’s timers)', () => {
  it('fires by due time, and timers due at the same instant in the order they were set', () => {
    const queue = new TimerQueue();
    queue.push(300, noop, undefined, 1);
    queue.push(100, noop, undefined, 2);
    queue.push(300, noop, undefined, 3);
    queue.push(200, noop, undefined, 4);
    queue.push(100, noop, undefined, 5);
    expect(queue.size).toBe(5);
    expect(drain(queue)).toEqual([2, 5, 4, 1, 3]);
    expect(queue.size).toBe(0);
  });

  it('never fires a removed timer, and removing one twice or after it fired changes nothing', () => {
    const queue = new TimerQueue();
    const first = queue.push(100, noop, undefined, 1);
    const second = queue.push(100, noop, undefined, 2);
    queue.push(100, noop, undefined, 3);
    queue.remove(second);
    queue.remove(second);
    expect(queue.pop()).toBe(first);
    queue.remove(first);
    expect(queue.size).toBe(1);
    expect(drain(queue)).toEqual([3]);
  });

  it('reuses an instant whose timers were all removed, keeping the order of later timers', () => {
    const queue = new TimerQueue();
    const a = queue.push(100, noop, undefined, 1);
    queue.remove(a);
    expect(queue.peek()).toBeUndefined();
    queue.push(50, noop, undefined, 2);
    const b = queue.push(100, noop, undefined, 3);
    queue.remove(b);
    queue.push(100, noop, undefined, 4);
    queue.push(100, noop, undefined, 5);
    expect(drain(queue)).toEqual([2, 4, 5]);
  });

  it('orders thousands of random timers, removals included, as sorting by (due, creation) does', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const queue = new TimerQueue();
    const expected: { due: number; seq: number }[] = [];
    const live: TimerEntry[] = [];
    const fired: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      const op = random(10);
      if (op < 6) {
        const due = random(50) * 1_000;
        live.push(queue.push(due, noop, undefined, i));
        expected.push({ due, seq: i });
      } else if (op < 8 && live.length > 0) {
        const [entry] = live.splice(random(live.length), 1);
        queue.remove(entry!);
        expected.splice(
          expected.findIndex((e) => e.seq === entry!.arg),
          1,
        );
      } else {
        const entry = queue.pop();
        if (!entry) continue;
        fired.push(entry.arg as number);
        live.splice(live.indexOf(entry), 1);
        expected.sort((x, y) => x.due - y.due || x.seq - y.seq);
        expect(entry.arg).toBe(expected.shift()!.seq);
      }
    }
    expected.sort((x, y) => x.due - y.due || x.seq - y.seq);
    expect(drain(queue)).toEqual(expected.map((e) => e.seq));
    expect(fired.length).toBeGreaterThan(100);
  });
});
