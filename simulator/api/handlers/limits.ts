import type { EncodedObject } from '../../../sdk/wire/types.ts';

/** Temporal's default blob size limit (faults doc A28): 2 MB. */
export const BLOB_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Whether values together exceed the 2 MB blob limit the real server enforces (faults doc A28–A30).
 * Counts characters of the JSON text, which is what dominates the payload.
 *
 * @example
 * exceedsBlobLimit([{ encoding: 'json', data: 'x'.repeat(3_000_000) }]); // true
 */
export function exceedsBlobLimit(values: readonly (EncodedObject | undefined | null)[]): boolean {
  let total = 0;
  for (const value of values) {
    if (!value) continue;
    total += (value.data?.length ?? 0) + (value.encoding?.length ?? 0);
    if (total > BLOB_LIMIT_BYTES) return true;
  }
  return false;
}
