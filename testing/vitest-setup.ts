/**
 * Vitest setup for iWF tests: when a test fails, prints the timelines of the workflows its test
 * environments ran (states, commands, RPCs, timers), so the failure explains itself. Add it to
 * `setupFiles` in your vitest config. Needs `vitest` (a peer dependency of this entry only).
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['iwf-ts/testing/vitest'] } });
 */
import { beforeEach } from 'vitest';
import { forgetEnvironments, takeRecentHistories } from './recent-environments.ts';

beforeEach(({ onTestFailed }) => {
  forgetEnvironments();
  onTestFailed(() => {
    const histories = takeRecentHistories();
    if (histories) console.log(`\nWorkflow histories of the failed test:\n${histories}\n`);
  });
});
