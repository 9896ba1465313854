import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioWorker } from '../../conformance/kit/index.ts';
import { runScenarios } from '../../conformance/runner.ts';
import type { ScenarioResult } from '../../conformance/scenario.ts';
import { allScenarios } from '../../conformance/scenarios/index.ts';
import { httpWorkerTransport } from '../../simulator/http/http-worker-transport.ts';
import { buildSimulatorServer } from '../../simulator/http/server.ts';
import { Simulator } from '../../simulator/simulator.ts';

/**
 * Runs the black-box conformance scenarios (the same ones `npm run conformance` runs against a real
 * server) against the simulator's HTTP server on the wall clock, or against IWF_SERVER_URL when
 * IWF_TEST_MODE=real. All scenarios run concurrently once; each is reported as its own test.
 */
const mode = process.env.IWF_TEST_MODE;

describe.runIf(mode !== 'sim-http')('conformance scenarios', () => {
  let results: Map<string, ScenarioResult> = new Map();
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const worker = await ScenarioWorker.start();
    let serverUrl = process.env.IWF_SERVER_URL ?? 'http://127.0.0.1:8801';
    let stopServer = async () => {};
    if (mode !== 'real') {
      const simulator = new Simulator({
        clock: 'wall',
        maxWaitSeconds: 12,
        workerTransport: httpWorkerTransport(),
      });
      const app = buildSimulatorServer(simulator);
      await app.listen({ host: '127.0.0.1', port: 0 });
      serverUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      stopServer = async () => {
        await simulator.close();
        await app.close();
      };
    }
    close = async () => {
      await stopServer();
      await worker.close();
    };
    const list = await runScenarios(allScenarios, {
      serverUrl,
      worker,
      // The CLI's default: the runner, the worker and the simulator share this process, and with 64
      // scenarios at once (some build multi-MB or deeply nested bodies) the wall-clock checks of
      // others (a 1 s long poll under 5 s) failed on a loaded machine.
      concurrency: 16,
    });
    results = new Map(list.map((r) => [r.name, r]));
  }, 120_000);

  afterAll(async () => {
    await close();
  });

  for (const scenario of allScenarios) {
    it(scenario.name, (context) => {
      const result = results.get(scenario.name);
      if (result?.status === 'skip') context.skip(result.message);
      if (result?.status === 'fail') throw new Error(`${result.message} (${result.ms} ms)`);
      expect(result?.status, `${scenario.name} did not run`).toBe('pass');
    });
  }
});
