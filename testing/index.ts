/**
 * The test harness: one API for tests that run on the simulator in-process, over HTTP, or against
 * a real iWF server, chosen by `IWF_TEST_MODE`. The `sim` backend loads no HTTP framework; the
 * `sim-http` and `real` backends load `fastify` (an optional peer dependency) when first used.
 *
 * @example
 * import { createTestEnvironment, hours } from 'iwf-ts/testing';
 */

import { backend } from './backend.ts';
import { closedGuard } from './closed-guard.ts';
import type { TestEnvironment, TestEnvironmentOptions } from './environment.ts';
import { createInProcessEnvironment } from './in-process-environment.ts';
import { rememberEnvironment } from './recent-environments.ts';

export { backend, type Capability, REAL_SERVER_LIMITS, type TestMode } from './backend.ts';
export { days, hours, minutes, seconds } from './durations.ts';
export type { TestEnvironment, TestEnvironmentOptions } from './environment.ts';
export { type ExchangeObserver, type ObservedExchange, observeExchanges } from './exchange-observer.ts';
export { inProcessClientTransport, inProcessWorkerTransport } from './in-process-environment.ts';
export { forgetEnvironments, recentSimulators, takeRecentHistories } from './recent-environments.ts';
export { searchAttributesFor } from './search-attributes.ts';
export { StateTester } from './state-tester.ts';
export type {
  TestCallResult,
  TestChannelSizes,
  TestCommandResults,
  TestDataAttributes,
  TestInternalChannelResult,
  TestPersistence,
  TestSearchAttributes,
  TestSignalResult,
} from './state-tester-types.ts';
export { timelineDirectory, writeTimelineFile } from './timeline-file.ts';

/**
 * Creates a test environment on the backend of this run (or `options.mode`). Every method of the
 * environment throws once it is closed.
 *
 * @example
 * const env = await createTestEnvironment({ workflows: [UserSignupWorkflow] });
 */
export async function createTestEnvironment(options: TestEnvironmentOptions): Promise<TestEnvironment> {
  const mode = options.mode ?? backend.mode;
  switch (mode) {
    case 'sim':
      return rememberEnvironment(closedGuard(createInProcessEnvironment(options)));
    case 'sim-http': {
      const { createHttpEnvironment } = await import('./http-environment.ts');
      return rememberEnvironment(closedGuard(await createHttpEnvironment(options)));
    }
    case 'real': {
      const { createRealEnvironment } = await import('./real-environment.ts');
      return rememberEnvironment(closedGuard(await createRealEnvironment(options)));
    }
  }
}
