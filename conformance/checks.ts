import { isDeepStrictEqual } from 'node:util';
import type { RawResponse } from './client.ts';

/** A value as JSON text for failure messages (`undefined` spelled out). */
function json(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * A failed check: its message says what was expected and what came back.
 *
 * @example
 * throw new CheckFailure('status: expected 200 got 400');
 */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

/**
 * Thrown by a scenario that cannot run against this server.
 *
 * @example
 * throw new SkipScenario('the server does not support locking RPCs');
 */
export class SkipScenario extends Error {
  override name = 'SkipScenario';
}

/** Deep equality check. Example: `expectEqual('status', res.status, 200)`. */
export function expectEqual(label: string, got: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(normalize(got), normalize(expected))) {
    throw new CheckFailure(`${label}: expected ${json(expected)} got ${json(got)}`);
  }
}

/** Checks that `got` has every field of `expected` (recursively for objects). Example: `expectFields('body', body, { workflowStatus: 'COMPLETED' })`. */
export function expectFields(label: string, got: unknown, expected: Record<string, unknown>): void {
  if (typeof got !== 'object' || got === null) {
    throw new CheckFailure(`${label}: expected an object with ${json(expected)} got ${json(got)}`);
  }
  const record = got as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected)) {
    if (!isDeepStrictEqual(normalize(record[key]), normalize(value))) {
      throw new CheckFailure(
        `${label}.${key}: expected ${json(value)} got ${json(record[key])} (in ${json(got)})`,
      );
    }
  }
}

/** Checks a condition. Example: `expectTrue('elapsed', ms >= 900, '>= 900 ms', ms)`. */
export function expectTrue(label: string, condition: boolean, expected: string, got: unknown): void {
  if (!condition) throw new CheckFailure(`${label}: expected ${expected} got ${json(got)}`);
}

/** Checks status and exact JSON body. Example: `expectResponse('get', res, 400, { detail: '…' })`. */
export function expectResponse(label: string, res: RawResponse, status: number, body: unknown): void {
  const got = res.json === undefined ? res.text : res.json;
  if (res.status !== status || !isDeepStrictEqual(normalize(got), normalize(body))) {
    throw new CheckFailure(
      `${label}: expected ${status} ${json(body)} got ${res.status} ${res.json === undefined ? res.text : json(res.json)}`,
    );
  }
}

/** Checks the status only. Example: `expectStatus('start', res, 200)`. */
export function expectStatus(label: string, res: RawResponse, status: number): void {
  if (res.status !== status) {
    throw new CheckFailure(`${label}: expected status ${status} got ${res.status} ${res.text.slice(0, 300)}`);
  }
}

/** Checks a string starts with a prefix. Example: `expectPrefix('errorMessage', msg, 'statusCode: 400')`. */
export function expectPrefix(label: string, got: unknown, prefix: string, suffix = ''): void {
  if (typeof got !== 'string' || !got.startsWith(prefix) || !got.endsWith(suffix)) {
    throw new CheckFailure(`${label}: expected ${json(`${prefix}…${suffix}`)} got ${json(got)}`);
  }
}

/** Drops `undefined` object fields so `{a: undefined}` equals `{}`. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = normalize(v);
    return out;
  }
  return value;
}

/** Checks a string against a pattern. Example: `expectMatch('errorMessage', msg, /StartToClose/)`. */
export function expectMatch(label: string, got: unknown, pattern: RegExp): void {
  if (typeof got !== 'string' || !pattern.test(got)) {
    throw new CheckFailure(`${label}: expected a match of ${pattern} got ${json(got)}`);
  }
}

/**
 * Runs independent checks and reports every failure at once, so one difference does not hide the
 * next ones.
 *
 * @example
 * const all = new AllChecks();
 * for (const c of cases) await all.check(async () => expectResponse(c.label, await send(c), 400, c.body));
 * all.done();
 */
export class AllChecks {
  private readonly failures: string[] = [];

  /** Runs one check, keeping its failure. */
  async check(run: () => void | Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof CheckFailure)) throw error;
      this.failures.push(error.message);
    }
  }

  /** Throws one `CheckFailure` listing every kept failure. */
  done(): void {
    if (this.failures.length) throw new CheckFailure(this.failures.join('; '));
  }
}
