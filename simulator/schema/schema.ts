/**
 * A tiny JSON schema language that mimics Go's `encoding/json` into the iWF generated models: wrong
 * JSON types, fractional or overflowing integers and enum values outside their list are errors;
 * `null` and unknown fields are fine. Both client requests and worker answers are checked with it.
 *
 * @example
 * const problem = checkSchema({ workflowId: 5 }, obj('WorkflowGetRequest', { workflowId: str }));
 * // 'json: cannot unmarshal number into Go struct field WorkflowGetRequest.workflowId of type string'
 */
export type Schema =
  | { readonly t: 'string' | 'bool' | 'float' | 'any' }
  | { readonly t: 'int'; readonly bits: 32 | 64 }
  | { readonly t: 'enum'; readonly name: string; readonly values: readonly string[] }
  | {
      readonly t: 'object';
      readonly name: string;
      readonly fields: Readonly<Record<string, Schema | (() => Schema)>>;
    }
  | { readonly t: 'array' | 'map'; readonly of: Schema };

/** A JSON string. @example obj('X', { a: str }) */
export const str: Schema = { t: 'string' };
/** A JSON boolean. @example obj('X', { a: bool }) */
export const bool: Schema = { t: 'bool' };
/** A JSON number. @example obj('X', { a: float }) */
export const float: Schema = { t: 'float' };
/** A 32-bit integer. @example obj('X', { a: int32 }) */
export const int32: Schema = { t: 'int', bits: 32 };
/** A 64-bit integer. @example obj('X', { a: int64 }) */
export const int64: Schema = { t: 'int', bits: 64 };
/** Anything. @example obj('X', { a: anyValue }) */
export const anyValue: Schema = { t: 'any' };

/** A string enum. @example enumOf('WorkflowStopType', ['CANCEL']) */
export function enumOf(name: string, values: readonly string[]): Schema {
  return { t: 'enum', name, values };
}
/** An object with named fields (lazy thunks allow recursion). @example obj('X', { a: str }) */
export function obj(name: string, fields: Record<string, Schema | (() => Schema)>): Schema {
  return { t: 'object', name, fields };
}
/** An array. @example arr(str) */
export function arr(of: Schema): Schema {
  return { t: 'array', of };
}
/** A string-keyed map. @example mapOf(int32) */
export function mapOf(of: Schema): Schema {
  return { t: 'map', of };
}

/**
 * Checks a JSON value; returns Go's error text, or undefined when it would decode.
 *
 * @example
 * checkSchema('x', obj('X', {})); // 'json: cannot unmarshal string into Go value of type X'
 */
export function checkSchema(value: unknown, schema: Schema): string | undefined {
  // Every worker answer is checked: the common valid case builds no field paths.
  if (isValid(value, schema)) return undefined;
  return check(value, schema, '', '');
}

/**
 * The value with its object keys matched to the schema's fields as Go's `encoding/json` matches
 * them: an exact name first, else a case-insensitive one (`WorkflowId` fills `workflowId`), a later
 * key overwriting an earlier one for the same field. Keys that match no field stay as they are.
 * Returns the value itself when every key is already exact.
 *
 * @example
 * matchFieldNames({ WorkflowId: 'wf' }, obj('WorkflowGetRequest', { workflowId: str })); // { workflowId: 'wf' }
 */
export function matchFieldNames(value: unknown, schema: Schema): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (schema.t === 'array') {
    if (!Array.isArray(value)) return value;
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const matched = matchFieldNames(value[i], schema.of);
      if (matched !== value[i]) {
        out ??= value.slice();
        out[i] = matched;
      }
    }
    return out ?? value;
  }
  if (schema.t === 'map') {
    if (Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const key in record) {
      const matched = matchFieldNames(record[key], schema.of);
      if (matched !== record[key]) {
        out ??= { ...record };
        out[key] = matched;
      }
    }
    return out ?? value;
  }
  if (schema.t !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const fields = schema.fields;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const key in record) {
    const name = key in fields ? key : foldedField(fields, key);
    const field = name === undefined ? undefined : fields[name];
    const fieldSchema = field === undefined ? undefined : typeof field === 'function' ? field() : field;
    const matched = fieldSchema === undefined ? record[key] : matchFieldNames(record[key], fieldSchema);
    if (name !== undefined && name !== key) {
      changed = true;
      // A later key for the same field wins, as Go decodes in order.
      delete out[name];
      out[name] = matched;
    } else {
      if (matched !== record[key]) changed = true;
      out[key] = matched;
    }
  }
  return changed ? out : value;
}

function foldedField(fields: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const name in fields) if (name.toLowerCase() === lower) return name;
  return undefined;
}

function isValid(value: unknown, schema: Schema): boolean {
  if (value === null || value === undefined) return true;
  switch (schema.t) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'float':
      return typeof value === 'number';
    case 'int': {
      const limit = schema.bits === 32 ? 2 ** 31 : 2 ** 63;
      return typeof value === 'number' && Number.isInteger(value) && value >= -limit && value < limit;
    }
    case 'enum':
      return typeof value === 'string' && schema.values.includes(value);
    case 'array': {
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) if (!isValid(value[i], schema.of)) return false;
      return true;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      for (const key in record) if (!isValid(record[key], schema.of)) return false;
      return true;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      for (const key in schema.fields) {
        const field = record[key];
        if (field === undefined || field === null) continue;
        const entry = schema.fields[key]!;
        if (!isValid(field, typeof entry === 'function' ? entry() : entry)) return false;
      }
      return true;
    }
  }
}

function check(value: unknown, schema: Schema, struct: string, path: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (schema.t) {
    case 'any':
      return undefined;
    case 'string':
      return typeof value === 'string' ? undefined : mismatch(value, 'string', struct, path);
    case 'bool':
      return typeof value === 'boolean' ? undefined : mismatch(value, 'bool', struct, path);
    case 'float':
      return typeof value === 'number' ? undefined : mismatch(value, 'float64', struct, path);
    case 'int': {
      const limit = schema.bits === 32 ? 2 ** 31 : 2 ** 63;
      if (typeof value === 'number' && Number.isInteger(value) && value >= -limit && value < limit)
        return undefined;
      return mismatch(value, `int${schema.bits}`, struct, path);
    }
    case 'enum':
      if (typeof value !== 'string') return mismatch(value, schema.name, struct, path);
      return schema.values.includes(value) ? undefined : `${value} is not a valid ${schema.name}`;
    case 'array': {
      if (!Array.isArray(value)) return mismatch(value, `[]${goName(schema.of)}`, struct, path);
      for (let i = 0; i < value.length; i++) {
        const problem = check(value[i], schema.of, struct, path);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return mismatch(value, 'map', struct, path);
      for (const item of Object.values(value)) {
        const problem = check(item, schema.of, struct, path);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value))
        return mismatch(value, schema.name, struct, path);
      const record = value as Record<string, unknown>;
      for (const key in schema.fields) {
        const field = record[key];
        if (field === undefined || field === null) continue;
        const entry = schema.fields[key]!;
        const fieldSchema = typeof entry === 'function' ? entry() : entry;
        const problem = check(field, fieldSchema, struct || schema.name, path ? `${path}.${key}` : key);
        if (problem) return problem;
      }
      return undefined;
    }
  }
}

function goName(schema: Schema): string {
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
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'number' : `number ${value}`;
  return typeof value;
}

function mismatch(value: unknown, goType: string, struct: string, path: string): string {
  if (!struct) return `json: cannot unmarshal ${jsonKind(value)} into Go value of type ${goType}`;
  return `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${struct}.${path} of type ${goType}`;
}
