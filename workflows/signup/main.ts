/**
 * The sign-up demo: the iWF simulator as the server (or a real one at IWF_SERVER_URL), the sign-up
 * app with its worker, and example requests to try.
 *
 *   npm start                                   # embedded simulator on 127.0.0.1:8801, app on :8802
 *   IWF_SERVER_URL=http://localhost:8801 npm start   # use a running iWF server instead
 *   SIGNUP_REMINDER_SECONDS=3600 npm start      # remind every hour instead of every 10 s
 */
import { Client, fetchTransport, Registry, WorkerService } from '../../sdk/index.ts';
import { httpWorkerTransport } from '../../simulator/http/http-worker-transport.ts';
import { listenOrExplain } from '../../simulator/http/listen.ts';
import { buildSimulatorServer } from '../../simulator/http/server.ts';
import { Simulator } from '../../simulator/simulator.ts';
import { buildSignupApp } from './app.ts';
import { ConsoleEmailSender } from './emails.ts';
import { createSignupWorkflow } from './signup-workflow.ts';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got '${raw}'`);
  return value;
}

async function main(): Promise<void> {
  const appPort = numberFromEnv('PORT', 8802);
  const simulatorPort = numberFromEnv('SIMULATOR_PORT', 8801);
  const reminderIntervalSeconds = numberFromEnv('SIGNUP_REMINDER_SECONDS', 10);
  const workerUrl = process.env.IWF_WORKER_URL ?? `http://localhost:${appPort}`;
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

  let serverUrl = process.env.IWF_SERVER_URL;
  let stopSimulator = async () => {};
  if (!serverUrl) {
    const simulator = new Simulator({ clock: 'wall', workerTransport: httpWorkerTransport() });
    const server = buildSimulatorServer(simulator);
    serverUrl = await listenOrExplain(
      server,
      { host: '127.0.0.1', port: simulatorPort },
      'the embedded iWF simulator',
      'SIMULATOR_PORT=<port>, or point IWF_SERVER_URL at a running iWF server',
    );
    stopSimulator = async () => {
      await server.close();
      await simulator.close();
    };
    log(`iWF simulator (wall clock) listening on ${serverUrl}`);
  } else {
    log(`using the iWF server at ${serverUrl}`);
  }

  const workflow = createSignupWorkflow({ emails: new ConsoleEmailSender(log), reminderIntervalSeconds });
  const registry = new Registry().addWorkflow(workflow);
  const client = new Client(registry, { transport: fetchTransport(serverUrl), workerUrl });
  const app = buildSignupApp({ client, workflow, workerService: new WorkerService(registry) });
  const appUrl = await listenOrExplain(
    app,
    { host: '0.0.0.0', port: appPort },
    'the sign-up app',
    'PORT=<port>',
  );
  log(`sign-up app and worker listening on ${appUrl} (reminder every ${reminderIntervalSeconds} s)`);
  console.log(`
Try it:
  curl '${appUrl}/signup/submit?username=alice&email=alice@example.com'
  curl '${appUrl}/signup/describe?username=alice'
  curl '${appUrl}/signup/verify?username=alice&source=email'
`);

  const stop = async () => {
    await app.close();
    await stopSimulator();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
