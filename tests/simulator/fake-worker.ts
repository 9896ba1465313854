import { Answer, deadEnd, goTo, noWait } from '../../conformance/kit/index.ts';
import type {
  CommandRequest,
  PersistenceLoadingPolicy,
  WorkflowStateDecideRequest,
  WorkflowStateDecideResponse,
  WorkflowStateStartRequest,
  WorkflowStateStartResponse,
  WorkflowWorkerRpcRequest,
  WorkflowWorkerRpcResponse,
} from '../../sdk/wire/types.ts';
import type { WorkerReply, WorkerTransport } from '../../simulator/contracts.ts';
import { Simulator, type SimulatorOptions } from '../../simulator/index.ts';

// The in-process side of the wire-test kit (conformance/kit/): a worker the simulator calls without
// sockets, and readers of its calls and replies. Answers are built with the kit's builders.

/** A worker answer that never comes (a hung worker). */
export const HANG = Symbol('hang');

type Reply<T> = T | Answer | typeof HANG | Promise<T | Answer | typeof HANG>;

/** One state of the fake worker: optional waitUntil, required execute. */
export interface FakeState {
  waitUntil?: (request: WorkflowStateStartRequest) => Reply<WorkflowStateStartResponse>;
  execute: (request: WorkflowStateDecideRequest) => Reply<WorkflowStateDecideResponse>;
}

/** A recorded worker call. */
export interface RecordedCall {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

/** The reply the simulator gets for a kit `Answer`, as an HTTP worker would have sent it. */
function replyOf(answer: Answer): WorkerReply {
  const { status = 200, body, contentType, statusText, delayMs, hangUp } = answer.spec;
  if (hangUp) throw new Error('the worker closed the connection without answering');
  if (delayMs)
    throw new Error('Answer.delayMs needs real time: in-process tests use HANG or the virtual clock');
  return {
    status,
    ...(typeof body === 'string' ? { text: body } : body === undefined ? { text: '' } : { json: body }),
    ...(contentType !== undefined ? { contentType } : {}),
    ...(statusText !== undefined ? { statusText } : {}),
  };
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
      (request: WorkflowWorkerRpcRequest) => Reply<WorkflowWorkerRpcResponse>
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
    if (answer instanceof Answer) return replyOf(answer);
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

/** An execute answer moving to states that skip waitUntil, by id. @example to('A', 'B') */
export const to = (...ids: string[]) => goTo(...ids.map((stateId) => ({ stateId, stateOptions: noWait })));

/** Start-request fields for a workflow without a starting state. @example start('wf', noState) */
export const noState = { startStateId: undefined };

/** The state execution id of a recorded worker call. @example calls.map(execId) */
export const execId = (c: RecordedCall) => (c.body.context as { stateExecutionId: string }).stateExecutionId;

/** The run id in a start/get reply. @example runIdOf(await start('wf')) */
export const runIdOf = (reply: { body: unknown }) => (reply.body as { workflowRunId: string }).workflowRunId;

/** Load everything and lock key `k`. @example { dataAttributesLoadingPolicy: lockK } */
export const lockK: PersistenceLoadingPolicy = {
  persistenceLoadingType: 'LOAD_ALL_WITH_PARTIAL_LOCK',
  lockingKeys: ['k'],
};

/** A signal command waiting on `channel` (default: the command id). */
export const sig = (id: string, channel = id) => ({ commandId: id, signalChannelName: channel });

/** A workflow without a start state whose RPC `go` starts S1 waiting on `request`. */
export function startedByRpc(request: CommandRequest, seen: WorkflowStateDecideRequest[], after = deadEnd) {
  return new FakeWorker(
    {
      S1: {
        waitUntil: () => ({ commandRequest: request }),
        execute: (req) => {
          seen.push(req);
          return after();
        },
      },
      S2: {
        waitUntil: () => ({
          commandRequest: { commandWaitingType: 'ALL_COMPLETED', signalCommands: [sig('y')] },
        }),
        execute: (req) => {
          seen.push(req);
          return deadEnd();
        },
      },
    },
    { go: () => goTo({ stateId: 'S1' }) },
  );
}
