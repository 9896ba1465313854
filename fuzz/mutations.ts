import type { Schema } from '../simulator/schema/schema-language.ts';

/** The ways the fuzzer breaks a well-formed request. */
export const MUTATIONS = [
  'wrong-type',
  'bad-enum',
  'null-in-array',
  'null-field',
  'case-variant-duplicate',
  'truncated',
  'trailing-garbage',
  'not-an-object',
  'empty-body',
  'whole-float-int',
  'int-overflow',
  'deep-nesting',
  'unknown-field',
  'bad-method',
  'bad-path',
] as const;

/** One of `MUTATIONS`. */
export type Mutation = (typeof MUTATIONS)[number];

interface Slot {
  container: Record<string, unknown>;
  key: string;
  schema: Schema;
}

/**
 * Breaks one request in the named way, choosing where with `seed`: a field of the wrong JSON type,
 * an enum value not in its list, nulls, a case-variant duplicate key, cut or padded text, another
 * top-level type, an integer written `1e2` or too big, 25,000 levels of nesting, an unknown field,
 * another method or a mangled path.
 *
 * @example
 * mutate('wrong-type', '/api/v1/workflow/get', { workflowId: 'a' }, schema, 7).rawBody; // '{"workflowId":[]}'
 */
export function mutate(
  mutation: Mutation,
  path: string,
  body: Record<string, unknown>,
  schema: Schema,
  seed: number,
): { method: string; path: string; rawBody: string } {
  const copy = structuredClone(body);
  const slots = slotsOf(copy, schema);
  const slot = slots.length > 0 ? slots[seed % slots.length] : undefined;
  const post = (rawBody: string) => ({ method: 'POST', path, rawBody });
  const text = JSON.stringify(copy);
  switch (mutation) {
    case 'wrong-type': {
      if (!slot) return post('[]');
      slot.container[slot.key] = wrongTypeFor(slot.schema, seed);
      return post(JSON.stringify(copy));
    }
    case 'bad-enum': {
      const enumSlot = slots.find((each) => each.schema.t === 'enum');
      if (!enumSlot) return post(JSON.stringify({ ...copy, workflowId: 7 }));
      enumSlot.container[enumSlot.key] = ['', 'NOPE', 'begining', 'cancel'][seed % 4];
      return post(JSON.stringify(copy));
    }
    case 'null-in-array': {
      const arraySlot = slots.find((each) => each.schema.t === 'array');
      if (!arraySlot) return post(JSON.stringify({ ...copy, keys: [null] }));
      arraySlot.container[arraySlot.key] = [
        null,
        ...((arraySlot.container[arraySlot.key] as unknown[]) ?? []),
      ];
      return post(JSON.stringify(copy));
    }
    case 'null-field':
      if (slot) slot.container[slot.key] = null;
      return post(JSON.stringify(copy));
    case 'case-variant-duplicate': {
      if (!slot) return post(text);
      const variant = slot.key.toUpperCase() === slot.key ? slot.key.toLowerCase() : slot.key.toUpperCase();
      const wrong = JSON.stringify(wrongTypeFor(slot.schema, seed));
      // Both orders: the wrong value first (a later key overwrites it) or last.
      const inner = JSON.stringify(slot.container).slice(1, -1);
      const pair = `"${variant}":${wrong}`;
      const rebuilt =
        seed % 2 === 0 ? `{${pair}${inner ? `,${inner}` : ''}}` : `{${inner ? `${inner},` : ''}${pair}}`;
      return post(slot.container === copy ? rebuilt : text.replace(JSON.stringify(slot.container), rebuilt));
    }
    case 'truncated':
      return post(text.slice(0, Math.max(0, (seed % Math.max(1, text.length - 1)) + 1) - 1));
    case 'trailing-garbage':
      return post(`${text}${['x', '}', ',', ' {"a":1}', '\u0000'][seed % 5]}`);
    case 'not-an-object':
      return post(['[]', '"x"', '42', 'true', '[{}]', 'nul', '{"a"}', "{'a':1}"][seed % 8]!);
    case 'empty-body':
      return post(['', ' ', '\n'][seed % 3]!);
    case 'whole-float-int': {
      const intSlot = slots.find((each) => each.schema.t === 'int');
      if (!intSlot) return post(text.replace(/^\{/, '{"waitTimeSeconds":1e1,'));
      const marker = `"__whole__${seed}"`;
      intSlot.container[intSlot.key] = marker.slice(1, -1);
      return post(JSON.stringify(copy).replace(marker, ['1e2', '10.0', '1E1', '-0.0'][seed % 4]!));
    }
    case 'int-overflow': {
      const intSlot = slots.find((each) => each.schema.t === 'int');
      const big = ['2147483648', '-2147483649', '9223372036854775808', '1.5', '1e400'][seed % 5]!;
      if (!intSlot) return post(text.replace(/^\{/, `{"pageSize":${big},`));
      const marker = `"__big__${seed}"`;
      intSlot.container[intSlot.key] = marker.slice(1, -1);
      return post(JSON.stringify(copy).replace(marker, big));
    }
    case 'deep-nesting': {
      const depth = [10_001, 25_000][seed % 2]!;
      return post(`{"deep":${'['.repeat(depth)}${']'.repeat(depth)},${text.slice(1)}`.replace(',}', '}'));
    }
    case 'unknown-field':
      return post(text.replace(/^\{/, `{"noSuchField${seed % 3}":{"x":[1,2]},`).replace(',}', '}'));
    case 'bad-method':
      return { method: ['GET', 'PUT', 'DELETE', 'PATCH', 'FOO'][seed % 5]!, path, rawBody: text };
    case 'bad-path':
      return {
        method: 'POST',
        path: [`${path}/`, path.toUpperCase(), `${path}x`, path.replace('/api/v1', '/api/v2'), `${path}?a=1`][
          seed % 5
        ]!,
        rawBody: text,
      };
  }
}

// Every present field of the body with its schema (objects inside arrays included).
function slotsOf(root: Record<string, unknown>, rootSchema: Schema): Slot[] {
  const slots: Slot[] = [];
  const stack: [unknown, Schema][] = [[root, rootSchema]];
  while (stack.length > 0) {
    const [value, schema] = stack.pop()!;
    if (schema.t === 'array' && Array.isArray(value)) for (const item of value) stack.push([item, schema.of]);
    if (schema.t !== 'object' || typeof value !== 'object' || value === null || Array.isArray(value))
      continue;
    const record = value as Record<string, unknown>;
    for (const [key, entry] of Object.entries(schema.fields)) {
      if (record[key] === undefined) continue;
      const field = typeof entry === 'function' ? entry() : entry;
      slots.push({ container: record, key, schema: field });
      stack.push([record[key], field]);
    }
  }
  return slots;
}

function wrongTypeFor(schema: Schema, seed: number): unknown {
  const choices: unknown[] = [];
  if (schema.t !== 'string' && schema.t !== 'enum') choices.push('text');
  if (schema.t !== 'int' && schema.t !== 'float') choices.push(5, 1.5);
  if (schema.t !== 'bool') choices.push(true);
  if (schema.t !== 'array') choices.push([1]);
  if (schema.t !== 'object' && schema.t !== 'map') choices.push({ a: 1 });
  if (schema.t === 'int') choices.push(1.5);
  return choices[seed % choices.length];
}
