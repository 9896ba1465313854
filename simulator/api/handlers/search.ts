import type { WorkflowSearchRequest, WorkflowSearchResponseEntry } from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import type { Engine } from '../../engine/engine.ts';
import type { WorkflowRun } from '../../engine/workflow-run.ts';
import { Replies } from '../replies.ts';

const STATUS_NAMES: Record<string, string> = {
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  TIMEOUT: 'TimedOut',
  TERMINATED: 'Terminated',
  CANCELED: 'Canceled',
  CONTINUED_AS_NEW: 'ContinuedAsNew',
};

/**
 * `POST /api/v1/workflow/search` (§2.10). Simplified visibility: a query is `Name = 'value'`
 * conditions joined by AND over WorkflowId, RunId, WorkflowType/IwfWorkflowType, ExecutionStatus
 * and custom search attributes; anything else is a 500 naming what is supported. Newest first,
 * immediately consistent, offset page tokens.
 *
 * @example
 * handleSearch(engine, { query: "IwfWorkflowType = 'Signup' AND ExecutionStatus = 'Running'" });
 */
export function handleSearch(engine: Engine, request: WorkflowSearchRequest | null): ApiReply {
  const conditions = parseQuery(request?.query ?? '');
  if (typeof conditions === 'string') return Replies.internal(conditions);
  const pageSize = request?.pageSize && request.pageSize > 0 ? request.pageSize : 1000;
  const offset = Number.parseInt(request?.nextPageToken || '0', 10) || 0;
  const runs = engine.allRuns();
  const matches: WorkflowSearchResponseEntry[] = [];
  let skipped = 0;
  let more = false;
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    if (!conditions.every(([name, value]) => fieldValues(run, name).includes(value))) continue;
    if (skipped++ < offset) continue;
    if (matches.length === pageSize) {
      more = true;
      break;
    }
    matches.push({ workflowId: run.workflowId, workflowRunId: run.runId });
  }
  const body: Record<string, unknown> = {};
  if (matches.length > 0) body.workflowExecutions = matches;
  body.nextPageToken = more ? String(offset + pageSize) : '';
  return Replies.ok(body);
}

function fieldValues(run: WorkflowRun, name: string): string[] {
  switch (name) {
    case 'WorkflowId':
      return [run.workflowId];
    case 'RunId':
      return [run.runId];
    case 'WorkflowType':
    case 'IwfWorkflowType':
      return [run.workflowType];
    case 'ExecutionStatus':
      return [STATUS_NAMES[run.status] ?? run.status];
  }
  const attribute = run.persistence.search.get(name);
  if (!attribute) return [];
  if (attribute.stringArrayValue) return attribute.stringArrayValue;
  const value =
    attribute.stringValue ?? attribute.integerValue ?? attribute.doubleValue ?? attribute.boolValue;
  return value === undefined ? [] : [String(value)];
}

function parseQuery(query: string): [string, string][] | string {
  const trimmed = query.trim();
  if (trimmed === '') return [];
  const conditions: [string, string][] = [];
  for (const part of trimmed.split(/\s+AND\s+/i)) {
    const match =
      /^\(?\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:'([^']*)'|"([^"]*)"|([A-Za-z0-9_.-]+))\s*\)?$/.exec(
        part.trim(),
      );
    if (!match) {
      return `invalid query: the iWF simulator supports only "Name = 'value'" conditions joined by AND, got: ${query}`;
    }
    conditions.push([match[1]!, match[2] ?? match[3] ?? match[4] ?? '']);
  }
  return conditions;
}
