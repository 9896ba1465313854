import fc from 'fast-check';
import { ApiPaths } from '../sdk/wire/paths.ts';
import type { Schema } from '../simulator/schema/schema-language.ts';
import { RequestSchemas, RpcResponseSchema } from '../simulator/schema/wire-schemas.ts';
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

/**
 * The workflow ids a fuzz run uses, unique to the run (a real server keeps what earlier runs left):
 * `parked` workflows wait forever (signals, attributes, RPCs go there), `searchParked` take search
 * attribute writes (a refused one leaves a real workflow stuck), `done` are completed, `missing`
 * never exist. Destructive requests (stop, reset, continue-as-new) only go to done or missing ones.
 *
 * @example
 * const ids = fuzzIds('fz-abc');
 */
export interface FuzzIds {
  prefix: string;
  parked: string[];
  searchParked: string[];
  done: string[];
  missing: string[];
}

/** The ids of a run with this prefix. @example fuzzIds('fz-1').parked[0] // 'fz-1-park-0' */
export function fuzzIds(prefix: string): FuzzIds {
  const ids = (kind: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${kind}-${i}`);
  return {
    prefix,
    parked: ids('park', 3),
    searchParked: ids('sa', 2),
    done: ids('done', 2),
    missing: ids('missing', 2),
  };
}

/** The start bodies that set the run's workflows up (parked, search-parked, done). */
export function setupStarts(ids: FuzzIds, workerUrl: string): { path: string; body: object }[] {
  const start = (workflowId: string, startStateId: string) => ({
    path: ApiPaths.start,
    body: {
      workflowId,
      iwfWorkflowType: 'Fuzz',
      workflowTimeoutSeconds: 0,
      iwfWorkerUrl: workerUrl,
      startStateId,
    },
  });
  return [
    ...ids.parked.map((id) => start(id, 'Park')),
    ...ids.searchParked.map((id) => start(id, 'Park')),
    ...ids.done.map((id) => start(id, 'Done')),
  ];
}

// Names the real server accepts as search attributes (its test servers' set), and some it does not.
const SEARCH_KEYS = [
  'CustomKeywordField',
  'CustomIntField',
  'CustomBoolField',
  'CustomDoubleField',
  'CustomDatetimeField',
  'CustomStringField',
  'CustomKeywordArrayField',
  'IwfWorkflowType',
  'NotRegistered',
  '',
];
// Invalid on purpose: a valid cron would leave a schedule firing on a real server.
const BAD_CRONS = [
  'constructor',
  '__proto__',
  '61 * * * *',
  '* * *',
  '0 0 * * * 1999',
  '1-2-3 * * * *',
  '*/0 * * * *',
];
const QUERIES = [
  '',
  "WorkflowId = 'x'",
  "IwfWorkflowType = 'Fuzz' AND CustomIntField > 3",
  "WorkflowType = 'Interpreter' OR ExecutionStatus = 'Running'",
  'CustomIntField BETWEEN 1 AND 5',
  "CustomKeywordField IN ('a', 'b')",
  "NOT WorkflowId = 'x'",
  "((WorkflowId = 'x'))",
  'WorkflowId =',
  "WorkflowId LIKE 'x%'",
  "NoSuchField = 'x'",
  'ORDER BY StartTime',
  "WorkflowId = 'x' ORDER BY StartTime",
  "CustomIntField = 'abc'",
  "WorkflowId STARTS_WITH 'fz'",
  'CustomBoolField = true',
  "CustomDatetimeField < '2025-01-01T00:00:00Z'",
];

interface Endpoint {
  path: string;
  /** Where its workflowId comes from. */
  ids: (ids: FuzzIds) => string[];
  overrides?: (ids: FuzzIds, workerUrl: string) => FieldOverrides;
  weight: number;
}

const anyOf = (...lists: string[][]) => lists.flat();

const ENDPOINTS: readonly Endpoint[] = [
  {
    path: ApiPaths.start,
    ids: (ids) => [`${ids.prefix}-new`],
    weight: 6,
    overrides: (ids, workerUrl) => ({
      'WorkflowStartRequest.workflowId': fc.nat({ max: 400 }).map((n) => `${ids.prefix}-new-${n}`),
      'WorkflowStartRequest.iwfWorkerUrl': fc.constant(workerUrl),
      'WorkflowStartRequest.startStateId': fc.constantFrom('Park', 'Done', 'Unknown', ''),
      'WorkflowStartRequest.workflowTimeoutSeconds': fc.constantFrom(0, 3600),
      'WorkflowStartOptions.cronSchedule': fc.constantFrom(...BAD_CRONS),
      'WorkflowStartOptions.workflowStartDelaySeconds': fc.constantFrom(0, 1, 3600),
      '*.key': fc.constantFrom(...SEARCH_KEYS),
    }),
  },
  { path: ApiPaths.get, ids: (ids) => anyOf(ids.parked, ids.done, ids.missing), weight: 5 },
  { path: ApiPaths.getWithWait, ids: (ids) => anyOf(ids.done, ids.missing), weight: 3 },
  {
    path: ApiPaths.signal,
    ids: (ids) => anyOf(ids.parked, ids.done, ids.missing),
    weight: 6,
  },
  {
    path: ApiPaths.publishToInternalChannel,
    ids: (ids) => anyOf(ids.parked, ids.done, ids.missing),
    weight: 6,
    overrides: () => ({ '*.channelName': fc.constantFrom('a', 'b', '', '__proto__', 'constructor') }),
  },
  { path: ApiPaths.stop, ids: (ids) => anyOf(ids.done, ids.missing), weight: 3 },
  { path: ApiPaths.dataObjectsGet, ids: (ids) => anyOf(ids.parked, ids.done, ids.missing), weight: 4 },
  { path: ApiPaths.dataObjectsSet, ids: (ids) => anyOf(ids.parked, ids.done, ids.missing), weight: 4 },
  {
    path: ApiPaths.searchAttributesGet,
    ids: (ids) => anyOf(ids.searchParked, ids.parked, ids.missing),
    weight: 4,
    overrides: () => ({ '*.key': fc.constantFrom(...SEARCH_KEYS) }),
  },
  {
    path: ApiPaths.searchAttributesSet,
    ids: (ids) => anyOf(ids.searchParked, ids.done, ids.missing),
    weight: 4,
    overrides: () => ({ '*.key': fc.constantFrom(...SEARCH_KEYS) }),
  },
  {
    path: ApiPaths.search,
    ids: () => [''],
    weight: 3,
    overrides: () => ({
      'WorkflowSearchRequest.query': fc.constantFrom(...QUERIES),
      // An unreadable token costs 10 s on a real server (its deadline): a behaviour test covers it.
      'WorkflowSearchRequest.nextPageToken': fc.constantFrom('', 'null', '{}'),
    }),
  },
  { path: ApiPaths.reset, ids: (ids) => ids.missing, weight: 2 },
  { path: ApiPaths.skipTimer, ids: (ids) => anyOf(ids.parked, ids.missing), weight: 2 },
  {
    path: ApiPaths.configUpdate,
    ids: (ids) => anyOf(ids.parked, ids.done, ids.missing),
    weight: 2,
    // A parked workflow that continues as new answers queries and updates with a transient 500 on a
    // real server for a few ms (its new run has not registered its handlers yet): timing, not
    // input, so the fuzzer leaves continue-as-new alone (docs/official-sdk-dropin.md).
    overrides: () => ({
      'WorkflowConfig.continueAsNewThreshold': fc.constant(0),
      'WorkflowConfig.continueAsNewPageSizeInBytes': fc.constant(0),
    }),
  },
  { path: ApiPaths.triggerContinueAsNew, ids: (ids) => anyOf(ids.done, ids.missing), weight: 2 },
  {
    path: ApiPaths.rpc,
    ids: (ids) => anyOf(ids.parked, ids.done, ids.missing),
    weight: 6,
    overrides: () => ({
      'WorkflowRpcRequest.rpcName': fc.constantFrom('echo', ''),
      'WorkflowRpcRequest.timeoutSeconds': fc.constantFrom(0, 5),
      '*.key': fc.constantFrom(...SEARCH_KEYS),
    }),
  },
  {
    path: ApiPaths.waitForStateCompletion,
    ids: (ids) => ids.missing,
    weight: 1,
    overrides: () => ({
      'WorkflowWaitForStateCompletionRequest.waitTimeSeconds': fc.constant(1),
      'WorkflowWaitForStateCompletionRequest.waitForKey': fc.constant(''),
    }),
  },
];

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
