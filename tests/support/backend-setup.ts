/**
 * Vitest setup for backend suites: a failing test prints its workflows' timelines, and every exchange between client, server and worker in a test must
 * conform to the official iWF OpenAPI spec (skipped, with a note, when ../shared is absent).
 */
import { afterEach, beforeEach } from 'vitest';
import {
  forgetEnvironments,
  observeExchanges,
  recentSimulators,
  takeRecentHistories,
  writeTimelineFile,
} from '../../testing/index.ts';
import { OpenApiContract } from './openapi-contract.ts';

const contract = OpenApiContract.load();
const violations: string[] = [];

if (contract) {
  observeExchanges((exchange) => {
    violations.push(...contract.violations(exchange));
  });
  afterEach(() => {
    if (violations.length === 0) return;
    const found = violations.splice(0);
    throw new Error(`exchanges that break the iWF OpenAPI spec:\n${found.slice(0, 10).join('\n')}`);
  });
}

// A failing test prints the timelines of the workflows it ran, and leaves them as a page to open
// in a browser.
beforeEach(({ onTestFailed, task }) => {
  forgetEnvironments();
  onTestFailed(() => {
    const page = writeTimelineFile(`${task.file?.name ?? ''} ${task.name}`, recentSimulators());
    const histories = takeRecentHistories();
    if (histories) console.log(`\nWorkflow histories of the failed test:\n${histories}\n`);
    if (page) console.log(`Timeline of the failed test's workflows (open in a browser): ${page}\n`);
  });
});
