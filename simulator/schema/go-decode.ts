import { decodesAsIs } from './decodes-as-is.ts';
import { goName, mismatch } from './go-error-text.ts';
import { ExactNumberLiteral } from './go-json-text.ts';
import { setOwn } from './own-property.ts';
import type { Schema } from './schema-language.ts';

/**
 * A JSON value decoded into a schema as Go's `encoding/json` decodes it into iWF's generated
 * models: field names match case-insensitively (a later key for a field wins, and every key's value
 * is checked, also one a later key overwrites); `null` inside an array or a map becomes the element
 * type's zero value (`{}`, `""`, `0`, `false`); `null` for a required enum field is refused (Go
 * calls the enum's decoder, which refuses `""`); wrong JSON types, fractional, overflowing or
 * `1e2`-written integers and unknown enum values are refused with Go's text. Both walks are loops,
 * so no nesting depth can overflow the stack.
 *
 * @example
 * decodeLikeGo({ WorkflowId: 'wf', keys: [null] }, RequestSchemas['/api/v1/workflow/dataobjects/get']!);
 * // { value: { workflowId: 'wf', keys: [''] } }
 */
export function decodeLikeGo(
  value: unknown,
  schema: Schema,
): { value: unknown; problem?: undefined } | { problem: string } {
  return decodesAsIs(value, schema) ? { value } : decodeLikeGoByWalking(value, schema);
}

/**
 * `decodeLikeGo` without its fast path: the full walk, which every answer the fast path is not
 * sure of goes through. Exported as the reference the fast path is tested against.
 *
 * @example
 * decodeLikeGoByWalking({ WorkflowId: 'wf' }, RequestSchemas['/api/v1/workflow/get']!);
 * // { value: { workflowId: 'wf' } }
 */
export function decodeLikeGoByWalking(
  value: unknown,
  schema: Schema,
): { value: unknown; problem?: undefined } | { problem: string } {
  const inspected = inspect(value, schema, false);
  // The walk builds no field paths (every worker answer goes through it); a problem is found
  // again with them, for Go's text.
  if (typeof inspected === 'string') return { problem: inspect(value, schema, true) as string };
  return { value: inspected ? rewrite(value, schema) : value };
}

// The walk's stack as four parallel lists kept between calls (decoding is synchronous): every
// worker answer is inspected, and a tuple per node was most of what the walk allocated.
const walkValues: unknown[] = [];
const walkSchemas: Schema[] = [];
const walkStructs: string[] = [];
const walkPaths: string[] = [];
let walkTop = 0;

function pushWalk(value: unknown, schema: Schema, struct: string, path: string): void {
  walkValues[walkTop] = value;
  walkSchemas[walkTop] = schema;
  walkStructs[walkTop] = struct;
  walkPaths[walkTop] = path;
  walkTop++;
}

// Go's error, `true` when the value needs rewriting (folded keys, nulls in arrays, whole floats),
// or `false` when it decodes as it is. Document order: children are pushed in reverse.
function inspect(root: unknown, rootSchema: Schema, withPaths: boolean): string | boolean {
  walkTop = 0;
  pushWalk(root, rootSchema, '', '');
  const result = walkInspect(withPaths);
  // Drop what the lists still hold of this value, so a kept list keeps no answer alive.
  for (let i = 0; i < walkTop; i++) walkValues[i] = undefined;
  walkTop = 0;
  return result;
}

function walkInspect(withPaths: boolean): string | boolean {
  let needsRewrite = false;
  while (walkTop > 0) {
    walkTop--;
    const value = walkValues[walkTop];
    walkValues[walkTop] = undefined;
    const schema = walkSchemas[walkTop]!;
    const struct = walkStructs[walkTop]!;
    const path = walkPaths[walkTop]!;
    if (value === null || value === undefined) continue;
    switch (schema.t) {
      case 'any':
        if (value instanceof ExactNumberLiteral) needsRewrite = true;
        continue;
      case 'string':
      case 'bool':
      case 'float':
      case 'float32':
      case 'int':
      case 'enum': {
        if (value instanceof ExactNumberLiteral) needsRewrite = true;
        else if (schema.t === 'float32' && typeof value === 'number' && Math.fround(value) !== value)
          needsRewrite = true;
        const problem = scalarProblem(value, schema, struct, path);
        if (problem) return problem;
        continue;
      }
      case 'array': {
        if (!Array.isArray(value)) return mismatch(value, `[]${goName(schema.of)}`, struct, path);
        for (let i = value.length - 1; i >= 0; i--) {
          const item = value[i];
          if (item === null) {
            needsRewrite = true;
            if (schema.of.t === 'enum') return ` is not a valid ${schema.of.name}`;
          } else pushWalk(item, schema.of, struct, path);
        }
        continue;
      }
      case 'map': {
        if (typeof value !== 'object' || Array.isArray(value)) return mismatch(value, 'map', struct, path);
        const items = Object.values(value);
        for (let i = items.length - 1; i >= 0; i--) {
          if (items[i] === null) {
            needsRewrite = true;
            if (schema.of.t === 'enum') return ` is not a valid ${schema.of.name}`;
          } else pushWalk(items[i], schema.of, struct, path);
        }
        continue;
      }
      case 'object': {
        if (typeof value !== 'object' || Array.isArray(value) || value instanceof ExactNumberLiteral)
          return mismatch(value, schema.name, struct, path);
        const record = value as Record<string, unknown>;
        const owner = struct || schema.name;
        const keys = Object.keys(record);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          const name = fieldName(schema, key);
          if (name === undefined) continue;
          if (name !== key) needsRewrite = true;
          const fieldSchema = fieldOf(schema, name);
          const field = record[key];
          if (field === null) {
            if (fieldSchema.t === 'enum' && fieldSchema.required)
              return ` is not a valid ${fieldSchema.name}`;
            continue;
          }
          pushWalk(field, fieldSchema, owner, withPaths ? (path ? `${path}.${name}` : name) : '');
        }
      }
    }
  }
  return needsRewrite;
}

