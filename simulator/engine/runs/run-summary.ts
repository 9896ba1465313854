import type { SearchAttribute, WorkflowStatus } from '../../../sdk/wire/types.ts';
import type { WorkflowRun } from './workflow-run.ts';

/**
 * A summary row of `listWorkflows()`: what a list of workflows shows.
 *
 * @example
 * simulator.listWorkflows().filter((w) => w.status === 'RUNNING');
 */
export interface WorkflowSummary {
  workflowId: string;
  runId: string;
  workflowType: string;
  status: WorkflowStatus;
  /** When this run began, on the simulator's clock (epoch ms). */
  startedAt: number;
  /** When it closed; absent while it runs. */
  closedAt?: number;
  /** The custom search attributes' current values, by key. */
  searchAttributes: Record<string, unknown>;
}

/**
 * The summary of one run.
 *
 * @example
 * const row = summarizeRun(run);
 */
export function summarizeRun(run: WorkflowRun): WorkflowSummary {
  const summary: WorkflowSummary = {
    workflowId: run.workflowId,
    runId: run.runId,
    workflowType: run.workflowType,
    status: run.status,
    startedAt: run.runStartedAt,
    searchAttributes: {},
  };
  const closedAt = run.outcome?.closedAt;
  if (closedAt !== undefined) summary.closedAt = closedAt;
  for (const [key, attribute] of run.persistence.search)
    summary.searchAttributes[key] = searchValue(attribute);
  return summary;
}

function searchValue(attribute: SearchAttribute): unknown {
  return (
    attribute.stringValue ??
    attribute.integerValue ??
    attribute.doubleValue ??
    attribute.boolValue ??
    attribute.stringArrayValue
  );
}
