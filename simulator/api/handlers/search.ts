import type { WorkflowSearchRequest, WorkflowSearchResponseEntry } from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import type { Engine } from '../../engine/engine.ts';
import type { WorkflowRun } from '../../engine/runs/workflow-run.ts';
import { Replies } from '../replies.ts';
import { compileQuery, type RunPredicate } from '../search/query-match.ts';
import { parseQuery, queryDepth } from '../search/query-parser.ts';
import { deadlineExceeded } from './limits.ts';

const OPEN_CLOSE_TIME = '9999-12-31T23:59:59Z';
const MAX_QUERY_DEPTH = 997;

/**
 * `POST /api/v1/workflow/search` (docs/semantics/client-api.md#search-1): Temporal's visibility query language over system and
 * custom search attributes, with its error texts; each continue-as-new run is its own execution.
 * Ordered as Temporal's SQL visibility (open runs first, then by close time, start time, newest
 * first), paged by a keyset token; `nextPageToken` is always present, `""` at the end. Unlike the
 * real server, visibility is immediately consistent.
 *
 * @example
 * handleSearch(engine, { query: "IwfWorkflowType = 'Signup' AND ExecutionStatus = 'Running'" });
 */
export function handleSearch(
  engine: Engine,
  request: WorkflowSearchRequest | null,
): ApiReply | Promise<ApiReply> {
  const after = decodeToken(request?.nextPageToken ?? '');
  if (after === 'invalid') return deadlineExceeded(engine);
  const node = parseQuery(request?.query ?? '');
  if (typeof node === 'string') return Replies.internal(node);
  // Temporal's SQL visibility fails on an expression ~1,000 deep until the deadline (measured:
  // 997 ANDs answer, 998 time out).
  if (node && queryDepth(node) > MAX_QUERY_DEPTH) return deadlineExceeded(engine);
  const match: RunPredicate | string = node
    ? compileQuery(node, engine.runtime.searchAttributes)
    : () => true;
  if (typeof match === 'string') return Replies.internal(match);
  const pageSize = request?.pageSize && request.pageSize > 0 ? request.pageSize : 1000;
  const runs = engine.allRuns().filter((run) => match(run) && (!after || compareKeys(keyOf(run), after) > 0));
  runs.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const page = runs.slice(0, pageSize);
  const body: { workflowExecutions?: WorkflowSearchResponseEntry[]; nextPageToken: string } = {
    nextPageToken: '',
  };
  if (page.length > 0)
    body.workflowExecutions = page.map((run) => ({ workflowId: run.workflowId, workflowRunId: run.runId }));
  // A full page always carries a token, even when nothing follows (measured).
  if (page.length === pageSize) body.nextPageToken = encodeToken(keyOf(page[page.length - 1]!));
  return Replies.ok({
    ...(body.workflowExecutions ? { workflowExecutions: body.workflowExecutions } : {}),
    nextPageToken: body.nextPageToken,
  });
}

interface SortKey {
  closeMs: number;
  startMs: number;
  runId: string;
}

function keyOf(run: WorkflowRun): SortKey {
  return {
    closeMs: run.outcome?.closedAt ?? Number.POSITIVE_INFINITY,
    startMs: run.runStartedAt,
    runId: run.runId,
  };
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a.closeMs !== b.closeMs) return b.closeMs - a.closeMs > 0 ? 1 : -1;
  if (a.startMs !== b.startMs) return b.startMs - a.startMs;
  return a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0;
}

// The real token looks like this; clients treat it as opaque.
function encodeToken(key: SortKey): string {
  return JSON.stringify({
    CloseTime: Number.isFinite(key.closeMs) ? new Date(key.closeMs).toISOString() : OPEN_CLOSE_TIME,
    StartTime: new Date(key.startMs).toISOString(),
    RunID: key.runId,
  });
}

// Temporal reads the token as JSON into {CloseTime, StartTime, RunID}: `null` is no token, a field
// left out is the zero time (nothing sorts after it), and a token it cannot read (not JSON, not an
// object, a time it cannot parse) fails its request until the 10 s deadline (measured).
function decodeToken(token: string): SortKey | undefined | 'invalid' {
  if (token === '' || token.trim() === 'null') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(token);
  } catch {
    return 'invalid';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'invalid';
  const { CloseTime, StartTime, RunID } = parsed as {
    CloseTime?: unknown;
    StartTime?: unknown;
    RunID?: unknown;
  };
  const time = (value: unknown): number => {
    if (value === undefined || value === null) return GO_ZERO_TIME_MS;
    if (value === OPEN_CLOSE_TIME) return Number.POSITIVE_INFINITY;
    return typeof value === 'string' ? Date.parse(value) : Number.NaN;
  };
  const closeMs = time(CloseTime);
  const startMs = time(StartTime);
  if (Number.isNaN(closeMs) || Number.isNaN(startMs) || (RunID != null && typeof RunID !== 'string'))
    return 'invalid';
  return { closeMs, startMs, runId: typeof RunID === 'string' ? RunID : '' };
}

/** Go's zero time, 0001-01-01T00:00:00Z. */
const GO_ZERO_TIME_MS = -62_135_596_800_000;
