import type { TimerOwner } from '../../clock/clock.ts';
import type { EngineRuntime } from './runtime.ts';

// Captured at load, like the in-flight work counter: a test that fakes timers must not stall the engine.
const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;

/** The owner of step pauses on a skipping clock: a settle skips them (`TimerOwner.stepPause`). */
const STEP_PAUSE: TimerOwner = { stepPause: true, forgetTimer: () => {} };

/**
 * Runs `fn` once the request being handled has answered: on the next turn of the event loop (after
 * the reply's promise settled and, over HTTP, after the reply was written). A real server answers
 * start before its first worker call (20–60 ms before), and clients written against one rely on it.
 * Counted as work in flight, so virtual time never moves in between.
 *
 * @example
 * afterReply(runtime, () => startStateExecution(run, movement));
 */
export function afterReply(runtime: EngineRuntime, fn: () => void): void {
  runtime.inFlightWork.begin();
  realSetImmediate(() => {
    try {
      fn();
    } finally {
      runtime.inFlightWork.end();
    }
  });
}

/**
 * The pause before one workflow step (a state API call): `stepLatencyMs`, like the workflow task
 * and activity scheduling of a real server. Undefined (no pause, no promise) when the latency is 0,
 * which it always is on the virtual clock. On the wall clock it is real time, counted as work in
 * flight; on a skipping clock it is a timer like any other, so it passes in real time while
 * clients are busy (their requests interleave with steps as on a real server) and is skipped when
 * a client only waits.
 *
 * @example
 * const pause = stepPause(runtime);
 * if (pause) await pause;
 */
export function stepPause(runtime: EngineRuntime): Promise<void> | undefined {
  const ms = runtime.stepLatencyMs;
  if (!(ms > 0)) return undefined;
  if (runtime.stepLatencyOnClock)
    return new Promise<void>((resolve) => runtime.clock.setTimer(resolve, ms, STEP_PAUSE));
  runtime.inFlightWork.begin();
  return new Promise<void>((resolve) =>
    realSetTimeout(() => {
      runtime.inFlightWork.end();
      resolve();
    }, ms),
  );
}
