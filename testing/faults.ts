import type { FaultSpec } from '../simulator/engine/choices/injected-faults.ts';
import type { Simulator } from '../simulator/simulator.ts';
import { REAL_SERVER_LIMITS } from './backend.ts';

export type {
  FaultKind,
  FaultSpec,
  WorkerCallApi,
} from '../simulator/engine/choices/injected-faults.ts';

/**
 * Worker faults a test injects (sim and sim-http; a real server cannot: `backend.reasonItLacks('faults')`).
 * Retries, backoff, failure policies and client errors then follow the server's rules, as for a
 * real worker failing that way; the workflow's history shows each fault as injected.
 *
 * @example
 * env.faults.inject({ workflowId: 'alice', stateId: 'SendEmail', api: 'execute', kind: 'http500', times: 2 });
 * env.faults.workerDown(minutes(5));
 */
export interface TestFaults {
  /** The next `times` (default 1) worker calls matching the spec fail with its `kind`. */
  inject(spec: FaultSpec): void;
  /** Every worker call in the next `ms` of (virtual) time finds the worker down: connection refused. */
  workerDown(ms: number): void;
  /** How many injected failures have not happened yet. */
  readonly remaining: number;
  /** Forgets every pending fault and down span. */
  clear(): void;
}

/**
 * The faults of a simulator the test holds.
 *
 * @example
 * const faults = simulatorFaults(simulator);
 */
export function simulatorFaults(simulator: Simulator): TestFaults {
  const faults = simulator.faults;
  // Methods, not arrow properties: no per-environment name wrapper (tsx adds one to each arrow).
  return {
    inject(spec) {
      return faults.inject(spec);
    },
    workerDown(ms) {
      if (!(typeof ms === 'number' && ms > 0))
        throw new Error(`workerDown(ms) needs a positive duration in ms, got ${ms}`);
      const now = simulator.now();
      faults.workerDown(now, now + ms);
    },
    get remaining() {
      return faults.remaining;
    },
    clear() {
      faults.clear();
    },
  };
}

/**
 * Faults on a backend that cannot inject them: every call throws the reason.
 *
 * @example
 * const faults = faultsUnavailable();
 */
export function faultsUnavailable(): TestFaults {
  const refuse = (): never => {
    throw new Error(
      `fault injection needs the simulator: ${REAL_SERVER_LIMITS.faults}. ` +
        "Skip the test with it.skipIf(backend.reasonItLacks('faults'))",
    );
  };
  return {
    inject: refuse,
    workerDown: refuse,
    get remaining() {
      return 0;
    },
    clear: () => {},
  };
}
