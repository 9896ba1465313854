/**
 * The simulator as an iWF server over HTTP (fastify): every iWF API path plus the admin routes
 * under `/simulator/`. Needs the optional peer dependency `fastify`.
 *
 * @example
 * import { Simulator, httpWorkerTransport } from 'iwf-ts/simulator';
 * import { buildSimulatorServer, listenOrExplain } from 'iwf-ts/simulator/http';
 * const app = buildSimulatorServer(new Simulator({ workerTransport: httpWorkerTransport() }));
 * console.log(await listenOrExplain(app, { host: '127.0.0.1', port: 8801 }, 'the simulator', '--port'));
 */

export { listenOrExplain } from './listen.ts';
export { buildSimulatorServer, type SimulatorServerOptions } from './server.ts';
