import { ExactNumberLiteral } from './go-json-text.ts';
import type { Schema } from './schema-language.ts';

/**
 * Whether a JSON value decodes into a schema exactly as it is: no Go error, and nothing Go would
 * change (no case-folded key, no `null` inside an array or a map, no number to normalise). Every
 * worker answer and client request is checked, and nearly all of them decode as they are, so this
 * is the fast path of `decodeLikeGo`: one checker function per schema node, compiled once. `false`
 * means only "not sure": the caller then runs the full walk, which finds Go's text or the rewrite.
 *
 * @example
 * decodesAsIs({ workflowId: 'wf' }, obj('WorkflowGetRequest', { workflowId: str })); // true
 * decodesAsIs({ WorkflowId: 'wf' }, obj('WorkflowGetRequest', { workflowId: str })); // false
 */
export function decodesAsIs(value: unknown, schema: Schema): boolean {
  return checkerOf(schema)(value, 0);
}

/** Checks one value at a nesting depth; `undefined` and `null` are handled by the caller. */
type Checker = (value: unknown, depth: number) => boolean;

// The checkers recurse; past this depth they answer "not sure" and the caller's loop-based walk,
// which no nesting can overflow, takes over.
const MAX_DEPTH = 64;

const checkers = new WeakMap<Schema, Checker>();

function checkerOf(schema: Schema): Checker {
  let checker = checkers.get(schema);
  if (checker === undefined) {
    checker = compile(schema);
    checkers.set(schema, checker);
  }
  return checker;
}

function compile(schema: Schema): Checker {
  switch (schema.t) {
    case 'any':
      return (value) => !(value instanceof ExactNumberLiteral);
    case 'string':
      return (value) => typeof value === 'string';
    case 'bool':
      return (value) => typeof value === 'boolean';
    case 'float':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'float32':
      return (value) => typeof value === 'number' && Number.isFinite(value) && Math.fround(value) === value;
    case 'int': {
      // 2^63 itself decodes: JavaScript reads int64's largest value as 2^63.
      const [min, max] = schema.bits === 32 ? [-(2 ** 31), 2 ** 31 - 1] : [-(2 ** 63), 2 ** 63];
      return (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
    }
    case 'enum': {
      const values = new Set(schema.values);
      return (value) => typeof value === 'string' && values.has(value);
    }
    case 'array': {
      const item = schema.of;
      return (value, depth) => {
        if (!Array.isArray(value) || depth > MAX_DEPTH) return false;
        const check = checkerOf(item);
        for (let i = 0; i < value.length; i++) {
          const element: unknown = value[i];
          if (element === null || (element !== undefined && !check(element, depth + 1))) return false;
        }
        return true;
      };
    }
    case 'map': {
      const item = schema.of;
      return (value, depth) => {
        if (!isPlainRecord(value) || depth > MAX_DEPTH) return false;
        const check = checkerOf(item);
        for (const key in value) {
          const element = value[key];
          if (element === null || (element !== undefined && !check(element, depth + 1))) return false;
        }
        return true;
      };
    }
    case 'object':
      return compileObject(schema);
  }
}

function compileObject(schema: Schema & { t: 'object' }): Checker {
  const lowerNames = new Set(Object.keys(schema.fields).map((name) => name.toLowerCase()));
  // Lazy fields (recursive schemas) are resolved on first use, not at compile time.
  const fieldCheckers = new Map<string, () => Checker>();
  const requiredEnums = new Set<string>();
  for (const [name, entry] of Object.entries(schema.fields)) {
    let resolved: Checker | undefined;
    fieldCheckers.set(name, () => {
      resolved ??= checkerOf(typeof entry === 'function' ? entry() : entry);
      return resolved;
    });
    if (typeof entry !== 'function' && entry.t === 'enum' && entry.required) requiredEnums.add(name);
  }
  return (value, depth) => {
    if (!isPlainRecord(value) || depth > MAX_DEPTH) return false;
    for (const key in value) {
      const field = fieldCheckers.get(key);
      if (field === undefined) {
        // Unknown keys are ignored by Go; a key that differs from a field only in case is not.
        if (lowerNames.has(key.toLowerCase())) return false;
        continue;
      }
      const fieldValue = value[key];
      if (fieldValue === undefined) continue;
      if (fieldValue === null) {
        if (requiredEnums.has(key)) return false;
        continue;
      }
      if (!field()(fieldValue, depth + 1)) return false;
    }
    return true;
  };
}

// Plain objects only, so `for…in` (no key array per object, unlike Object.keys) sees own keys alone;
// anything else is left to the walk.
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
