/**
 * The simulator as an iWF server over HTTP (fastify): every iWF API path, the admin routes under
 * `/simulator/` and the timeline page at `/` (with its data, and the page as one file for a
 * report). Needs the optional peer dependency `fastify`.
 *
 * @example
 * import { Simulator, httpWorkerTransport } from 'iwf-ts/simulator';
 * import { buildSimulatorServer, listenOrExplain } from 'iwf-ts/simulator/http';
 * const app = buildSimulatorServer(new Simulator({ workerTransport: httpWorkerTransport() }));
 * console.log(await listenOrExplain(app, { host: '127.0.0.1', port: 8801 }, 'the simulator', '--port'));
 */

export { listenOrExplain } from './listen.ts';
export { type DescribedEvent, type TimelineData, timelineData } from './page-data.ts';
export { selfContainedPage } from './page-files.ts';
export { buildSimulatorServer, type SimulatorServerOptions } from './server.ts';
