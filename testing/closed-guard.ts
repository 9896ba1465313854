import type { TestEnvironment } from './environment.ts';

/**
 * Wraps an environment so that using it after `close()` fails loudly instead of returning stale
 * answers from a stopped simulator; `close()` itself stays idempotent.
 *
 * @example
 * const env = closedGuard(createInProcessEnvironment({ workflows }));
 */
export function closedGuard(env: TestEnvironment): TestEnvironment {
  let closed = false;
  const guard = (method: string): void => {
    if (closed) {
      throw new Error(
        `env.${method}() was called after env.close(): create a new environment with ` +
          'createTestEnvironment(...) for each test, and close it at the end (e.g. in afterEach)',
      );
    }
  };
  return {
    mode: env.mode,
    client: env.client,
    registry: env.registry,
    workerService: env.workerService,
    simulator: env.simulator,
    missingSearchAttributes: env.missingSearchAttributes,
    faults: env.faults,
    now: async () => {
      guard('now');
      return env.now();
    },
    advanceBy: async (ms) => {
      guard('advanceBy');
      return env.advanceBy(ms);
    },
    settle: async () => {
      guard('settle');
      return env.settle();
    },
    formatHistory: async (workflowId) => {
      guard('formatHistory');
      return env.formatHistory(workflowId);
    },
    close: async () => {
      closed = true;
      await env.close();
    },
  };
}
