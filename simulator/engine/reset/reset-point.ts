import type { WorkflowResetRequest } from '../../../sdk/wire/types.ts';
import { parseIwfDatetime } from '../attributes/search-attribute-registry.ts';
import type { Checkpoint } from '../runs/run-journal.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';

/**
 * Where a reset restarts a run: its beginning, a checkpoint, or the error text the server answers
 * 500 with.
 *
 * @example
 * const point: ResetPoint = { checkpoint: undefined }; // the beginning
 */
export type ResetPoint = { checkpoint: Checkpoint | undefined } | { error: string };

const BEGINNING: ResetPoint = { checkpoint: undefined };
const NO_EVENT = 'Get historyEventId failed, no historyEventId';

/**
 * Finds the reset point of a request (the server's `getResetEventIDByType`). BEGINNING: the first
 * workflow task. STATE_ID / STATE_EXECUTION_ID: the workflow task that first started that state or
 * execution. HISTORY_EVENT_TIME: the first workflow task completed at or after the time, which the
 * simulator knows at the workflow tasks that start states. HISTORY_EVENT_ID: Temporal event ids,
 * of which every iWF history shares only the first workflow task's (3 started, 4 completed).
 *
 * @example
 * findResetPoint(run, { workflowId: 'wf', resetType: 'STATE_ID', stateId: 'S2' }, Date.now());
 */
export function findResetPoint(run: WorkflowRun, request: WorkflowResetRequest, nowMs: number): ResetPoint {
  const journal = run.journal;
  switch (request.resetType) {
    case 'BEGINNING':
      return BEGINNING;
    case 'STATE_ID':
    case 'STATE_EXECUTION_ID': {
      const byState = request.resetType === 'STATE_ID';
      const checkpoint = byState
        ? journal.find('stateId', request.stateId ?? '')
        : journal.find('executionId', request.stateExecutionId ?? '');
      return checkpoint ? { checkpoint } : { error: NO_EVENT };
    }
    case 'HISTORY_EVENT_TIME':
      return pointAtTime(run, request.historyEventTime ?? '', nowMs);
    case 'HISTORY_EVENT_ID':
      return pointAtEventId(request.historyEventId ?? 0);
    default:
      return { error: `reset type ${request.resetType ?? ''} is not supported` };
  }
}

function pointAtTime(run: WorkflowRun, text: string, nowMs: number): ResetPoint {
  const parsed = parseIwfDatetime(text, nowMs);
  if (typeof parsed === 'string') return { error: parsed };
  const checkpoints = run.journal.checkpoints;
  // The run's first workflow task: when its first states started, or its start when none did.
  const firstTaskAt = checkpoints[0]?.at ?? run.runStartedAt;
  if (BigInt(firstTaskAt) * 1_000_000n >= parsed) return BEGINNING;
  const checkpoint = checkpoints.find((c) => BigInt(c.at) * 1_000_000n >= parsed);
  return checkpoint ? { checkpoint } : { error: NO_EVENT };
}

// Measured on Temporal 1.31: ids outside the history and the first scheduled event have their own
// texts; 3 and 4 restart the first workflow task, as BEGINNING does.
function pointAtEventId(eventId: number): ResetPoint {
  if (eventId <= 1) return { error: 'Workflow task finish ID must be > 1 && <= workflow last event ID.' };
  if (eventId === 2)
    return {
      error:
        'StateRebuilder unable to Rebuild mutable state to event ID: 1, version: 0, this event must be at the boundary',
    };
  if (eventId <= 4) return BEGINNING;
  return {
    error: `reset to history event ${eventId} is not supported by the iWF simulator: it keeps no Temporal event ids past the first workflow task (3 or 4 reset to the beginning); use STATE_ID, STATE_EXECUTION_ID or HISTORY_EVENT_TIME`,
  };
}
