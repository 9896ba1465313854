import { CheckFailure, SkipScenario } from './checks.ts';
import { RawClient } from './client.ts';
import { ScenarioContext } from './context.ts';
import type { ScenarioWorker } from './kit/index.ts';
import type { Scenario, ScenarioResult } from './scenario.ts';

/** Options of a conformance run. */
export interface RunOptions {
  serverUrl: string;
  worker: ScenarioWorker;
  /** Only scenarios whose name contains this substring. */
  filter?: string;
  /** Scenarios running at the same time (default 16). */
  concurrency?: number;
  /** Prefix of every workflow id (default: a run-unique one). */
  runPrefix?: string;
  /** Called as each scenario ends. */
  onResult?: (result: ScenarioResult) => void;
}

/**
 * A workflow-id prefix unique to this run, so runs against the same server never collide.
 *
 * @example
 * runPrefix(); // 'conf-m3x9k2-a81f'
 */
export function runPrefix(): string {
  return `conf-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Runs one scenario and turns its outcome into a result (never throws).
 *
 * @example
 * const result = await runScenario(scenario, client, worker, 'conf-x');
 */
export async function runScenario(
  scenario: Scenario,
  client: RawClient,
  worker: ScenarioWorker,
  prefix: string,
): Promise<ScenarioResult> {
  const ctx = new ScenarioContext(client, worker, `${prefix}-${scenario.name}`);
  const started = Date.now();
  const timeoutMs = scenario.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CheckFailure(`scenario: expected to finish within ${timeoutMs} ms got no end`)),
      timeoutMs,
    );
  });
  let result: ScenarioResult;
  try {
    await Promise.race([scenario.run(ctx), timeout]);
    result = { name: scenario.name, status: 'pass', ms: Date.now() - started };
  } catch (error) {
    const ms = Date.now() - started;
    if (error instanceof SkipScenario)
      result = { name: scenario.name, status: 'skip', ms, message: error.message };
    else if (error instanceof CheckFailure)
      result = { name: scenario.name, status: 'fail', ms, message: error.message };
    else
      result = { name: scenario.name, status: 'fail', ms, message: `unexpected error: ${describe(error)}` };
  } finally {
    clearTimeout(timer);
  }
  await ctx.cleanup();
  return result;
}

/**
 * Runs the scenarios (concurrently, bounded) and returns the results in scenario order.
 *
 * @example
 * const results = await runScenarios(allScenarios, { serverUrl, worker });
 */
export async function runScenarios(
  scenarios: readonly Scenario[],
  options: RunOptions,
): Promise<ScenarioResult[]> {
  const client = new RawClient(options.serverUrl);
  const prefix = options.runPrefix ?? runPrefix();
  const selected = scenarios.filter((s) => !options.filter || s.name.includes(options.filter));
  const results: ScenarioResult[] = new Array(selected.length);
  let next = 0;
  const lane = async () => {
    for (;;) {
      const index = next++;
      const scenario = selected[index];
      if (!scenario) return;
      const result = await runScenario(scenario, client, options.worker, prefix);
      results[index] = result;
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 16) }, lane));
  return results;
}

/** Formats a result as the CLI prints it. Example: `formatResult(r)` → `PASS start-get (812 ms)`. */
export function formatResult(result: ScenarioResult): string {
  if (result.status === 'pass') return `PASS ${result.name} (${result.ms} ms)`;
  if (result.status === 'skip') return `SKIP ${result.name}: ${result.message ?? ''}`;
  return `FAIL ${result.name}: ${result.message ?? ''}`;
}

/** The summary line. Example: `summarize(results)` → `40 passed, 2 failed, 1 skipped`. */
export function summarize(results: readonly ScenarioResult[]): string {
  const count = (status: ScenarioResult['status']) => results.filter((r) => r.status === status).length;
  return `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
