import { InvalidArgumentError } from './errors.ts';
import type { SearchAttribute, SearchAttributeValueType } from './wire/types.ts';

/**
 * Reads the TypeScript value out of a wire search attribute, by its type.
 *
 * @example
 * searchAttributeValue({ key: 'n', valueType: 'INT', integerValue: 3 }); // 3
 */
export function searchAttributeValue(sa: SearchAttribute, type = sa.valueType): unknown {
  switch (type) {
    case 'INT':
      return sa.integerValue;
    case 'DOUBLE':
      return sa.doubleValue;
    case 'BOOL':
      return sa.boolValue;
    case 'KEYWORD_ARRAY':
      return sa.stringArrayValue;
    default:
      return sa.stringValue;
  }
}

/**
 * Builds a wire search attribute, checking the value fits the type; `null` clears it.
 *
 * @example
 * toWireSearchAttribute('CustomIntField', 'INT', 3); // { key, valueType: 'INT', integerValue: 3 }
 */
export function toWireSearchAttribute(
  key: string,
  type: SearchAttributeValueType,
  value: unknown,
): SearchAttribute {
  const sa: SearchAttribute = { key, valueType: type };
  if (value === null || value === undefined) return sa;
  const wrong = (expected: string) =>
    new InvalidArgumentError(
      `search attribute '${key}' is ${type} and takes ${expected}, got ${JSON.stringify(value)}`,
    );
  switch (type) {
    case 'INT':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrong('an integer');
      sa.integerValue = value;
      break;
    case 'DOUBLE':
      if (typeof value !== 'number') throw wrong('a number');
      sa.doubleValue = value;
      break;
    case 'BOOL':
      if (typeof value !== 'boolean') throw wrong('a boolean');
      sa.boolValue = value;
      break;
    case 'KEYWORD_ARRAY':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        throw wrong('an array of strings');
      sa.stringArrayValue = value as string[];
      break;
    default:
      if (typeof value !== 'string') throw wrong('a string');
      sa.stringValue = value;
  }
  return sa;
}
