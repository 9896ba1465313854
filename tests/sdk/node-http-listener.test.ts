import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WorkerHandler, WorkerPaths } from 'iwf-ts/sdk';
import { workerRequestListener } from 'iwf-ts/sdk/node-http';
import { afterEach, describe, expect, it } from 'vitest';

const echo: WorkerHandler = { handle: async (path, body) => ({ status: 200, body: { path, body } }) };
const servers: Server[] = [];

async function serve(listener: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const post = (url: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('the node:http worker listener', () => {
  it('hands each worker endpoint its parsed JSON body and answers with the reply as JSON', async () => {
    const url = await serve(workerRequestListener({ workerService: echo }));
    for (const path of Object.values(WorkerPaths)) {
      const response = await post(url + path, '{"a":1}');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({ path, body: { a: 1 } });
    }
  });

  it('serves the endpoints under a prefix, as a worker URL with a path', async () => {
    const url = await serve(workerRequestListener({ workerService: echo, prefix: '/worker/' }));
    expect((await post(`${url}/worker${WorkerPaths.execute}`, '{}')).status).toBe(200);
    expect((await post(url + WorkerPaths.execute, '{}')).status).toBe(404);
  });

  it('answers 404 naming the path for anything else, or passes it to next() as middleware', async () => {
    const alone = await serve(workerRequestListener({ workerService: echo }));
    const response = await fetch(`${alone}/health`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'no worker endpoint at GET /health' });
    const listener = workerRequestListener({ workerService: echo });
    const mounted = await serve((request, reply) =>
      listener(request, reply, () => reply.writeHead(200).end('the app answered')),
    );
    expect(await (await fetch(`${mounted}/health`)).text()).toBe('the app answered');
  });

  it('answers 400 to a body that is not JSON and 413 to one over bodyLimit', async () => {
    const url = await serve(workerRequestListener({ workerService: echo, bodyLimit: 10 }));
    const bad = await post(url + WorkerPaths.rpc, '{"a":');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/^the request body is not JSON: /);
    const big = await post(url + WorkerPaths.rpc, JSON.stringify({ text: 'x'.repeat(100) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ detail: 'the request body is larger than bodyLimit (10 bytes)' });
  });
});
