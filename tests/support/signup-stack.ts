/**
 * The `npm start` stack for tests: the simulator's HTTP server (page included) and the sign-up app
 * with its worker, on loopback ports chosen by the system, on a virtual clock the test moves.
 */
import { createServer } from 'node:net';
import { Client, fetchTransport, Registry, WorkerService } from '../../sdk/index.ts';
import type { HistoryObserver } from '../../simulator/history/history.ts';
import { httpWorkerTransport } from '../../simulator/http/http-worker-transport.ts';
import { buildSimulatorServer } from '../../simulator/http/server.ts';
import { Simulator } from '../../simulator/simulator.ts';
import { buildSignupApp } from '../../workflows/signup/app.ts';
import { ConsoleEmailSender } from '../../workflows/signup/emails.ts';
import { createSignupWorkflow } from '../../workflows/signup/signup-workflow.ts';

/** The running stack: the simulator, its URL, the app's URL, time control and close. */
export interface SignupStack {
  simulator: Simulator;
  serverUrl: string;
  appUrl: string;
  /** Moves the simulator's virtual clock through its admin route, as the page's controls do. */
  advanceBy(ms: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the stack; `log` gets the app's email lines, `historyObserver` the simulator's events.
 *
 * @example
 * const stack = await startSignupStack({ reminderIntervalSeconds: 10 });
 * await fetch(`${stack.appUrl}/signup/submit?username=alice&email=alice@example.com`);
 */
export async function startSignupStack(options: {
  reminderIntervalSeconds: number;
  log?: (line: string) => void;
  historyObserver?: HistoryObserver;
}): Promise<SignupStack> {
  const simulator = new Simulator({
    clock: 'virtual',
    workerTransport: httpWorkerTransport(),
    historyObserver: options.historyObserver,
    recordExchanges: true,
  });
  const server = buildSimulatorServer(simulator);
  await server.listen({ host: '127.0.0.1', port: 0 });
  const serverUrl = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  const workflow = createSignupWorkflow({
    emails: new ConsoleEmailSender(options.log ?? (() => {})),
    reminderIntervalSeconds: options.reminderIntervalSeconds,
  });
  const registry = new Registry().addWorkflow(workflow);
  // The client needs the worker's URL before the app that serves it exists: take a free port first.
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const client = new Client(registry, { transport: fetchTransport(serverUrl), workerUrl: appUrl });
  const app = buildSignupApp({ client, workflow, workerService: new WorkerService(registry) });
  await app.listen({ host: '127.0.0.1', port });
  return {
    simulator,
    serverUrl,
    appUrl,
    advanceBy: async (ms) => {
      const response = await fetch(`${serverUrl}/simulator/time/advance`, {
        method: 'POST',
        body: JSON.stringify({ ms }),
      });
      if (!response.ok) throw new Error(`advance answered ${response.status}`);
    },
    close: async () => {
      await simulator.close();
      await app.close();
      await server.close();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
