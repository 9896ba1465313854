import type { WorkflowRun } from './workflow-run.ts';

/** How long closed workflows are kept by default: a working day and then some (24 h). */
export const DEFAULT_RETENTION_MS = 24 * 3600 * 1000;

/**
 * Temporal's retention for the simulator: a closed run is forgotten once it has been closed for
 * `retentionMs` (0 keeps everything forever), as a real namespace's retention does, so a simulator
 * left running for weeks does not grow without bound. Nothing is done per step: a sweep runs at
 * most once per `retentionMs / 24` of clock time (and at least every hour), when asked by a client
 * request or a move of the clock, and walks the runs once.
 *
 * @example
 * const retention = new Retention(24 * 3600_000);
 * retention.sweepIfDue(clock.now(), (closedBefore) => engine.forgetClosedRuns(closedBefore));
 */
export class Retention {
  private nextSweepAt: number | undefined;
  private readonly everyMs: number;

  constructor(readonly retentionMs: number) {
    this.everyMs = Math.min(Math.max(retentionMs / 24, 1000), 3600 * 1000);
  }

  /** Sweeps when one is due: `forget` drops runs closed before the instant it is given. */
  sweepIfDue(now: number, forget: (closedBefore: number) => number): void {
    if (this.retentionMs <= 0) return;
    if (this.nextSweepAt === undefined) this.nextSweepAt = now + this.everyMs;
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.everyMs;
    forget(now - this.retentionMs);
  }
}

/**
 * Whether a run closed before `instant` (a running run never did).
 *
 * @example
 * closedBefore(run, clock.now() - retentionMs);
 */
export function closedBefore(run: WorkflowRun, instant: number): boolean {
  const closedAt = run.outcome?.closedAt;
  return closedAt !== undefined && closedAt < instant;
}

/**
 * Parses a retention given as text: `24h`, `90m`, `7d`, `3600s`, `500ms`, or `0` for forever.
 *
 * @example
 * parseRetention('24h'); // 86400000
 */
export function parseRetention(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 'ms']!;
  return Number(match[1]) * unit;
}
