import { decodeLikeGo } from './go-decode.ts';
import type { Schema } from './schema-language.ts';

/**
 * Checks a JSON value; returns Go's error text, or undefined when it would decode.
 *
 * @example
 * checkSchema('x', obj('X', {})); // 'json: cannot unmarshal string into Go value of type X'
 */
export function checkSchema(value: unknown, schema: Schema): string | undefined {
  return decodeLikeGo(value, schema).problem;
}
