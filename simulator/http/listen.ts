import type { FastifyInstance } from 'fastify';

/**
 * Listens, turning "address in use" into a message that says what to do.
 *
 * @example
 * const url = await listenOrExplain(app, { host: '127.0.0.1', port: 8801 }, 'the simulator', '--port');
 */
export async function listenOrExplain(
  app: FastifyInstance,
  address: { host: string; port: number },
  what: string,
  portHint: string,
): Promise<string> {
  try {
    await app.listen(address);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new Error(
        `${what} cannot listen on ${address.host}:${address.port}: the port is in use ` +
          `(is it already running?). Stop the other process or choose another port with ${portHint}.`,
      );
    }
    throw error;
  }
  const port = (app.server.address() as { port: number }).port;
  const host = address.host === '0.0.0.0' || address.host === '::' ? '127.0.0.1' : address.host;
  return `http://${host}:${port}`;
}
