import type { EngineRuntime } from './runtime.ts';

// Captured at load, like the in-flight work counter: a test that fakes timers must not stall the engine.
const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;

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
 * The pause before one workflow step (a state API call) on the wall clock: `stepLatencyMs` of real
 * time, like the workflow task and activity scheduling of a real server. Undefined (no pause, no
 * promise) when the latency is 0, which it always is on the virtual clock.
 *
 * @example
 * const pause = stepPause(runtime);
 * if (pause) await pause;
 */
export function stepPause(runtime: EngineRuntime): Promise<void> | undefined {
  const ms = runtime.stepLatencyMs;
  if (!(ms > 0)) return undefined;
  runtime.inFlightWork.begin();
  return new Promise<void>((resolve) =>
    realSetTimeout(() => {
      runtime.inFlightWork.end();
      resolve();
    }, ms),
  );
}
