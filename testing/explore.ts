import { type FaultBudget, SeededChoices } from '../simulator/engine/choices/seeded-choices.ts';
import { backend } from './backend.ts';
import type { TestEnvironment } from './environment.ts';

export type { FaultBudget } from '../simulator/engine/choices/seeded-choices.ts';

/** How to explore. */
export interface ExploreOptions {
  /** How many seeds to try, 1 to `seeds` (default 100). */
  seeds?: number;
  /** Run this one seed only (a replay); `IWF_EXPLORE_SEED` does the same without editing the test. */
  seed?: number;
  /** Faults the seeds may inject on their own, from a budget per seed. */
  faults?: FaultBudget;
}

/** What one seed's run of the body gets. */
export interface ExploredRun {
  /** The seed (0: the default order, outside the `sim` backend). */
  readonly seed: number;
  /** What the seed decided so far. */
  readonly decisions: readonly string[];
}

/** What an exploration did. */
export interface ExploreReport {
  /** The seeds run, in order (`[0]` alone outside the `sim` backend). */
  seeds: number[];
}

interface Exploration {
  choices: SeededChoices;
  environments: TestEnvironment[];
}

let current: Exploration | undefined;

/**
 * The decisions of the seed being explored, for a simulator created in it.
 *
 * @example
 * new Simulator({ workerTransport, choices: exploredChoices() });
 */
export function exploredChoices(): SeededChoices | undefined {
  return current?.choices;
}

/**
 * Registers an environment created while a seed runs, so the exploration can show its workflows
 * and close it.
 *
 * @example
 * return noteExploredEnvironment(env);
 */
export function noteExploredEnvironment(env: TestEnvironment): TestEnvironment {
  current?.environments.push(env);
  return env;
}

/**
 * Runs a test body under many seeds (sim backend): each seed picks, where a real server leaves the
 * order open, a different one (docs/exploration.md). A failing seed is reported with its decisions
 * and the workflows' timelines; `explore({ seed }, body)` or `IWF_EXPLORE_SEED` replays it exactly.
 * On `sim-http` and `real`, the body runs once in the default order (on HTTP, arrival order is the
 * network's, so a seed could not be replayed).
 *
 * @example
 * await explore({ seeds: 200 }, async () => {
 *   const env = await createTestEnvironment({ workflows: [UserSignupWorkflow] });
 *   ...
 * });
 */
export async function explore(
  options: ExploreOptions,
  body: (run: ExploredRun) => Promise<void>,
): Promise<ExploreReport> {
  if (backend.reasonItLacks('exploration')) {
    await body({ seed: 0, decisions: [] });
    return { seeds: [0] };
  }
  const seeds = seedsOf(options);
  for (const seed of seeds) {
    const exploration: Exploration = { choices: new SeededChoices(seed, options.faults), environments: [] };
    current = exploration;
    try {
      await body({ seed, decisions: exploration.choices.decisions });
    } catch (error) {
      throw new Error(failureReport(seed, seeds, exploration, error), { cause: error });
    } finally {
      current = undefined;
      for (const env of exploration.environments) await env.close();
    }
  }
  return { seeds };
}

function seedsOf(options: ExploreOptions): number[] {
  const replay =
    options.seed ?? (process.env.IWF_EXPLORE_SEED ? Number(process.env.IWF_EXPLORE_SEED) : undefined);
  if (replay !== undefined) {
    if (!Number.isInteger(replay) || replay < 1)
      throw new Error(`the seed to replay must be a whole number from 1 up, got ${replay}`);
    return [replay];
  }
  const count = options.seeds ?? 100;
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`explore({ seeds }) needs a whole number of seeds, 1 or more; got ${count}`);
  return Array.from({ length: count }, (_, index) => index + 1);
}

function failureReport(seed: number, seeds: number[], exploration: Exploration, error: unknown): string {
  const { decisions } = exploration.choices;
  const shown =
    decisions.length > 200 ? [...decisions.slice(0, 200), `… ${decisions.length - 200} more`] : decisions;
  const timelines = exploration.environments.flatMap((env) =>
    (env.simulator?.listWorkflows() ?? []).map((w) => env.simulator!.formatHistory(w.workflowId)),
  );
  const range = seeds.length === 1 ? `seed ${seed}` : `seed ${seed} (of seeds ${seeds[0]}..${seeds.at(-1)})`;
  return [
    `exploration failed at ${range}: ${error instanceof Error ? error.message : String(error)}`,
    `replay it exactly: explore({ seed: ${seed} }, …) or IWF_EXPLORE_SEED=${seed}`,
    `decisions of seed ${seed} (${decisions.length}):`,
    ...shown.map((decision) => `  - ${decision}`),
    'timelines:',
    ...timelines,
  ].join('\n');
}
