import type { ScenarioContext } from './context.ts';

/**
 * One black-box conformance scenario. `run` throws a `CheckFailure` to fail and `SkipScenario` to
 * skip; returning normally passes.
 *
 * @example
 * export const scenarios: Scenario[] = [{ name: 'start-get', run: async (ctx) => { … } }];
 */
export interface Scenario {
  name: string;
  /** Upper bound of the scenario's duration in ms (default 30 000). */
  timeoutMs?: number;
  run(ctx: ScenarioContext): Promise<void>;
}

/** Outcome of one scenario. */
export interface ScenarioResult {
  name: string;
  status: 'pass' | 'fail' | 'skip';
  ms: number;
  /** The failure (expected … got …) or the skip reason. */
  message?: string;
}
