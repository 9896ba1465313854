/**
 * Vitest setup for iWF tests: when a test fails, prints the timelines of the workflows its test
 * environments ran (states, commands, RPCs, timers), so the failure explains itself, and writes
 * them as a page to open in a browser (one self-contained HTML file; it prints the path). Add it
 * to `setupFiles` in your vitest config. Needs `vitest` (a peer dependency of this entry only).
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['iwf-ts/testing/vitest'] } });
 */
import { beforeEach } from 'vitest';
import { forgetEnvironments, recentSimulators, takeRecentHistories } from './recent-environments.ts';
import { writeTimelineFile } from './timeline-file.ts';

beforeEach(({ onTestFailed, task }) => {
  forgetEnvironments();
  onTestFailed(() => {
    const page = writeTimelinePage(`${task.file?.name ?? ''} ${task.name}`);
    const histories = takeRecentHistories();
    if (histories) console.log(`\nWorkflow histories of the failed test:\n${histories}\n`);
    if (page) console.log(`Timeline of the failed test's workflows (open in a browser): ${page}\n`);
  });
});

// A report that cannot be written (read-only disk) must not hide the test's own failure.
function writeTimelinePage(name: string): string | undefined {
  try {
    return writeTimelineFile(name, recentSimulators());
  } catch (error) {
    console.log(`(no timeline page: ${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}
