// The wire-test kit: answer builders, non-200 answers and the HTTP scenario worker, used by the
// conformance scenarios and by the simulator's own tests (tests import the kit, never the reverse).
export * from './answers.ts';
export * from './scenario-worker.ts';
export * from './worker-answer.ts';

/**
 * Waits real time, for scenarios that run against a real server.
 *
 * @example
 * await sleep(500);
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
