import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measure } from '../measure.ts';
import type { Benchmark, BenchResult, BenchSize } from '../types.ts';
import { round } from './signup-throughput.ts';

/** The command's target: `iwf-ts simulator` prints "listening" in well under half a second. */
export const BIN_STARTUP_TARGET_MS = 500;

const bin = fileURLToPath(new URL('../../dist/bin/iwf-ts.js', import.meta.url));

// Loaded before the bin: on "listening", report the process's own CPU time and exit.
const reportCpuOnListening = `data:text/javascript,${encodeURIComponent(`
const log = console.log;
console.log = (...args) => {
  log(...args);
  if (String(args[0]).startsWith('listening on')) {
    const cpu = process.cpuUsage();
    log('cpu-ms ' + (cpu.user + cpu.system) / 1000);
    process.exit(0);
  }
};`)}`;

/**
 * Starts the compiled `iwf-ts simulator --port 0` once; resolves with the wall ms from spawn to
 * "listening" and the CPU ms the process used to get there.
 *
 * @example
 * const { wallMs, cpuMs } = await startOnce();
 */
export function startOnce(): Promise<{ wallMs: number; cpuMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', reportCpuOnListening, bin, 'simulator', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    let wallMs = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (!wallMs && output.includes('listening on')) wallMs = performance.now() - started;
    });
    child.on('exit', (code) => {
      const cpuMs = Number(/cpu-ms ([\d.]+)/.exec(output)?.[1]);
      if (code === 0 && wallMs && cpuMs) resolve({ wallMs, cpuMs });
      else reject(new Error(`iwf-ts simulator exited with ${code} before "listening":\n${output}`));
    });
  });
}

/**
 * Scenario 7: how long `npx iwf-ts simulator` takes to listen (compiled JavaScript, from dist/).
 *
 * @example
 * const results = await binStartup.run('smoke');
 */
export const binStartup: Benchmark = {
  name: 'bin-startup',
  async run(size: BenchSize): Promise<BenchResult[]> {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first`);
    const runs = size === 'full' ? { warmup: 1, repeats: 9 } : { warmup: 0, repeats: 1 };
    const m = await measure({ ...runs, run: startOnce, value: (r) => r.wallMs });
    return [
      {
        name: 'bin-startup',
        value: round(m.median),
        unit: 'ms',
        target: `< ${BIN_STARTUP_TARGET_MS}`,
        ok: m.median < BIN_STARTUP_TARGET_MS,
        context: {
          cpuMsOfMedianRun: round(m.outcome.cpuMs),
          repeats: m.repeats,
          min: round(m.min),
          max: round(m.max),
        },
      },
    ];
  },
};
