/**
 * The test harness: one API for tests that run on the simulator in-process, over HTTP, or against
 * a real iWF server, chosen by `IWF_TEST_MODE`.
 *
 * @example
 * import { createTestEnvironment, hours } from 'iwf-ts/testing';
 */

import { backend } from './backend.ts';
import type { TestEnvironment, TestEnvironmentOptions } from './environment.ts';
import { createHttpEnvironment } from './http-environment.ts';
import { createInProcessEnvironment } from './in-process-environment.ts';
import { createRealEnvironment } from './real-environment.ts';
import { rememberEnvironment } from './recent-environments.ts';

export * from './backend.ts';
export * from './durations.ts';
export type * from './environment.ts';
export * from './exchange-observer.ts';
export {
  createInProcessEnvironment,
  inProcessClientTransport,
  inProcessWorkerTransport,
} from './in-process-environment.ts';
export { forgetEnvironments, recentSimulators, takeRecentHistories } from './recent-environments.ts';
export { searchAttributesFor } from './search-attributes.ts';
export * from './state-tester.ts';
export { timelineDirectory, writeTimelineFile } from './timeline-file.ts';

/**
 * Creates a test environment on the backend of this run (or `options.mode`).
 *
 * @example
 * const env = await createTestEnvironment({ workflows: [UserSignupWorkflow] });
 */
export async function createTestEnvironment(options: TestEnvironmentOptions): Promise<TestEnvironment> {
  const mode = options.mode ?? backend.mode;
  switch (mode) {
    case 'sim':
      return rememberEnvironment(createInProcessEnvironment(options));
    case 'sim-http':
      return rememberEnvironment(await createHttpEnvironment(options));
    case 'real':
      return rememberEnvironment(await createRealEnvironment(options));
  }
}