type Build = [
  value: unknown,
  schema: Schema,
  into: Record<string, unknown> | unknown[],
  key: string | number,
];

// A copy with keys matched to fields, nulls in arrays and maps as zero values, whole floats as
// numbers. Runs only after inspect() found nothing wrong.
function rewrite(root: unknown, rootSchema: Schema): unknown {
  const holder: unknown[] = [undefined];
  const stack: Build[] = [[root, rootSchema, holder, 0]];
  while (stack.length > 0) {
    const [value, schema, into, key] = stack.pop()!;
    const put = (v: unknown): void => setOwn(into as Record<string, unknown>, String(key), v);
    if (value instanceof ExactNumberLiteral || (schema.t === 'float32' && typeof value === 'number')) {
      const number = value instanceof ExactNumberLiteral ? value.value : (value as number);
      put(schema.t === 'float32' ? Math.fround(number) : number);
      continue;
    }
    if (value === null || value === undefined || typeof value !== 'object') {
      put(value);
      continue;
    }
    if (schema.t === 'array' && Array.isArray(value)) {
      const out: unknown[] = new Array(value.length);
      put(out);
      for (let i = 0; i < value.length; i++)
        stack.push([value[i] === null ? zeroOf(schema.of) : value[i], schema.of, out, i]);
    } else if (schema.t === 'map') {
      const out: Record<string, unknown> = {};
      put(out);
      for (const [k, item] of Object.entries(value)) {
        setOwn(out, k, undefined);
        stack.push([item === null ? zeroOf(schema.of) : item, schema.of, out, k]);
      }
    } else if (schema.t === 'object' && !Array.isArray(value)) {
      const out: Record<string, unknown> = {};
      put(out);
      const entries = Object.entries(value);
      // A later key for the same field wins, as Go decodes in order.
      const winners = new Map<string, string>();
      for (const [k] of entries) {
        const name = fieldName(schema, k);
        if (name !== undefined) winners.set(name, k);
      }
      for (const [k, field] of entries) {
        const name = fieldName(schema, k);
        if (name === undefined) setOwn(out, k, field);
        else if (winners.get(name) === k) {
          out[name] = undefined;
          stack.push([field, fieldOf(schema, name), out, name]);
        }
      }
    } else put(value);
  }
  return holder[0];
}

function zeroOf(schema: Schema): unknown {
  switch (schema.t) {
    case 'object':
      return {};
    case 'string':
      return '';
    case 'int':
    case 'float':
    case 'float32':
      return 0;
    case 'bool':
      return false;
    default:
      return null;
  }
}

function fieldName(schema: Schema & { t: 'object' }, key: string): string | undefined {
  if (Object.hasOwn(schema.fields, key)) return key;
  const lower = key.toLowerCase();
  for (const name in schema.fields) if (name.toLowerCase() === lower) return name;
  return undefined;
}

function fieldOf(schema: Schema & { t: 'object' }, name: string): Schema {
  const entry = schema.fields[name]!;
  return typeof entry === 'function' ? entry() : entry;
}

function scalarProblem(value: unknown, schema: Schema, struct: string, path: string): string | undefined {
  switch (schema.t) {
    case 'string':
      return typeof value === 'string' ? undefined : mismatch(value, 'string', struct, path);
    case 'bool':
      return typeof value === 'boolean' ? undefined : mismatch(value, 'bool', struct, path);
    case 'float': {
      const number = value instanceof ExactNumberLiteral ? value.value : value;
      return typeof number === 'number' && Number.isFinite(number)
        ? undefined
        : mismatch(value, 'float64', struct, path);
    }
    case 'float32': {
      const number = value instanceof ExactNumberLiteral ? value.value : value;
      return typeof number === 'number' && Math.abs(number) <= FLOAT32_MAX
        ? undefined
        : mismatch(value, 'float32', struct, path);
    }
    case 'int': {
      if (value instanceof ExactNumberLiteral) {
        if (!value.isInteger) return mismatch(value, `int${schema.bits}`, struct, path);
        const exact = BigInt(value.literal);
        const limit = 1n << BigInt(schema.bits - 1);
        return exact >= -limit && exact < limit
          ? undefined
          : mismatch(value, `int${schema.bits}`, struct, path);
      }
      // 2^63 itself passes: JavaScript reads 9223372036854775807 (int64's largest) as 2^63.
      const [min, max] = schema.bits === 32 ? [-(2 ** 31), 2 ** 31 - 1] : [-(2 ** 63), 2 ** 63];
      if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
        return undefined;
      return mismatch(value, `int${schema.bits}`, struct, path);
    }
    case 'enum':
      if (typeof value !== 'string') return mismatch(value, schema.name, struct, path);
      return schema.values.includes(value) ? undefined : `${value} is not a valid ${schema.name}`;
    default:
      return undefined;
  }
}

const FLOAT32_MAX = 3.4028234663852886e38;
