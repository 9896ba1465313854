import { describeEvent } from '../history/describe-event.ts';
import type { HistoryEvent } from '../history/history.ts';
import type { Simulator, WorkflowSummary } from '../simulator.ts';

/**
 * A history event with its sentence, as the page shows it.
 *
 * @example
 * const event: DescribedEvent = { at: 0, type: 'SignalReceived', attrs: { channel: 'go' }, message: 'signal go received' };
 */
export type DescribedEvent = HistoryEvent & { message: string };

/**
 * What the page draws for one run: its summary, its events with their sentences, and the clock.
 *
 * @example
 * const data = timelineData(simulator, 'alice');
 * data?.events.filter((e) => e.type === 'RpcCalled');
 */
export interface TimelineData {
  workflow: WorkflowSummary;
  events: DescribedEvent[];
  now: number;
}

/**
 * The timeline of a run (the current run when `runId` is empty), or undefined when unknown.
 *
 * @example
 * app.get('/timeline', () => timelineData(simulator, 'alice'));
 */
export function timelineData(
  simulator: Simulator,
  workflowId: string,
  runId?: string,
): TimelineData | undefined {
  const workflow = simulator.describeWorkflow(workflowId, runId || undefined);
  if (!workflow) return undefined;
  const events = simulator
    .history(workflowId, workflow.runId)
    .map((event) => ({ ...event, message: describeEvent(event) }));
  return { workflow, events, now: simulator.now() };
}
