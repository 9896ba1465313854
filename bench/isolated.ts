import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult, BenchSize } from './types.ts';

const RUNNER = fileURLToPath(new URL('./run.ts', import.meta.url));

/**
 * Runs each named benchmark in a fresh Node process, one after the other, so no scenario's heap,
 * garbage or JIT state (a call site made polymorphic by another clock or transport) moves the
 * numbers of the next: each number is what that workload costs in a process of its own, and adding
 * a scenario to the suite cannot change the others. The child is this runner with `--only <name>
 * --json`, under `npm run bench`'s Node flags (`--expose-gc`, the tsx loader).
 *
 * @example
 * const results = await runIsolated(['env-create', 'scaling'], 'full', { onStart: console.error });
 */
export async function runIsolated(
  names: readonly string[],
  size: BenchSize,
  hooks: { onStart?: (name: string) => void; onResult?: (result: BenchResult) => void },
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const name of names) {
    hooks.onStart?.(name);
    for (const result of await runChild(name, size)) {
      hooks.onResult?.(result);
      results.push(result);
    }
  }
  return results;
}

function runChild(name: string, size: BenchSize): Promise<BenchResult[]> {
  const args = ['--expose-gc', '--import', 'tsx', RUNNER, '--json', '--in-process', '--only', name];
  if (size === 'smoke') args.push('--smoke');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      // Exit code 1 only says a target was missed; the results are on stdout either way.
      try {
        resolve(JSON.parse(out) as BenchResult[]);
      } catch {
        reject(new Error(`benchmark ${name} (exit ${code}) printed no results:\n${err || out}`));
      }
    });
  });
}
