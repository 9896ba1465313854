import { HttpResponse, http } from 'msw';
import type { Simulator } from '../simulator.ts';

/**
 * An msw handler that answers every request to `serverUrl` from the simulator, in-process: an app
 * that builds its own client with a URL runs unchanged in tests. One catch-all per host, so msw
 * does not walk a list of routes per request.
 *
 * @example
 * const server = setupServer(simulatorHandler(simulator, 'http://iwf.test'));
 * server.listen({ onUnhandledRequest: 'error' });
 */
export function simulatorHandler(simulator: Simulator, serverUrl: string) {
  const base = serverUrl.replace(/\/+$/, '');
  return http.all(`${base}/*`, async ({ request }) => {
    const path = new URL(request.url).pathname;
    const rawBody = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const reply = await simulator.handle({ method: request.method, path, rawBody });
    const headers: Record<string, string> = { ...reply.headers };
    if (typeof reply.body === 'string') {
      headers['content-type'] = reply.contentType ?? 'text/plain; charset=utf-8';
      return new HttpResponse(reply.body, { status: reply.status, headers });
    }
    headers['content-type'] = reply.contentType ?? 'application/json';
    return new HttpResponse(JSON.stringify(reply.body), { status: reply.status, headers });
  });
}
