import { closeSync, openSync, writeSync } from 'node:fs';
import { devNull } from 'node:os';
import { type LiveLogFormat, liveLog, stdoutLines } from '../../simulator/history/live-log.ts';
import { cliSignupRig } from '../http-fixture.ts';
import { measure } from '../measure.ts';
import type { Benchmark, BenchResult, BenchSize } from '../types.ts';
import { runOnRig } from './http-mode.ts';
import { round } from './signup-throughput.ts';

/** The live log may at most double the time of a workload (the bound). */
const MAX_RATIO = 2;

/**
 * What the live log costs: the sign-up workload for 1,000 workflows through the simulator's HTTP
 * server (as `npm run simulator` runs it), with the log off (`--quiet`), readable, and as JSON,
 * written to the null device with synchronous writes like a terminal's stdout. Runs alternate
 * between the three, each round starting with another, so machine noise falls on all alike.
 *
 * @example
 * const results = await liveLogCost.run('smoke');
 */
export const liveLogCost: Benchmark = {
  name: 'live-log',
  async run(size: BenchSize): Promise<BenchResult[]> {
    const workload = size === 'full' ? { workflows: 1_000, reminders: 2 } : { workflows: 3, reminders: 1 };
    const runs = size === 'full' ? { warmup: 1, repeats: 3 } : { warmup: 0, repeats: 1 };
    const fd = openSync(devNull, 'w');
    const sink = { write: (text: string) => writeSync(fd, text) };
    const lines = { count: 0 };
    const observerFor = (format: LiveLogFormat | undefined) => {
      if (!format) return undefined;
      const write = stdoutLines(sink);
      return liveLog(format, (line) => {
        lines.count++;
        write(line);
      });
    };
    const formats: (LiveLogFormat | undefined)[] = [undefined, 'text', 'json'];
    const times = new Map<LiveLogFormat | 'quiet', number[]>();
    const linesPerRun = new Map<string, number>();
    try {
      for (let i = 0; i < runs.warmup + runs.repeats; i++) {
        // Each round starts with another variant, so none always runs first (or after the others).
        const order = [...formats.slice(i % formats.length), ...formats.slice(0, i % formats.length)];
        for (const format of order) {
          lines.count = 0;
          const m = await measure({
            warmup: 0,
            repeats: 1,
            run: () => runOnRig(() => cliSignupRig(observerFor(format)), workload),
            value: (outcome) => outcome.ms,
          });
          if (i < runs.warmup) continue;
          const key = format ?? 'quiet';
          times.set(key, [...(times.get(key) ?? []), m.median]);
          linesPerRun.set(key, lines.count);
        }
      }
    } finally {
      closeSync(fd);
    }
    const median = (key: LiveLogFormat | 'quiet') => {
      const sorted = [...(times.get(key) ?? [])].sort((a, b) => a - b);
      return sorted[(sorted.length - 1) >> 1] ?? Number.NaN;
    };
    const quiet = median('quiet');
    return (['text', 'json'] as const).map((format) => {
      const ratio = median(format) / quiet;
      return {
        name: `live-log/${format}`,
        value: round(ratio),
        unit: 'x quiet',
        target: `< ${MAX_RATIO}`,
        ok: ratio < MAX_RATIO,
        context: {
          ...workload,
          quietMs: round(quiet),
          loggedMs: round(median(format)),
          lines: linesPerRun.get(format) ?? 0,
          repeats: runs.repeats,
        },
      };
    });
  },
};
