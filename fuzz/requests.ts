import fc from 'fast-check';
import { ApiPaths } from '../sdk/wire/paths.ts';
import type { Schema } from '../simulator/schema/schema-language.ts';
import { RequestSchemas, RpcResponseSchema } from '../simulator/schema/wire-schemas.ts';
import { ENDPOINTS, type Endpoint } from './endpoints.ts';
import type { FuzzIds } from './fuzz-ids.ts';
import { PARK_CHANNEL, type RawAnswer } from './fuzz-worker.ts';
import { MUTATIONS, type Mutation, mutate } from './mutations.ts';
import { arbitraryOf, type FieldOverrides } from './schema-arbitrary.ts';

/** One fuzzed client request, and what the fuzzer made of it. */
export interface FuzzRequest {
  method: string;
  path: string;
  /** The body text as sent. */
  rawBody: string;
  /** Whether the body is valid JSON that decodes into the endpoint's schema. */
  wellFormed: boolean;
  /** The mutation that made it malformed (`none` when well-formed). */
  mutation: Mutation | 'none';
  /** A worker answer to register before sending (an RPC or a state of a started workflow calls it). */
  workerAnswer?: { key: string; answer: RawAnswer };
}

// An RPC answer of the fuzz worker: the schema's fields, minus what would change the parked
// workflow for later requests (search attribute writes, moves to states that are not parked).
const RPC_ANSWER_OVERRIDES: FieldOverrides = {
  'WorkflowWorkerRpcResponse.upsertSearchAttributes': fc.constant(undefined),
  'StateMovement.stateId': fc.constantFrom('Park', '_SYS_GRACEFUL_COMPLETING_WORKFLOW', 'Other'),
  'StateMovement.stateOptions': fc.constant(undefined),
  '*.channelName': fc.constantFrom('a', 'b', PARK_CHANNEL.replace('never', 'other')),
  '*.key': fc.constantFrom('k1', 'k2', ''),
};

/**
 * Fuzzed requests over every client endpoint, each body generated from the endpoint's schema
 * (`simulator/schema/wire-schemas.ts`), then, for about half of them, made malformed by one
 * mutation. RPCs to parked workflows carry a generated worker answer (well-formed or not).
 *
 * @example
 * fc.sample(fuzzRequest(fuzzIds('fz-1'), 'http://127.0.0.1:9000'), 3);
 */
export function fuzzRequest(ids: FuzzIds, workerUrl: string): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...ENDPOINTS.map((endpoint) => ({
      weight: endpoint.weight,
      arbitrary: endpointRequest(endpoint, ids, workerUrl),
    })),
  );
}

function endpointRequest(endpoint: Endpoint, ids: FuzzIds, workerUrl: string): fc.Arbitrary<FuzzRequest> {
  const schema = RequestSchemas[endpoint.path]!;
  const overrides: FieldOverrides = {
    '*.workflowId': fc.constantFrom(...endpoint.ids(ids)),
    '*.workflowRunId': fc.constantFrom(undefined, '', 'not-a-uuid', '00000000-0000-0000-0000-000000000000'),
    ...(endpoint.overrides?.(ids, workerUrl) ?? {}),
  };
  const body = withWorkflowId(arbitraryOf(schema, overrides), endpoint, ids);
  const answer = fc.record({ key: fc.nat({ max: 1e9 }).map(String), text: workerAnswerText() });
  return fc
    .tuple(
      body,
      fc.oneof(
        { weight: 1, arbitrary: fc.constant('none' as const) },
        { weight: 1, arbitrary: fc.constantFrom(...MUTATIONS) },
      ),
      fc.nat(),
      answer,
      fc.boolean(),
    )
    .map(([value, mutation, seed, generated, useAnswer]) => {
      const request = value as Record<string, unknown>;
      let workerAnswer: FuzzRequest['workerAnswer'];
      if (endpoint.path === ApiPaths.rpc && useAnswer) {
        request.rpcName = `answer:${generated.key}`;
        workerAnswer = { key: generated.key, answer: { status: 200, text: generated.text } };
      }
      if (mutation === 'none')
        return {
          method: 'POST',
          path: endpoint.path,
          rawBody: JSON.stringify(request),
          wellFormed: true,
          mutation,
          ...(workerAnswer ? { workerAnswer } : {}),
        };
      const mutated = mutate(mutation, endpoint.path, request, schema, seed);
      return { ...mutated, wellFormed: false, mutation, ...(workerAnswer ? { workerAnswer } : {}) };
    });
}

// The workflowId is always there for endpoints that act on one (a missing id is a mutation).
function withWorkflowId(
  body: fc.Arbitrary<unknown>,
  endpoint: Endpoint,
  ids: FuzzIds,
): fc.Arbitrary<unknown> {
  const choices = endpoint.ids(ids);
  if (endpoint.path === ApiPaths.search || endpoint.path === ApiPaths.start) return body;
  return fc.tuple(body, fc.constantFrom(...choices)).map(([value, workflowId]) => ({
    ...(value as object),
    workflowId,
  }));
}

/** The text of a generated RPC answer: its schema's values, sometimes with one mutation of its text. */
function workerAnswerText(): fc.Arbitrary<string> {
  const schema: Schema = RpcResponseSchema;
  return fc
    .tuple(
      arbitraryOf(schema, RPC_ANSWER_OVERRIDES),
      fc.constantFrom('none', 'wrong-type', 'truncated', 'whole-float-int', 'null-in-array'),
      fc.nat(),
    )
    .map(([value, mutation, seed]) =>
      mutation === 'none'
        ? JSON.stringify(value)
        : mutate(mutation as Mutation, '', value as Record<string, unknown>, schema, seed).rawBody,
    );
}
