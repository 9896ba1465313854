import type { TestEnvironment } from './environment.ts';

/**
 * Wraps an environment so that using it after `close()` fails loudly instead of returning stale
 * answers from a stopped simulator; `close()` itself stays idempotent.
 *
 * @example
 * const env = closedGuard(createInProcessEnvironment({ workflows }));
 */
export function closedGuard(env: TestEnvironment): TestEnvironment {
  const state = { closed: false };
  // Methods, not arrow properties: no `this` in them (so `const { advanceBy } = env` still works),
  // and no per-environment name wrapper, which tsx adds to every arrow property.
  return {
    mode: env.mode,
    client: env.client,
    registry: env.registry,
    workerService: env.workerService,
    simulator: env.simulator,
    missingSearchAttributes: env.missingSearchAttributes,
    faults: env.faults,
    async now() {
      refuseIfClosed(state, 'now');
      return env.now();
    },
    async advanceBy(ms) {
      refuseIfClosed(state, 'advanceBy');
      return env.advanceBy(ms);
    },
    async settle() {
      refuseIfClosed(state, 'settle');
      return env.settle();
    },
    async formatHistory(workflowId) {
      refuseIfClosed(state, 'formatHistory');
      return env.formatHistory(workflowId);
    },
    async close() {
      state.closed = true;
      await env.close();
    },
  };
}

function refuseIfClosed(state: { closed: boolean }, method: string): void {
  if (state.closed) {
    throw new Error(
      `env.${method}() was called after env.close(): create a new environment with ` +
        'createTestEnvironment(...) for each test, and close it at the end (e.g. in afterEach)',
    );
  }
}
