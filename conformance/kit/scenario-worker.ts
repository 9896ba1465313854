import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { WorkerPaths } from '../../sdk/wire/paths.ts';
import type {
  WorkflowStateDecideRequest,
  WorkflowStateStartRequest,
  WorkflowWorkerRpcRequest,
} from '../../sdk/wire/types.ts';
import { Answer, type WorkerAnswer } from './worker-answer.ts';

/** Which worker endpoint a call hit. */
export type WorkerApi = 'waitUntil' | 'execute' | 'rpc';

/** One recorded call of the server to the worker. */
export interface WorkerCall {
  api: WorkerApi;
  stateId: string;
  stateExecutionId: string;
  body: Record<string, unknown>;
  /** Epoch ms when the call arrived. */
  at: number;
}

/** Scripts of one state; missing handlers answer waitUntil `{}` and execute a 500. */
export interface StateScript {
  waitUntil?: (req: WorkflowStateStartRequest, call: WorkerCall) => WorkerAnswer | Promise<WorkerAnswer>;
  execute?: (req: WorkflowStateDecideRequest, call: WorkerCall) => WorkerAnswer | Promise<WorkerAnswer>;
}

/** Scripts of one workflow: per state id, and the RPC handler. */
export interface WorkflowScript {
  states?: Record<string, StateScript>;
  rpc?: (req: WorkflowWorkerRpcRequest, call: WorkerCall) => WorkerAnswer | Promise<WorkerAnswer>;
}

const apiOfPath: Record<string, WorkerApi> = {
  [WorkerPaths.waitUntil]: 'waitUntil',
  [WorkerPaths.execute]: 'execute',
  [WorkerPaths.rpc]: 'rpc',
};

/**
 * A black-box iWF worker on a loopback port whose answers each scenario scripts per workflow id
 * (or per workflow type, for workflows whose id the server made up). Every call is recorded.
 *
 * @example
 * const worker = await ScenarioWorker.start();
 * worker.script('wf-1', { states: { S1: { execute: () => gracefulComplete() } } });
 */
export class ScenarioWorker {
  private readonly scripts = new Map<string, WorkflowScript>();
  private readonly calls = new Map<string, WorkerCall[]>();
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly app: FastifyInstance,
    /** The URL the server is told to call (`iwfWorkerUrl`). */
    readonly url: string,
  ) {}

  /** Starts the worker. Example: `await ScenarioWorker.start({ host: '0.0.0.0', publicUrl })`. */
  static async start(
    options: { host?: string; port?: number; publicUrl?: string } = {},
  ): Promise<ScenarioWorker> {
    const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024, forceCloseConnections: true });
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    const host = options.host ?? '127.0.0.1';
    const holder: { worker?: ScenarioWorker } = {};
    app.post('*', (request, reply) => holder.worker!.handle(request.url, request.body, reply));
    await app.listen({ host, port: options.port ?? 0 });
    const port = (app.server.address() as { port: number }).port;
    const url = options.publicUrl ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    holder.worker = new ScenarioWorker(app, url.replace(/\/+$/, ''));
    return holder.worker;
  }

  /** Registers the script of a workflow id or type. Example: `worker.script(id, { rpc: () => ({}) })`. */
  script(key: string, script: WorkflowScript): void {
    this.scripts.set(key, script);
  }

  /** Calls recorded for a workflow id (or type key). Example: `worker.callsOf(id, 'execute')`. */
  callsOf(key: string, api?: WorkerApi): WorkerCall[] {
    const all = this.calls.get(key) ?? [];
    return api ? all.filter((c) => c.api === api) : [...all];
  }

  /** Waits until a recorded call matches. Example: `await worker.waitForCall(id, (c) => c.api === 'rpc')`. */
  async waitForCall(
    key: string,
    match: (call: WorkerCall) => boolean,
    timeoutMs = 10_000,
  ): Promise<WorkerCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.callsOf(key).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching worker call for ${key} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.listeners.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.listeners.add(done);
      });
    }
  }

  /** Stops the worker. Example: `await worker.close()`. */
  async close(): Promise<void> {
    await this.app.close();
  }

  private async handle(url: string, rawBody: unknown, reply: FastifyReply): Promise<unknown> {
    const path = url.split('?')[0] ?? '';
    const api = apiOfPath[path];
    if (!api) return reply.code(404).type('text/plain').send('404 page not found');
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(typeof rawBody === 'string' ? rawBody : '{}') as Record<string, unknown>;
    } catch {
      return reply.code(400).send({ detail: 'worker got a body that is not JSON', errorType: 'BadRequest' });
    }
    const context = (body.context ?? {}) as { workflowId?: string; stateExecutionId?: string };
    const workflowType = typeof body.workflowType === 'string' ? body.workflowType : '';
    const key =
      context.workflowId && this.scripts.has(context.workflowId)
        ? context.workflowId
        : `type:${workflowType}`;
    const call: WorkerCall = {
      api,
      stateId: typeof body.workflowStateId === 'string' ? body.workflowStateId : '',
      stateExecutionId: context.stateExecutionId ?? '',
      body,
      at: Date.now(),
    };
    const list = this.calls.get(key) ?? [];
    list.push(call);
    this.calls.set(key, list);
    for (const listener of [...this.listeners]) listener();
    let answer: WorkerAnswer;
    try {
      answer = await this.answer(key, call);
    } catch (error) {
      answer = new Answer({ status: 500, body: { detail: String(error), errorType: 'ScriptError' } });
    }
    return send(reply, answer);
  }

  private answer(key: string, call: WorkerCall): WorkerAnswer | Promise<WorkerAnswer> {
    const script = this.scripts.get(key);
    if (!script)
      return new Answer({ status: 500, body: { detail: `no script for ${key}`, errorType: 'NoScript' } });
    if (call.api === 'rpc') {
      return script.rpc
        ? script.rpc(call.body as unknown as WorkflowWorkerRpcRequest, call)
        : new Answer({ status: 500, body: { detail: 'no rpc script', errorType: 'NoScript' } });
    }
    const state = script.states?.[call.stateId] ?? {};
    if (call.api === 'waitUntil') {
      return state.waitUntil ? state.waitUntil(call.body as unknown as WorkflowStateStartRequest, call) : {};
    }
    return state.execute
      ? state.execute(call.body as unknown as WorkflowStateDecideRequest, call)
      : new Answer({
          status: 500,
          body: { detail: `no execute script for ${call.stateId}`, errorType: 'NoScript' },
        });
  }
}

async function send(reply: FastifyReply, answer: WorkerAnswer): Promise<unknown> {
  if (!(answer instanceof Answer))
    return reply.code(200).type('application/json').send(JSON.stringify(answer));
  const { status = 200, body, contentType, statusText, delayMs, hangUp } = answer.spec;
  if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (hangUp) {
    reply.raw.socket?.destroy();
    return reply.hijack();
  }
  if (statusText !== undefined) reply.raw.statusMessage = statusText;
  if (body === undefined)
    return reply
      .code(status)
      .type(contentType ?? 'application/json')
      .send('');
  if (typeof body === 'string')
    return reply
      .code(status)
      .type(contentType ?? 'application/json')
      .send(body);
  return reply
    .code(status)
    .type(contentType ?? 'application/json')
    .send(JSON.stringify(body));
}
