import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RecordedExchange } from '../simulator/history/exchange-log.ts';
import { timelineData } from '../simulator/http/page-data.ts';
import { selfContainedPage } from '../simulator/http/page-files.ts';
import type { Simulator, WorkflowSummary } from '../simulator/simulator.ts';

/**
 * Where failing tests' timelines go: `IWF_TIMELINE_DIR`, else `test-results/iwf-timelines` under
 * the current directory.
 *
 * @example
 * timelineDirectory(); // '/repo/test-results/iwf-timelines'
 */
export function timelineDirectory(): string {
  return resolve(process.env.IWF_TIMELINE_DIR ?? join('test-results', 'iwf-timelines'));
}

/**
 * Writes the workflows of the given simulators as one self-contained HTML page (the simulator's
 * timeline page with the data inside: it opens from disk, no server) and returns its path;
 * undefined when they ran no workflow.
 *
 * @example
 * const path = writeTimelineFile('completes when the user verifies', [env.simulator]);
 * if (path) console.log(`timeline: ${path}`);
 */
export function writeTimelineFile(
  name: string,
  simulators: readonly Simulator[],
  directory = timelineDirectory(),
  maxWorkflows = 200,
): string | undefined {
  const workflows: WorkflowSummary[] = [];
  const timelines: Record<string, unknown> = {};
  const exchanges: Record<string, readonly RecordedExchange[]> = {};
  let now = 0;
  for (const simulator of simulators) {
    now = Math.max(now, simulator.now());
    for (const workflow of simulator.listWorkflows().slice(0, maxWorkflows)) {
      workflows.push(workflow);
      const data = timelineData(simulator, workflow.workflowId, workflow.runId);
      timelines[`${workflow.workflowId}\u0000${workflow.runId}`] = data;
      // The current run also answers a link without a run id.
      if (simulator.describeWorkflow(workflow.workflowId)?.runId === workflow.runId)
        timelines[`${workflow.workflowId}\u0000`] = data;
      exchanges[workflow.workflowId] = simulator.exchangesOf(workflow.workflowId);
    }
  }
  if (workflows.length === 0) return undefined;
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${fileNameOf(name)}.html`);
  writeFileSync(file, selfContainedPage({ workflows, timelines, exchanges, now }, name));
  return file;
}

/** A test name as a file name: letters, digits and dashes, at most 120 characters. */
function fileNameOf(name: string): string {
  const slug = name
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);
  return slug || 'workflows';
}
