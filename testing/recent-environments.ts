import type { Simulator } from '../simulator/simulator.ts';
import type { TestEnvironment } from './environment.ts';

/**
 * How many environments are kept for a failure report. Outside vitest (a script, a benchmark, a
 * custom runner) nothing forgets them, and an exploration makes one per seed: without a bound, every
 * closed environment and all its workflows would stay in memory for the life of the process.
 */
export const REMEMBERED_ENVIRONMENTS = 20;

const recent: TestEnvironment[] = [];

/** Remembers an environment (the last 20) so a failing test can show what its workflows did. */
export function rememberEnvironment(env: TestEnvironment): TestEnvironment {
  if (recent.length >= REMEMBERED_ENVIRONMENTS) recent.shift();
  recent.push(env);
  return env;
}

/**
 * The timelines of the workflows of every environment created since the last call, for a failure
 * report (sim backends only: a real server's history stays in Temporal).
 *
 * @example
 * onTestFailed(() => console.log(takeRecentHistories()));
 */
export function takeRecentHistories(maxWorkflows = 5, maxLines = 80): string {
  const parts: string[] = [];
  for (const env of recent.splice(0)) {
    for (const workflow of env.simulator?.listWorkflows().slice(0, maxWorkflows) ?? []) {
      const lines = env.simulator!.formatHistory(workflow.workflowId).split('\n');
      const shown =
        lines.length > maxLines
          ? [...lines.slice(0, maxLines), `  … ${lines.length - maxLines} more lines`]
          : lines;
      parts.push(shown.join('\n'));
    }
  }
  return parts.join('\n\n');
}

/**
 * The simulators of the environments created since the last `forgetEnvironments()` (sim backends;
 * the last 20 of them).
 *
 * @example
 * onTestFailed(({ task }) => writeTimelineFile(task.name, recentSimulators()));
 */
export function recentSimulators(): Simulator[] {
  return recent.flatMap((env) => (env.simulator ? [env.simulator] : []));
}

/** Forgets remembered environments (at the start of each test). @example forgetEnvironments(); */
export function forgetEnvironments(): void {
  recent.length = 0;
}
