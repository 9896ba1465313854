import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Schema } from '../../simulator/schema/schema-language.ts';
import {
  ExecuteResponseSchema,
  RequestSchemas,
  RpcResponseSchema,
  WaitUntilResponseSchema,
  WorkerErrorResponseSchema,
} from '../../simulator/schema/wire-schemas.ts';
import { SPEC_PATH } from '../support/openapi-contract.ts';

// The simulator decodes (and the fuzzer generates) with its own schemas; they must name the fields
// iwf.yaml names, or Go's decoder and the simulator's disagree on what a field is.
describe.skipIf(!existsSync(SPEC_PATH))('the simulator’s wire schemas against iwf.yaml', () => {
  it('name exactly the fields of each model, every nested model included', () => {
    const models = (
      parse(readFileSync(SPEC_PATH, 'utf8')) as {
        components: { schemas: Record<string, { properties?: object }> };
      }
    ).components.schemas;
    const problems: string[] = [];
    const seen = new Set<string>();
    const walk = (schema: Schema): void => {
      if (schema.t === 'array' || schema.t === 'map') {
        walk(schema.of);
        return;
      }
      if (schema.t !== 'object' || seen.has(schema.name)) return;
      seen.add(schema.name);
      const spec = Object.keys(models[schema.name]?.properties ?? {}).sort();
      const mine = Object.keys(schema.fields).sort();
      if (JSON.stringify(spec) !== JSON.stringify(mine))
        problems.push(`${schema.name}: ${mine} vs iwf.yaml ${spec}`);
      for (const field of Object.values(schema.fields)) walk(typeof field === 'function' ? field() : field);
    };
    for (const schema of [
      ...Object.values(RequestSchemas),
      WaitUntilResponseSchema,
      ExecuteResponseSchema,
      RpcResponseSchema,
      WorkerErrorResponseSchema,
    ])
      walk(schema);
    expect(problems).toEqual([]);
  });
});
