import { describe, expect, it } from 'vitest';
import type { TimerOwner } from '../../simulator/clock/clock.ts';
import { SkippingClock } from '../../simulator/clock/skipping-clock.ts';

const START = Date.UTC(2026, 0, 1);
const passive: TimerOwner = { passive: true, forgetTimer: () => {} };
const realSetTimeout = globalThis.setTimeout;

describe('SkippingClock', () => {
  it('runs in real time and fires a timer when real time reaches it, never before its instant', async () => {
    const clock = new SkippingClock(START);
    const firedAt: number[] = [];
    clock.setTimer(() => firedAt.push(clock.now()), 20);
    expect(clock.now() - START).toBeLessThan(20);
    await new Promise((resolve) => realSetTimeout(resolve, 60));
    expect(firedAt).toHaveLength(1);
    expect(firedAt[0]! - START).toBeGreaterThanOrEqual(20);
    clock.clearAll();
  });

  it('jumps to the next active timer, firing the passive timers due before it at their own instants', () => {
    const clock = new SkippingClock(START);
    const fired: [string, number][] = [];
    const at = (name: string) => () => fired.push([name, clock.now() - START]);
    clock.setTimer(at('day'), 86_400_000);
    clock.setTimer(at('cap 60 s'), 60_000, passive);
    clock.setTimer(at('cap 2 days'), 2 * 86_400_000, passive);
    expect(clock.nextSkipTarget()! - START).toBe(86_400_000);
    expect(clock.firePassiveTimersBeforeNextActive()).toBe(1);
    expect(clock.skipToNextActiveTimer()).toBe(1);
    expect(fired.map(([name]) => name)).toEqual(['cap 60 s', 'day']);
    expect(fired[0]![1]).toBeGreaterThanOrEqual(60_000);
    expect(fired[0]![1]).toBeLessThan(61_000);
    expect(fired[1]![1]).toBeGreaterThanOrEqual(86_400_000);
    expect(fired[1]![1]).toBeLessThan(86_401_000);
    // Only a passive timer left: nothing to jump to.
    expect(clock.nextSkipTarget()).toBeUndefined();
    expect(clock.firePassiveTimersBeforeNextActive()).toBe(0);
    expect(clock.skipToNextActiveTimer()).toBe(0);
    clock.clearAll();
  });

  it('fires timers due at one instant in creation order, independent owners in one jump', () => {
    const clock = new SkippingClock(START);
    const fired: string[] = [];
    const owner = (): TimerOwner => ({ forgetTimer: () => {} });
    const a = owner();
    const b = owner();
    clock.setTimer(() => fired.push('a1'), 1_000, a);
    clock.setTimer(() => fired.push('b1'), 1_000, b);
    clock.setTimer(() => fired.push('a2'), 1_000, a);
    expect(clock.skipToNextActiveTimer()).toBe(2);
    expect(fired).toEqual(['a1', 'b1']);
    expect(clock.skipToNextActiveTimer()).toBe(1);
    expect(fired).toEqual(['a1', 'b1', 'a2']);
    clock.clearAll();
  });

  it('moves forward only, and a cleared timer never fires', () => {
    const clock = new SkippingClock(START);
    let fired = false;
    const handle = clock.setTimer(() => (fired = true), 5_000);
    clock.clearTimer(handle);
    clock.moveTo(START + 10_000);
    clock.moveTo(START);
    expect(clock.now() - START).toBeGreaterThanOrEqual(10_000);
    expect(clock.skipToNextActiveTimer()).toBe(0);
    expect(fired).toBe(false);
    clock.clearAll();
  });
});
