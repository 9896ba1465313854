import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpWorkerTransport } from '../../simulator/http/http-worker-transport.ts';
import { listenOrExplain } from '../../simulator/http/listen.ts';
import { buildSimulatorServer } from '../../simulator/http/server.ts';
import { Simulator } from '../../simulator/simulator.ts';

let simulator: Simulator;
let server: ReturnType<typeof buildSimulatorServer>;
let url: string;

beforeAll(async () => {
  simulator = new Simulator({ workerTransport: httpWorkerTransport() });
  server = buildSimulatorServer(simulator);
  url = await listenOrExplain(server, { host: '127.0.0.1', port: 0 }, 'the simulator', '--port');
});
afterAll(async () => {
  await server.close();
  await simulator.close();
});

const post = async (path: string, body: string, contentType = 'application/json') => {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
};

describe('the simulator HTTP server under bad input', () => {
  it('answers malformed JSON with the real server’s 400 invalid request schema', async () => {
    expect(await post('/api/v1/workflow/start', '{"workflowId":')).toMatchObject({
      status: 400,
      text: '{"detail":"invalid request schema"}',
    });
  });

  it('decodes bodies as Go does: field names in any case, and only the first JSON value', async () => {
    const started = await post(
      '/api/v1/workflow/start',
      '{"WORKFLOWID":"go-json","IwfWorkflowType":"T","workflowTimeoutSeconds":30,"iwfWorkerUrl":"http://127.0.0.1:1"} trailing',
    );
    expect(started.status).toBe(200);
    const described = await post('/api/v1/workflow/get', '{"WorkflowId":"go-json"}{"workflowId":"other"}');
    expect([described.status, JSON.parse(described.text).workflowStatus]).toEqual([200, 'RUNNING']);
    // A later key for the same field wins, as Go decodes in order.
    const later = await post('/api/v1/workflow/get', '{"workflowId":"nobody","WORKFLOWID":"go-json"}');
    expect(later.status).toBe(200);
    expect((await post('/api/v1/workflow/get', '{"workflowId":')).status).toBe(400);
  });

  it('reads a JSON body sent as text/plain, as the real server does', async () => {
    const reply = await post('/api/v1/workflow/get', '{"workflowId":"nobody"}', 'text/plain');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toEqual({
      detail: 'workflow not found for ID: nobody',
      subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
    });
  });

  it('gives a status without a standard reason phrase Go’s text, "status code 420" (clients show it)', async () => {
    const start = await post(
      '/api/v1/workflow/start',
      JSON.stringify({
        workflowId: 'still-running',
        iwfWorkflowType: 'Idle',
        workflowTimeoutSeconds: 0,
        iwfWorkerUrl: 'http://127.0.0.1:1',
      }),
    );
    expect(start.status).toBe(200);
    const response = await fetch(`${url}/api/v1/workflow/getWithWait`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workflowId: 'still-running', waitTimeSeconds: 1 }),
    });
    expect([response.status, response.statusText]).toEqual([420, 'status code 420']);
    const ok = await fetch(`${url}/api/v1/workflow/get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workflowId: 'still-running' }),
    });
    expect([ok.status, ok.statusText]).toEqual([200, 'OK']);
  });

  it('answers unknown paths and wrong methods with a text 404, never 405', async () => {
    expect(await post('/api/v1/workflow/nope', '{}')).toMatchObject({
      status: 404,
      text: '404 page not found',
    });
    const get = await fetch(`${url}/api/v1/workflow/start`);
    expect([get.status, await get.text()]).toEqual([404, '404 page not found']);
  });

  it('refuses a start carrying a value over the 2 MB blob limit and creates nothing', async () => {
    const big = 'x'.repeat(2_500_000);
    const body = JSON.stringify({
      workflowId: 'big',
      iwfWorkflowType: 'T',
      workflowTimeoutSeconds: 10,
      iwfWorkerUrl: 'http://127.0.0.1:1',
      workflowStartOptions: {
        dataAttributes: [{ key: 'k', value: { encoding: 'json/plain', data: JSON.stringify(big) } }],
      },
    });
    expect(await post('/api/v1/workflow/start', body)).toMatchObject({
      status: 500,
      text: '{"detail":"Blob data size exceeds limit.","subStatus":"UNCATEGORIZED_SUB_STATUS"}',
    });
    expect((await post('/api/v1/workflow/get', '{"workflowId":"big"}')).status).toBe(400);
  });

  it('keeps serving after a worker that is down fails a workflow, and keeps its data readable', async () => {
    const start = JSON.stringify({
      workflowId: 'down',
      iwfWorkflowType: 'T',
      workflowTimeoutSeconds: 30,
      iwfWorkerUrl: 'http://127.0.0.1:1',
      startStateId: 'S1',
      stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 1 } },
      workflowStartOptions: { dataAttributes: [{ key: 'k', value: { encoding: 'json/plain', data: '1' } }] },
    });
    expect((await post('/api/v1/workflow/start', start)).status).toBe(200);
    const result = JSON.parse((await post('/api/v1/workflow/getWithWait', '{"workflowId":"down"}')).text);
    expect(result).toMatchObject({ workflowStatus: 'FAILED', errorType: 'STATE_API_FAIL_ERROR_TYPE' });
    expect(result.errorMessage).toMatch(
      /^statusCode: 0, responseBody: None, errMsg: Post "http:\/\/127.0.0.1:1\/api\/v1\/workflowState\/star\.\.\.$/,
    );
    const data = JSON.parse((await post('/api/v1/workflow/dataobjects/get', '{"workflowId":"down"}')).text);
    expect(data.objects).toEqual([{ key: 'k', value: { encoding: 'json/plain', data: '1' } }]);
  });

  it('records a worker that answers garbage as a failed attempt, not a crash', async () => {
    const garbage = Fastify();
    garbage.post('/api/v1/workflowState/start', async (_request, reply) =>
      reply.type('text/plain').send('OK'),
    );
    const workerUrl = await listenOrExplain(garbage, { host: '127.0.0.1', port: 0 }, 'worker', 'port');
    const start = JSON.stringify({
      workflowId: 'garbage',
      iwfWorkflowType: 'T',
      workflowTimeoutSeconds: 30,
      iwfWorkerUrl: workerUrl,
      startStateId: 'S1',
      stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 1 } },
    });
    await post('/api/v1/workflow/start', start);
    const result = JSON.parse((await post('/api/v1/workflow/getWithWait', '{"workflowId":"garbage"}')).text);
    expect(result).toMatchObject({
      workflowStatus: 'FAILED',
      errorMessage: 'statusCode: 200, responseBody: OK, errMsg: undefined response type',
    });
    await garbage.close();
    expect((await fetch(`${url}/info/healthcheck`)).status).toBe(200);
  });

  it('calls the worker with the real server’s Accept headers and reads a gzipped answer', async () => {
    const { gzipSync } = await import('node:zlib');
    const seen: Record<string, string | undefined>[] = [];
    const worker = Fastify();
    worker.post('/api/v1/workflowState/decide', async (request, reply) => {
      seen.push({ accept: request.headers.accept, encoding: request.headers['accept-encoding'] });
      const body = gzipSync(
        JSON.stringify({ stateDecision: { nextStates: [{ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW' }] } }),
      );
      return reply.type('application/json').header('content-encoding', 'gzip').send(body);
    });
    const workerUrl = await listenOrExplain(worker, { host: '127.0.0.1', port: 0 }, 'worker', 'port');
    const start = JSON.stringify({
      workflowId: 'gzip',
      iwfWorkflowType: 'T',
      workflowTimeoutSeconds: 30,
      iwfWorkerUrl: workerUrl,
      startStateId: 'S1',
      stateOptions: { skipWaitUntil: true },
    });
    await post('/api/v1/workflow/start', start);
    const result = JSON.parse((await post('/api/v1/workflow/getWithWait', '{"workflowId":"gzip"}')).text);
    expect(result.workflowStatus).toBe('COMPLETED');
    expect(seen).toEqual([{ accept: 'application/json', encoding: 'gzip' }]);
    await worker.close();
  });

  it('quotes a worker status line without a reason phrase as Go does ("501 ", as Tomcat sends it)', async () => {
    const { createServer } = await import('node:net');
    const tomcat = createServer((socket) => {
      socket.once('data', () =>
        socket.end(
          'HTTP/1.1 501 \r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
        ),
      );
    });
    await new Promise<void>((resolve) => tomcat.listen(0, '127.0.0.1', resolve));
    const { port } = tomcat.address() as { port: number };
    const start = JSON.stringify({
      workflowId: 'no-reason',
      iwfWorkflowType: 'T',
      workflowTimeoutSeconds: 30,
      iwfWorkerUrl: `http://127.0.0.1:${port}`,
      startStateId: 'S1',
      stateOptions: { waitUntilApiRetryPolicy: { maximumAttempts: 1 } },
    });
    await post('/api/v1/workflow/start', start);
    const result = JSON.parse(
      (await post('/api/v1/workflow/getWithWait', '{"workflowId":"no-reason"}')).text,
    );
    expect(result.errorMessage).toBe('statusCode: 501, responseBody: {}, errMsg: 501 ');
    await new Promise((resolve) => tomcat.close(resolve));
  });

  it('explains a taken port instead of crashing with EADDRINUSE', async () => {
    const port = Number(new URL(url).port);
    const second = Fastify();
    await expect(
      listenOrExplain(second, { host: '127.0.0.1', port }, 'the iWF simulator', '--port'),
    ).rejects.toThrow(
      /the iWF simulator cannot listen on 127.0.0.1:\d+: the port is in use \(is it already running\?\)\. Stop the other process or choose another port with --port/,
    );
    await second.close();
  });
});
