/**
 * What every sample's `main.ts` shares: the iWF server (the embedded simulator on the wall clock,
 * or a real server at `IWF_SERVER_URL`), ports from the environment, timestamped logs, and a clean
 * stop on Ctrl-C.
 */
import type { FastifyInstance } from 'fastify';
import type { AnyWorkflow } from 'iwf-ts/sdk';
import { httpWorkerTransport, type LiveLogFormat, liveLog, Simulator } from 'iwf-ts/simulator';
import { buildSimulatorServer, listenOrExplain } from 'iwf-ts/simulator/http';
import { searchAttributesFor } from 'iwf-ts/testing';

/**
 * A positive number from an environment variable, or the fallback when it is unset.
 *
 * @example
 * const port = numberFromEnv('PORT', 8802);
 */
export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got '${raw}'`);
  return value;
}

/**
 * A logger that prefixes each line with the ISO time of `clock` (default: real time; the embedded
 * simulator's clock when it skips, so each reminder shows at its own instant).
 *
 * @example
 * const log = timestampedLog();
 * log('started'); // 2026-01-01T00:00:00.000Z started
 */
export function timestampedLog(clock: () => number = Date.now): (line: string) => void {
  return (line) => console.log(`${new Date(clock()).toISOString()} ${line}`);
}

/**
 * The embedded simulator's live log from the command line: readable lines by default, `--log json`
 * for one JSON object a line, `--quiet` for none (`npm start -- --quiet`).
 *
 * @example
 * liveLogFormat(['--log', 'json']); // 'json'
 */
export function liveLogFormat(argv: readonly string[] = process.argv.slice(2)): LiveLogFormat | undefined {
  if (argv.includes('--quiet')) return undefined;
  const at = argv.indexOf('--log');
  const given = at < 0 ? 'text' : argv[at + 1];
  if (given !== 'text' && given !== 'json')
    throw new Error(`--log must be text or json, got ${given ?? 'nothing'}`);
  return given;
}

/** The iWF server a sample talks to. */
export interface IwfServer {
  /** Base URL of the server's API. */
  readonly url: string;
  /** The embedded simulator's page of workflows and timelines (none for an external server). */
  readonly pageUrl?: string;
  /** Stops the embedded simulator (nothing for an external server). */
  stop(): Promise<void>;
  /** The server's time: the embedded simulator's clock, or real time for an external server. */
  now(): number;
}

/**
 * Uses the iWF server at `IWF_SERVER_URL`, or starts the simulator as an HTTP server on 127.0.0.1
 * (port `SIMULATOR_PORT`, default 8801) on the wall clock, or on the skipping clock with
 * `SIMULATOR_CLOCK=skip`.
 *
 * @example
 * const server = await startIwfServer(log, [MyWorkflow]);
 * const client = new Client(registry, { transport: fetchTransport(server.url), workerUrl });
 */
export async function startIwfServer(
  log: (line: string) => void,
  workflows: readonly AnyWorkflow[] = [],
): Promise<IwfServer> {
  const external = process.env.IWF_SERVER_URL;
  if (external) {
    log(`using the iWF server at ${external}`);
    return { url: external, stop: async () => {}, now: Date.now };
  }
  const logFormat = liveLogFormat();
  const clock = process.env.SIMULATOR_CLOCK ?? 'wall';
  if (clock !== 'wall' && clock !== 'skip')
    throw new Error(`SIMULATOR_CLOCK must be wall or skip, got '${clock}'`);
  // The embedded server registers the search attributes the workflows declare, as an operator would.
  const simulator = new Simulator({
    clock,
    workerTransport: httpWorkerTransport(),
    searchAttributes: searchAttributesFor(workflows),
    historyObserver: logFormat && liveLog(logFormat),
    recordExchanges: true,
  });
  const server = buildSimulatorServer(simulator);
  const url = await listenOrExplain(
    server,
    { host: '127.0.0.1', port: numberFromEnv('SIMULATOR_PORT', 8801) },
    'the embedded iWF simulator',
    'SIMULATOR_PORT=<port>, or point IWF_SERVER_URL at a running iWF server',
  );
  log(
    `iWF simulator (${clock === 'skip' ? 'skipping' : 'wall'} clock) listening on ${url}; workflows and their timelines: ${url}/`,
  );
  return {
    url,
    pageUrl: `${url}/`,
    now: () => simulator.now(),
    stop: async () => {
      await server.close();
      await simulator.close();
    },
  };
}

/** The app port (`PORT`, default 8802) and the worker URL the server calls back. */
export interface AppAddress {
  readonly port: number;
  readonly workerUrl: string;
}

/**
 * The app's port from `PORT` and the worker URL from `IWF_WORKER_URL` (default `http://localhost:<port>`).
 *
 * @example
 * const { port, workerUrl } = appAddress();
 */
export function appAddress(): AppAddress {
  const port = numberFromEnv('PORT', 8802);
  return { port, workerUrl: process.env.IWF_WORKER_URL ?? `http://localhost:${port}` };
}

/**
 * Listens with the app on 0.0.0.0 and stops it and the iWF server on SIGINT/SIGTERM; returns its URL.
 *
 * @example
 * const appUrl = await serveApp(app, 'the sign-up app', port, server);
 */
export async function serveApp(
  app: FastifyInstance,
  what: string,
  port: number,
  server: IwfServer,
): Promise<string> {
  const url = await listenOrExplain(app, { host: '0.0.0.0', port }, what, 'PORT=<port>');
  const stop = async () => {
    await app.close();
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return url;
}

/**
 * Runs a sample's async main, printing a failure's message and exiting with 1.
 *
 * @example
 * runMain(main);
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
