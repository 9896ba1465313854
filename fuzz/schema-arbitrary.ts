import fc from 'fast-check';
import type { Schema } from '../simulator/schema/schema-language.ts';

/** Arbitraries that replace the generic one for a field, keyed `ObjectName.field` (or `*.field`). */
export type FieldOverrides = Readonly<Record<string, fc.Arbitrary<unknown>>>;

const text = fc.oneof(
  fc.constantFrom('', 'a', 'S1', 'x y', 'ümlaut', '__proto__', 'constructor', '%s', '💥'),
  fc.string({ maxLength: 12 }),
);

/**
 * A fast-check arbitrary of JSON values that decode into `schema` (what Go would accept): fields
 * optional, enums from their lists, integers within their bits, objects nested at most `depth`
 * schema levels deep. `overrides` give realistic values where the server looks them up (workflow
 * ids, channel names, search attribute keys).
 *
 * @example
 * fc.sample(arbitraryOf(RequestSchemas['/api/v1/workflow/get']!, {}), 1); // [{ workflowId: 'a' }]
 */
export function arbitraryOf(schema: Schema, overrides: FieldOverrides, depth = 3): fc.Arbitrary<unknown> {
  switch (schema.t) {
    case 'string':
      return text;
    case 'bool':
      return fc.boolean();
    case 'float32':
    case 'float':
      return fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    case 'int':
      return schema.bits === 32
        ? fc.oneof(fc.integer({ min: -3, max: 120 }), fc.integer())
        : fc.oneof(fc.integer({ min: -3, max: 120 }), fc.maxSafeInteger());
    case 'enum':
      return fc.constantFrom(...schema.values);
    case 'any':
      return fc.jsonValue({ maxDepth: 2 });
    case 'array':
      if (depth <= 0) return fc.constant([]);
      return fc.array(arbitraryOf(schema.of, overrides, depth - 1), { maxLength: 3 });
    case 'map':
      if (depth <= 0) return fc.constant({});
      return fc.dictionary(text, arbitraryOf(schema.of, overrides, depth - 1), { maxKeys: 3 });
    case 'object': {
      if (depth <= 0) return fc.constant({});
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, entry] of Object.entries(schema.fields)) {
        const field = typeof entry === 'function' ? entry() : entry;
        model[name] =
          overrides[`${schema.name}.${name}`] ??
          overrides[`*.${name}`] ??
          arbitraryOf(field, overrides, depth - 1);
      }
      return fc.record(model, { requiredKeys: [] });
    }
  }
}
