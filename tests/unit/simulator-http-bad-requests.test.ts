import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpWorkerTransport } from '../../simulator/http/http-worker-transport.ts';
import { listenOrExplain } from '../../simulator/http/listen.ts';
import { buildSimulatorServer } from '../../simulator/http/server.ts';
import { Simulator } from '../../simulator/simulator.ts';

// Every answer here was measured on a real iWF server first (gin on Go's net/http).

let simulator: Simulator;
let server: ReturnType<typeof buildSimulatorServer>;
let url: string;
let worker: http.Server;
let workerUrl: string;

beforeAll(async () => {
  simulator = new Simulator({ workerTransport: httpWorkerTransport() });
  server = buildSimulatorServer(simulator);
  url = await listenOrExplain(server, { host: '127.0.0.1', port: 0 }, 'the simulator', '--port');
  // A worker that promises 100 bytes, sends a few, then closes the connection.
  worker = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write(request.url === '/api/v1/workflowWorker/rpc' ? '{"output' : '{"commandRe');
      setTimeout(() => response.destroy(), 20);
    });
  });
  await new Promise<void>((resolve) => worker.listen(0, '127.0.0.1', resolve));
  workerUrl = `http://127.0.0.1:${(worker.address() as { port: number }).port}`;
});
afterAll(async () => {
  await server.close();
  await simulator.close();
  await new Promise((resolve) => worker.close(resolve));
});

/** A request with any method and a path sent as is; the answer's status, type and text. */
function send(method: string, path: string, body?: string) {
  return new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    const request = http.request(`${url}${path}`, { method, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', text }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('the simulator HTTP server at the HTTP layer, as Go and gin answer', () => {
  it('answers a method it does not know (FOO) and TRACE with gin’s 404 text', async () => {
    for (const method of ['FOO', 'TRACE'])
      expect(await send(method, '/api/v1/workflow/get', method === 'FOO' ? '{}' : undefined)).toEqual({
        status: 404,
        type: 'text/plain',
        text: '404 page not found',
      });
  });

  it('routes the decoded path: %67et is get', async () => {
    const reply = await send('POST', '/api/v1/workflow/%67et', '{"workflowId":"nobody"}');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ detail: 'workflow not found for ID: nobody' });
  });

  it('answers a path whose escapes do not decode with Go’s 400 text', async () => {
    expect(await send('POST', '/api/v1/workflow/g%zzet', '{}')).toEqual({
      status: 400,
      type: 'text/plain; charset=utf-8',
      text: '400 Bad Request',
    });
  });

  it('answers a path over 16 KB with a 404 (no 431), and HEAD with no body', async () => {
    const long = `/api/v1/${'a'.repeat(17_000)}`;
    expect(await send('POST', long, '{}')).toMatchObject({ status: 404, text: '404 page not found' });
    expect(await send('HEAD', long)).toMatchObject({ status: 404, text: '' });
  });
});

describe('a worker that closes the connection in the middle of its answer', () => {
  it('fails an RPC as the real server does: 420, the partial body, original status 200', async () => {
    const start = await send(
      'POST',
      '/api/v1/workflow/start',
      JSON.stringify({ workflowId: 'cut', iwfWorkflowType: 'T', iwfWorkerUrl: workerUrl }),
    );
    expect(start.status).toBe(200);
    const reply = await send('POST', '/api/v1/workflow/rpc', '{"workflowId":"cut","rpcName":"r"}');
    expect(reply.status).toBe(420);
    expect(JSON.parse(reply.text)).toEqual({
      detail: 'unable to decode worker response body to WorkerErrorResponse: body{"output',
      subStatus: 'WORKER_API_ERROR',
      originalWorkerErrorDetail: '',
      originalWorkerErrorStatus: 200,
      originalWorkerErrorType: '',
    });
  });

  it('records a state API failure with status 200, the partial body and unexpected EOF', async () => {
    await send(
      'POST',
      '/api/v1/workflow/start',
      JSON.stringify({
        workflowId: 'cut-state',
        iwfWorkflowType: 'T',
        iwfWorkerUrl: workerUrl,
        startStateId: 'S1',
        stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 1 } },
      }),
    );
    await simulator.runUntilIdle();
    const reply = await send('POST', '/api/v1/workflow/getWithWait', '{"workflowId":"cut-state"}');
    const body = JSON.parse(reply.text) as { workflowStatus: string; errorMessage?: string };
    expect(body.workflowStatus).toBe('FAILED');
    expect(body.errorMessage).toContain('statusCode: 200, responseBody: {"commandRe, errMsg: unexpected EOF');
  });
});
