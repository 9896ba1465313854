import { describe, expect, it } from 'vitest';
import { WallClock } from '../../simulator/clock/wall-clock.ts';

describe('the wall clock', () => {
  it('does not fire a 30-day timer at once (Node fires setTimeout delays over 2^31-1 ms immediately)', async () => {
    const clock = new WallClock();
    let fired = false;
    clock.setTimer(
      () => {
        fired = true;
      },
      30 * 24 * 3600 * 1000,
    );
    // The clock under test is real time itself; a few real milliseconds show the overflow, if any.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toBe(false);
    clock.clearAll();
  });

  it('still fires short timers, and not after they are cleared', async () => {
    const clock = new WallClock(1000);
    const fired: string[] = [];
    clock.setTimer(() => fired.push('kept'), 1000);
    const cleared = clock.setTimer(() => fired.push('cleared'), 1000);
    clock.clearTimer(cleared);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toEqual(['kept']);
  });
});
