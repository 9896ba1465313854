import type { Client } from '../sdk/client/client.ts';
import type { Registry } from '../sdk/registry.ts';
import type { WorkerService } from '../sdk/worker/worker-service.ts';
import type { AnyWorkflow } from '../sdk/workflow.ts';
import type { Simulator } from '../simulator/simulator.ts';
import type { SimulatorClock, TestMode } from './backend.ts';

/** Options of a test environment. */
export interface TestEnvironmentOptions {
  /** The workflows the environment's worker serves and its client starts. */
  workflows: AnyWorkflow[];
  /** Default: `IWF_TEST_MODE`, else `sim`. */
  mode?: TestMode;
  /** Virtual start time (sim modes), as a Date or epoch ms. Default: `DEFAULT_VIRTUAL_START_MS` (2026-01-01T00:00:00Z), for repeatable runs. */
  startTime?: Date | number;
  /** The simulator's clock (sim modes). Default: `IWF_SIM_CLOCK`, else `virtual`. */
  clock?: SimulatorClock;
  /** Real mode: the server URL (default `IWF_SERVER_URL` or `http://localhost:8801`). */
  serverUrl?: string;
}

/**
 * One test's iWF: a client, a worker serving the workflows, and time control, on the simulator
 * in-process, the simulator over HTTP, or a real iWF server. Cheap to create: make one per test.
 *
 * @example
 * const env = await createTestEnvironment({ workflows: [UserSignupWorkflow] });
 * await env.client.startWorkflow(UserSignupWorkflow, 'alice', 3600, form);
 * await env.advanceBy(hours(24));
 * await env.close();
 */
export interface TestEnvironment {
  readonly mode: TestMode;
  readonly client: Client;
  readonly registry: Registry;
  readonly workerService: WorkerService;
  /** The simulator, in the `sim` mode only. */
  readonly simulator: Simulator | undefined;
  /**
   * Search attributes the workflows declare that the server has not registered (real mode; the
   * simulator backends register them). A test that needs them can skip with that reason.
   */
  readonly missingSearchAttributes: readonly string[];
  /** The environment's notion of now (virtual in sim modes), epoch ms. */
  now(): Promise<number>;
  /**
   * Moves time forward, firing every timer due on the way in order and letting the workflows react
   * to each. On a real server: skips, in order, the timers the worker returned that fall due.
   */
  advanceBy(ms: number): Promise<void>;
  /** Waits until no worker call is in flight and nothing can run without time moving. */
  settle(): Promise<void>;
  /** A workflow's history as a readable timeline (sim modes). */
  formatHistory(workflowId: string): Promise<string>;
  /** Stops the worker and the simulator; idempotent. */
  close(): Promise<void>;
}
