import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { FaultSpec } from '../../simulator/engine/choices/injected-faults.ts';
import { httpWorkerTransport } from '../../simulator/http/http-worker-transport.ts';
import { buildSimulatorServer } from '../../simulator/http/server.ts';
import { Simulator } from '../../simulator/simulator.ts';

// Each injected fault is compared with a real HTTP worker failing that way, over sockets: the
// workflow's status and error text, the attempts and their virtual times, the RPC's answer.

type Behaviour = 'ok' | 'http500' | 'garbage' | 'wrongShape' | 'hang';
type Api = 'waitUntil' | 'execute' | 'rpc';

const PATHS: Record<string, Api> = {
  '/api/v1/workflowState/start': 'waitUntil',
  '/api/v1/workflowState/decide': 'execute',
  '/api/v1/workflowWorker/rpc': 'rpc',
};
const WRONG: Record<Api, string> = {
  waitUntil: '{"commandRequest":"all"}',
  execute: '{"stateDecision":"next"}',
  rpc: '{"output":"not-an-object"}',
};
const OK: Record<Api, unknown> = { waitUntil: {}, execute: gracefulComplete(), rpc: { output: enc('fine') } };

const servers: Server[] = [];
const simulators: Simulator[] = [];
afterEach(async () => {
  for (const simulator of simulators.splice(0)) await simulator.close();
  for (const server of servers.splice(0)) await closeServer(server);
});

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A worker over HTTP that fails one API the given way and answers the others well. */
async function httpWorker(
  failing: Partial<Record<Api, Behaviour>>,
): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const api = PATHS[request.url ?? ''] ?? 'rpc';
      const behaviour = failing[api] ?? 'ok';
      if (behaviour === 'hang') return;
      const json = { 'content-type': 'application/json' };
      if (behaviour === 'http500') {
        response.writeHead(500, json);
        response.end(
          JSON.stringify({ detail: `injected fault: the ${api} handler failed`, errorType: 'InjectedFault' }),
        );
      } else if (behaviour === 'garbage') {
        response.writeHead(200, json);
        response.end('<html><body>502 Bad Gateway</body></html>');
      } else if (behaviour === 'wrongShape') {
        response.writeHead(200, json);
        response.end(WRONG[api]);
      } else {
        response.writeHead(200, json);
        response.end(JSON.stringify(OK[api]));
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

const retryOnce = { maximumAttempts: 2, initialIntervalSeconds: 1 };
const stateOptions = {
  waitUntilApiRetryPolicy: retryOnce,
  executeApiRetryPolicy: retryOnce,
  waitUntilApiTimeoutSeconds: 1,
  executeApiTimeoutSeconds: 1,
};

function simulatorFor(): Simulator {
  const simulator = new Simulator({ workerTransport: httpWorkerTransport(), maxWaitSeconds: 12 });
  simulators.push(simulator);
  return simulator;
}

const post = (simulator: Simulator, path: string, body: unknown) =>
  simulator.handle({ method: 'POST', path: `/api/v1/workflow/${path}`, body });

/** Runs a one-state workflow to its end; what a user of it would see, and the attempts. */
async function stateRun(url: string, faults: FaultSpec[] = []) {
  const simulator = simulatorFor();
  for (const fault of faults) simulator.faults.inject(fault);
  const t0 = simulator.now();
  await post(simulator, 'start', {
    workflowId: 'wf',
    iwfWorkflowType: 'TestWorkflow',
    workflowTimeoutSeconds: 60,
    iwfWorkerUrl: url,
    startStateId: 'S1',
    stateOptions,
  });
  const result = await post(simulator, 'getWithWait', { workflowId: 'wf', waitTimeSeconds: 30 });
  const history = simulator.history('wf');
  const attempts = history
    .filter((e) => e.type === 'WaitUntilAttempt' || e.type === 'ExecuteAttempt')
    .map((e) => ({ type: e.type, at: e.at - t0, outcome: e.attrs?.outcome, error: e.attrs?.error }));
  const injected = history.filter((e) => e.type === 'FaultInjected').map((e) => e.attrs);
  return { result: result.body, attempts, injected, timeline: simulator.formatHistory('wf') };
}

/** Calls one RPC on a running workflow; the client's answer. */
async function rpcRun(url: string, faults: FaultSpec[] = []) {
  const simulator = simulatorFor();
  await post(simulator, 'start', {
    workflowId: 'wf',
    iwfWorkflowType: 'TestWorkflow',
    workflowTimeoutSeconds: 60,
    iwfWorkerUrl: url,
  });
  for (const fault of faults) simulator.faults.inject(fault);
  const t0 = simulator.now();
  const reply = await post(simulator, 'rpc', { workflowId: 'wf', rpcName: 'r', timeoutSeconds: 2 });
  const injected = simulator.history('wf').filter((e) => e.type === 'FaultInjected');
  return { reply, tookMs: simulator.now() - t0, injected: injected.length };
}

describe('injected worker faults look like a real worker failing that way', () => {
  for (const kind of ['http500', 'garbage', 'wrongShape', 'timeout'] as const) {
    const real: Behaviour = kind === 'timeout' ? 'hang' : kind;
    for (const api of ['waitUntil', 'execute'] as const) {
      it(`${kind} on ${api}, twice: the same retries, status and error text as a worker that does it`, async () => {
        const healthy = await httpWorker({});
        const injected = await stateRun(healthy.url, [{ kind, api, stateId: 'S1', times: 2 }]);
        const failing = await httpWorker({ [api]: real });
        const measured = await stateRun(failing.url);
        expect(injected.result).toMatchObject({ workflowStatus: 'FAILED' });
        expect(injected.result).toEqual(measured.result);
        expect(injected.attempts).toEqual(measured.attempts);
        expect(injected.injected).toEqual([
          { api, kind, reason: 'injected' },
          { api, kind, reason: 'injected' },
        ]);
        expect(injected.timeline).toContain(
          `FaultInjected               [S1-1]  api=${api} kind=${kind} reason=injected`,
        );
      });
    }

    it(`${kind} on an RPC: the client gets what a worker doing it gives`, async () => {
      const healthy = await httpWorker({});
      const injected = await rpcRun(healthy.url, [{ kind, rpcName: 'r' }]);
      const failing = await httpWorker({ rpc: real });
      const measured = await rpcRun(failing.url);
      // A timeout's text names the worker's URL: the two workers listen on different ports.
      const sameUrl = JSON.stringify(measured.reply).replaceAll(failing.url, healthy.url);
      expect(injected.reply).toEqual(JSON.parse(sameUrl));
      expect(injected.reply.status).not.toBe(200);
      // A hung HTTP worker here ends on the socket's real-time backstop (virtual time stands still
      // while the call is in flight); the injected timeout ends at the RPC's deadline on virtual time.
      expect(injected.tookMs).toBe(kind === 'timeout' ? 2_000 : measured.tookMs);
      expect(injected.injected).toBe(1);
    });
  }

  it('connection refused: the same Go client text as a worker whose port is closed', async () => {
    const worker = await httpWorker({});
    const injected = await stateRun(worker.url, [{ kind: 'connectionRefused', api: 'waitUntil', times: 2 }]);
    const rpcInjected = await rpcRun(worker.url, [{ kind: 'connectionRefused', api: 'rpc' }]);
    await closeServer(worker.server);
    const measured = await stateRun(worker.url);
    expect(injected.result).toMatchObject({ workflowStatus: 'FAILED' });
    expect(injected.result).toEqual(measured.result);
    expect(injected.attempts).toEqual(measured.attempts);
    expect(rpcInjected.reply).toEqual((await rpcRun(worker.url)).reply);
  });

  it('a slow answer within the deadline arrives late on virtual time and the workflow completes', async () => {
    const worker = await httpWorker({});
    const { result, attempts, injected } = await stateRun(worker.url, [
      { kind: 'slow', api: 'waitUntil', delayMs: 700 },
    ]);
    expect(result).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(attempts).toEqual([
      { type: 'WaitUntilAttempt', at: 700, outcome: 'ok', error: undefined },
      { type: 'ExecuteAttempt', at: 700, outcome: 'ok', error: undefined },
    ]);
    expect(injected).toEqual([{ api: 'waitUntil', kind: 'slow', reason: 'injected', delayMs: 700 }]);
  });

  it('a slow answer past the deadline is a timeout, as a worker that hangs', async () => {
    const healthy = await httpWorker({});
    const injected = await stateRun(healthy.url, [
      { kind: 'slow', api: 'execute', delayMs: 5_000, times: 2 },
    ]);
    const hanging = await httpWorker({ execute: 'hang' });
    const measured = await stateRun(hanging.url);
    expect(injected.result).toEqual(measured.result);
    expect(injected.attempts).toEqual(measured.attempts);
    const rpcSlow = await rpcRun(healthy.url, [{ kind: 'slow', rpcName: 'r', delayMs: 500 }]);
    expect(rpcSlow.reply).toEqual({ status: 200, body: { output: enc('fine') } });
    expect(rpcSlow.tookMs).toBe(500);
  });

  it('a worker down for 5 s refuses the attempts at 0, 1 and 3 s; the default retry at 7 s succeeds', async () => {
    const worker = await httpWorker({});
    const simulator = simulatorFor();
    simulator.faults.workerDown(simulator.now(), simulator.now() + 5_000);
    const t0 = simulator.now();
    await post(simulator, 'start', {
      workflowId: 'wf',
      iwfWorkflowType: 'TestWorkflow',
      workflowTimeoutSeconds: 60,
      iwfWorkerUrl: worker.url,
      startStateId: 'S1',
    });
    const result = await post(simulator, 'getWithWait', { workflowId: 'wf', waitTimeSeconds: 30 });
    expect(result.body).toMatchObject({ workflowStatus: 'COMPLETED' });
    const attempts = simulator
      .history('wf')
      .filter((e) => e.type === 'WaitUntilAttempt')
      .map((e) => [e.at - t0, e.attrs?.outcome]);
    expect(attempts).toEqual([
      [0, 'failed'],
      [1000, 'failed'],
      [3000, 'failed'],
      [7000, 'ok'],
    ]);
    expect(simulator.formatHistory('wf')).toContain('api=waitUntil kind=connectionRefused reason=workerDown');
    expect(simulator.faults.active).toBe(false);
  });

  it('faults match only their workflow, state and API, and are used up', async () => {
    const worker = await httpWorker({});
    const simulator = simulatorFor();
    simulator.faults.inject({ kind: 'http500', workflowId: 'other' });
    simulator.faults.inject({ kind: 'http500', stateId: 'S9' });
    simulator.faults.inject({ kind: 'http500', rpcName: 'r' });
    await post(simulator, 'start', {
      workflowId: 'wf',
      iwfWorkflowType: 'TestWorkflow',
      workflowTimeoutSeconds: 60,
      iwfWorkerUrl: worker.url,
      startStateId: 'S1',
    });
    const result = await post(simulator, 'getWithWait', { workflowId: 'wf', waitTimeSeconds: 30 });
    expect(result.body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(simulator.faults.remaining).toBe(3);
  });

  it('a fault spec that cannot work is refused with what to fix', () => {
    const simulator = simulatorFor();
    expect(() => simulator.faults.inject({ kind: 'slow' })).toThrow(
      'invalid fault: a slow fault needs delayMs, the virtual ms the answer is late',
    );
    expect(() => simulator.faults.inject({ kind: 'boom' as never })).toThrow(
      /kind 'boom' is not one of http500/,
    );
    expect(() => simulator.faults.inject({ kind: 'timeout', times: 0 })).toThrow(
      /times must be a whole number/,
    );
    expect(() => simulator.faults.inject({ kind: 'timeout', api: 'rpc', stateId: 'S1' })).toThrow(
      /use rpcName for an RPC/,
    );
  });
});

describe('fault routes of the HTTP server (tests in other processes)', () => {
  it('injects a fault, takes the worker down and clears, refusing a bad spec with what to fix', async () => {
    const simulator = simulatorFor();
    const server = buildSimulatorServer(simulator);
    const post = async (url: string, payload: unknown) => {
      const reply = await server.inject({ method: 'POST', url, payload: JSON.stringify(payload) });
      return { status: reply.statusCode, body: reply.json() };
    };
    expect(await post('/simulator/faults', { kind: 'http500', rpcName: 'verify', times: 2 })).toEqual({
      status: 200,
      body: { remaining: 2 },
    });
    expect(await post('/simulator/faults', { kind: 'slow' })).toEqual({
      status: 400,
      body: { detail: 'invalid fault: a slow fault needs delayMs, the virtual ms the answer is late' },
    });
    expect(await post('/simulator/faults/worker-down', { ms: 5_000 })).toEqual({
      status: 200,
      body: { downUntil: simulator.now() + 5_000 },
    });
    expect((await post('/simulator/faults/worker-down', { ms: -1 })).status).toBe(400);
    expect(await post('/simulator/faults/clear', {})).toEqual({ status: 200, body: { remaining: 0 } });
    expect(simulator.faults.active).toBe(false);
    await server.close();
  });
});
