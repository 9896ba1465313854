import fc from 'fast-check';
import { ApiPaths } from '../sdk/wire/paths.ts';
import type { FuzzIds } from './fuzz-ids.ts';
import type { FieldOverrides } from './schema-arbitrary.ts';

/**
 * One client endpoint as the fuzzer drives it: where its workflow ids come from, which fields get
 * realistic values instead of random ones, and how often it is picked.
 *
 * @example
 * const get: Endpoint = { path: ApiPaths.get, ids: (ids) => ids.missing, weight: 1 };
 */
export interface Endpoint {
  path: string;
  /** Where its workflowId comes from. */
  ids: (ids: FuzzIds) => string[];
  overrides?: (ids: FuzzIds, workerUrl: string) => FieldOverrides;
  weight: number;
}

// Names the real server accepts as search attributes (its test servers' set), and some it does not.
/** Search attribute names: registered on the real server's test setup, and some that are not. */
export const SEARCH_KEYS = [
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

const anyOf = (...lists: string[][]) => lists.flat();

/**
 * Every client endpoint the fuzzer sends to, with its weight. Destructive requests (stop, reset,
 * continue-as-new) only go to completed or missing workflows, so parked ones stay comparable.
 *
 * @example
 * ENDPOINTS.map((e) => e.path);
 */
export const ENDPOINTS: readonly Endpoint[] = [
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
