import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One HTTP exchange recorded on a real iWF server. */
export interface Exchange {
  label: 'api' | 'worker';
  path: string;
  status: number;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

/**
 * Reads a recorded transcript from the project's fixtures.
 *
 * @example
 * const exchanges = readTranscript('signup-real-iwf.jsonl');
 */
export function readTranscript(name: string): Exchange[] {
  const file = fileURLToPath(new URL(`../fixtures/transcripts/${name}`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Exchange);
}

/** Drops empty arrays and objects' undefined fields, which the Python SDK sends and we omit. */
export function withoutEmptyLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyLists);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (Array.isArray(v) && v.length === 0) continue;
      if (v === undefined) continue;
      out[k] = withoutEmptyLists(v);
    }
    return out;
  }
  return value;
}
