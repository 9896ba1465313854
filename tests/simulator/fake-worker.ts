import type {
  EncodedObject,
  WorkflowStateDecideRequest,
  WorkflowStateDecideResponse,
  WorkflowStateStartRequest,
  WorkflowStateStartResponse,
  WorkflowWorkerRpcRequest,
  WorkflowWorkerRpcResponse,
} from '../../sdk/wire/types.ts';
import type { WorkerReply, WorkerTransport } from '../../simulator/contracts.ts';
import { Simulator, type SimulatorOptions } from '../../simulator/index.ts';

/** A raw worker answer (error statuses, text bodies) instead of a 200 JSON response. */
export class RawReply {
  constructor(readonly reply: WorkerReply) {}
}

/** A worker answer that never comes (a hung worker). */
export const HANG = Symbol('hang');

type Answer<T> = T | RawReply | typeof HANG | Promise<T | RawReply | typeof HANG>;

/** One state of the fake worker: optional waitUntil, required execute. */
export interface FakeState {
  waitUntil?: (request: WorkflowStateStartRequest) => Answer<WorkflowStateStartResponse>;
  execute: (request: WorkflowStateDecideRequest) => Answer<WorkflowStateDecideResponse>;
}

/** A recorded worker call. */
export interface RecordedCall {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * A worker written in the test: dispatches on path and state id, records every call with the
 * simulator time it arrived at.
 */
export class FakeWorker implements WorkerTransport {
  readonly calls: RecordedCall[] = [];
  now: () => number = () => 0;

  constructor(
    readonly states: Record<string, FakeState>,
    readonly rpcs: Record<
      string,
      (request: WorkflowWorkerRpcRequest) => Answer<WorkflowWorkerRpcResponse>
    > = {},
  ) {}

  async call(_url: string, path: string, body: object): Promise<WorkerReply> {
    const request = body as Record<string, unknown>;
    this.calls.push({ path, body: request, at: this.now() });
    let answer: unknown;
    if (path === '/api/v1/workflowState/start') {
      const state = this.states[request.workflowStateId as string];
      if (!state?.waitUntil) throw new Error(`no waitUntil for ${String(request.workflowStateId)}`);
      answer = await state.waitUntil(body as WorkflowStateStartRequest);
    } else if (path === '/api/v1/workflowState/decide') {
      const state = this.states[request.workflowStateId as string];
      if (!state) throw new Error(`no state ${String(request.workflowStateId)}`);
      answer = await state.execute(body as WorkflowStateDecideRequest);
    } else {
      const rpc = this.rpcs[request.rpcName as string];
      if (!rpc)
        return {
          status: 400,
          json: { detail: `unknown rpc ${String(request.rpcName)}`, errorType: 'RpcNotFound' },
        };
      answer = await rpc(body as WorkflowWorkerRpcRequest);
    }
    if (answer === HANG) return new Promise<WorkerReply>(() => {});
    if (answer instanceof RawReply) return answer.reply;
    return { status: 200, json: answer };
  }

  /** Calls of one kind (`waitUntil`, `execute`, `rpc`), optionally for one state. */
  callsOf(kind: 'waitUntil' | 'execute' | 'rpc', stateId?: string): RecordedCall[] {
    const path = {
      waitUntil: '/api/v1/workflowState/start',
      execute: '/api/v1/workflowState/decide',
      rpc: '/api/v1/workflowWorker/rpc',
    }[kind];
    return this.calls.filter(
      (c) => c.path === path && (stateId === undefined || c.body.workflowStateId === stateId),
    );
  }
}

/** JSON-encodes a value as an EncodedObject. */
export function encoded(value: unknown): EncodedObject {
  return { encoding: 'json', data: JSON.stringify(value) };
}

/** Moves to the next state(s). */
export function goTo(...stateIds: string[]): WorkflowStateDecideResponse {
  return { stateDecision: { nextStates: stateIds.map((stateId) => ({ stateId })) } };
}

/** Completes gracefully, with an output when given. */
export function complete(output?: unknown): WorkflowStateDecideResponse {
  const movement =
    output === undefined
      ? { stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW' }
      : { stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW', stateInput: encoded(output) };
  return { stateDecision: { nextStates: [movement] } };
}

/** A simulator wired to a fake worker, and small helpers to call it. */
export function setup(worker: FakeWorker, options: Partial<SimulatorOptions> = {}) {
  const simulator = new Simulator({ workerTransport: worker, ...options });
  worker.now = () => simulator.now();
  const post = (path: string, body: unknown) =>
    simulator.handle({ method: 'POST', path: `/api/v1/workflow/${path}`, body });
  const start = (workflowId: string, extra: Record<string, unknown> = {}) =>
    post('start', {
      workflowId,
      iwfWorkflowType: 'TestWorkflow',
      workflowTimeoutSeconds: 0,
      iwfWorkerUrl: 'http://worker.test',
      startStateId: 'S1',
      ...extra,
    });
  const result = (workflowId: string, waitTimeSeconds?: number) =>
    post('getWithWait', { workflowId, waitTimeSeconds });
  return { simulator, post, start, result };
}
