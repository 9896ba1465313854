import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MUTATIONS, mutate } from '../../fuzz/mutations.ts';
import { arbitraryOf } from '../../fuzz/schema-arbitrary.ts';
import { decodesAsIs } from '../../simulator/schema/decodes-as-is.ts';
import { decodeLikeGo, decodeLikeGoByWalking } from '../../simulator/schema/go-decode.ts';
import { ExactNumberLiteral, readGoJson, readGoJsonByScanning } from '../../simulator/schema/go-json-text.ts';
import { arr, int32, obj, type Schema, str } from '../../simulator/schema/schema-language.ts';
import {
  ExecuteResponseSchema,
  RequestSchemas,
  RpcResponseSchema,
  WaitUntilResponseSchema,
} from '../../simulator/schema/wire-schemas.ts';

const schemas: [string, Schema][] = [
  ...Object.entries(RequestSchemas),
  ['waitUntil answer', WaitUntilResponseSchema],
  ['execute answer', ExecuteResponseSchema],
  ['rpc answer', RpcResponseSchema],
];

// The walk returns the very value it was given when Go would decode it unchanged.
function walkTakesAsIs(value: unknown, schema: Schema): boolean {
  const walked = decodeLikeGoByWalking(value, schema);
  return walked.problem === undefined && walked.value === value;
}

describe('decoding like Go, fast path', () => {
  it('takes a well-formed request or worker answer as it is exactly when the full walk does', () => {
    let fast = 0;
    for (const [name, schema] of schemas) {
      for (const value of fc.sample(arbitraryOf(schema, {}), { numRuns: 60, seed: 20261205 })) {
        expect(decodesAsIs(value, schema), `${name}: ${JSON.stringify(value)}`).toBe(
          walkTakesAsIs(value, schema),
        );
        if (decodesAsIs(value, schema)) fast++;
      }
    }
    // Most generated values need no rewrite; the fast path must be the common path.
    expect(fast).toBeGreaterThan(schemas.length * 30);
  });

  it('never takes a broken body as it is, and decodes it with the same result and Go text as the walk', () => {
    for (const [path, schema] of Object.entries(RequestSchemas)) {
      const bodies = fc.sample(arbitraryOf(schema, {}), { numRuns: 8, seed: 7 });
      bodies.forEach((body, index) => {
        for (const mutation of MUTATIONS) {
          const { rawBody } = mutate(mutation, path, body as Record<string, unknown>, schema, index);
          const read = readGoJson(rawBody, 'whole');
          if (read.problem !== undefined) continue;
          const label = `${path} ${mutation}: ${rawBody.slice(0, 200)}`;
          if (decodesAsIs(read.value, schema)) expect(walkTakesAsIs(read.value, schema), label).toBe(true);
          expect(decodeLikeGo(read.value, schema), label).toEqual(decodeLikeGoByWalking(read.value, schema));
        }
      });
    }
  });

  it('leaves values nested past its depth limit to the walk, which no nesting overflows', () => {
    const node: Schema = obj('Node', { name: str, children: () => arr(node) });
    let deep: { name: string; children: unknown[] } = { name: 'leaf', children: [] };
    for (let i = 0; i < 20_000; i++) deep = { name: `n${i}`, children: [deep] };
    expect(decodesAsIs(deep, node)).toBe(false);
    expect(decodeLikeGo(deep, node)).toEqual({ value: deep });
    expect(decodeLikeGo({ name: 'x', children: [{ name: 5 }] }, node)).toEqual({
      problem: 'json: cannot unmarshal number into Go struct field Node.children.name of type string',
    });
  });

  it('is not fooled by a key that differs from a field only in case, or by a null in a list', () => {
    const schema = obj('X', { workflowId: str, keys: arr(str), size: int32 });
    expect(decodesAsIs({ workflowId: 'a', keys: ['k'], size: 3 }, schema)).toBe(true);
    expect(decodesAsIs({ WorkflowId: 'a' }, schema)).toBe(false);
    expect(decodesAsIs({ keys: [null] }, schema)).toBe(false);
    expect(decodesAsIs({ size: 2 ** 31 }, schema)).toBe(false);
    expect(decodeLikeGo({ WorkflowId: 'a', keys: [null] }, schema)).toEqual({
      value: { workflowId: 'a', keys: [''] },
    });
  });

  it('reads JSON text as Go does, fast path or not: same values, same exact numbers, same Go errors', () => {
    const texts = [
      ...fc.sample(fc.json({ maxDepth: 4 }), { numRuns: 300, seed: 11 }),
      '{"a":10.0}',
      '{"a":1e2,"b":"v1.0"}',
      '{"n":9007199254740993}',
      '{"a":1} trailing',
      '{"a":1}{"b":2}',
      '',
      ' ',
      '{"a":}',
      '[1,2',
      '\ufeff{}',
      '{"a":"\\ud800"}',
      '01',
    ];
    for (const text of texts) {
      for (const mode of ['first-value', 'whole'] as const) {
        expect(readGoJson(text, mode), `${mode} ${text.slice(0, 80)}`).toEqual(
          readGoJsonByScanning(text, mode),
        );
      }
    }
    // Deep texts: compared by outcome (deep equality itself would recurse 10,000 levels).
    const atLimit = `${'['.repeat(9_999)}${']'.repeat(9_999)}`;
    const read = readGoJson(atLimit, 'whole');
    expect(read.problem === undefined && Array.isArray(read.value)).toBe(true);
    const pastLimit = `${'['.repeat(10_001)}${']'.repeat(10_001)}`;
    expect(readGoJson(pastLimit, 'whole')).toEqual({ problem: 'exceeded max depth' });
    const whole = readGoJson('{"a":10.0}', 'whole');
    expect(whole.problem === undefined && (whole.value as { a: unknown }).a).toBeInstanceOf(
      ExactNumberLiteral,
    );
  });
});
