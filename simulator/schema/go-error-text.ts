import { ExactNumberLiteral } from './go-json-text.ts';
import type { Schema } from './schema-language.ts';

/**
 * Go's name of a schema's type in its decoding errors.
 *
 * @example
 * goName(int32); // 'int32'
 */
export function goName(schema: Schema): string {
  switch (schema.t) {
    case 'object':
    case 'enum':
      return schema.name;
    case 'int':
      return `int${schema.bits}`;
    case 'float':
      return 'float64';
    default:
      return schema.t;
  }
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value instanceof ExactNumberLiteral) return `number ${value.literal}`;
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'number' : `number ${value}`;
  return typeof value;
}

/**
 * Go's error for a JSON value of the wrong type: at the top level, or in a field of a struct.
 *
 * @example
 * mismatch(5, 'string', 'WorkflowGetRequest', 'workflowId');
 * // 'json: cannot unmarshal number into Go struct field WorkflowGetRequest.workflowId of type string'
 */
export function mismatch(value: unknown, goType: string, struct: string, path: string): string {
  if (!struct) return `json: cannot unmarshal ${jsonKind(value)} into Go value of type ${goType}`;
  return `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${struct}.${path} of type ${goType}`;
}
