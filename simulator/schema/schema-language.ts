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
  /** A float32 field: its value is rounded to float32 as Go stores it; beyond float32's range it is refused. */
  | { readonly t: 'float32' }
  | { readonly t: 'int'; readonly bits: 32 | 64 }
  | {
      readonly t: 'enum';
      readonly name: string;
      readonly values: readonly string[];
      /** A required field: Go decodes `null` with the enum's own decoder, which refuses it. */
      readonly required?: boolean;
    }
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
/** A JSON number Go keeps as a float32. @example obj('RetryPolicy', { backoffCoefficient: float32 }) */
export const float32: Schema = { t: 'float32' };
/** A 32-bit integer. @example obj('X', { a: int32 }) */
export const int32: Schema = { t: 'int', bits: 32 };
/** A 64-bit integer. @example obj('X', { a: int64 }) */
export const int64: Schema = { t: 'int', bits: 64 };
/** Anything. @example obj('X', { a: anyValue }) */
export const anyValue: Schema = { t: 'any' };

/** A string enum. @example enumOf('WorkflowStopType', ['CANCEL']) */
export function enumOf(name: string, values: readonly string[], required = false): Schema {
  return required ? { t: 'enum', name, values, required } : { t: 'enum', name, values };
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
