/**
 * The simulator behind msw: an app that builds its own client from a URL runs unchanged in tests.
 * Needs the optional peer dependency `msw`.
 *
 * @example
 * import { simulatorHandler } from 'iwf-ts/simulator/msw';
 * const server = setupServer(simulatorHandler(simulator, 'http://iwf.test'));
 */

export { simulatorHandler } from './handlers.ts';
