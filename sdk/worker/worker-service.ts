import { CommandResults } from '../command-results.ts';
import { CommandRequest } from '../commands.ts';
import { CommunicationImpl, type RpcChannelInfos } from '../communication.ts';
import { toWorkflowContext } from '../context.ts';
import type { StateDecision } from '../decision.ts';
import { jsonEncoder, type ObjectEncoder } from '../encoder.ts';
import { PersistenceImpl } from '../persistence.ts';
import type { Registry } from '../registry.ts';
import { WorkerPaths } from '../wire/paths.ts';
import type {
  WorkflowStateDecideRequest,
  WorkflowStateDecideResponse,
  WorkflowStateStartRequest,
  WorkflowStateStartResponse,
  WorkflowWorkerRpcRequest,
  WorkflowWorkerRpcResponse,
} from '../wire/types.ts';
import { decisionToWire, movementsToWire } from './to-wire.ts';
import { toWorkerErrorResponse, WorkerRequestError } from './worker-errors.ts';

/** Options of a worker. */
export interface WorkerOptions {
  encoder?: ObjectEncoder;
}

/** A worker's answer before any HTTP framework sees it. */
export interface WorkerServiceReply {
  status: number;
  body: unknown;
}

/**
 * Anything that answers the three worker endpoints: a WorkerService, or a wrapper around one.
 *
 * @example
 * const handler: WorkerHandler = { handle: (path, body) => worker.handle(path, body) };
 */
export interface WorkerHandler {
  handle(path: string, body: unknown): Promise<WorkerServiceReply>;
}

/**
 * Answers the three worker endpoints the iWF server calls, as plain functions: mount them on any
 * HTTP framework, or call them in-process.
 *
 * @example
 * const worker = new WorkerService(registry);
 * const reply = await worker.handle('/api/v1/workflowState/decide', requestBody);
 */
export class WorkerService implements WorkerHandler {
  private readonly encoder: ObjectEncoder;
  constructor(
    private readonly registry: Registry,
    options: WorkerOptions = {},
  ) {
    this.encoder = options.encoder ?? jsonEncoder;
  }

  /** Dispatches on the worker path; user errors become the error answer of the official SDKs. */
  handle(path: string, body: unknown): Promise<WorkerServiceReply> {
    // Not an async function: a state API whose code is synchronous answers without a suspended
    // frame or an extra promise, and an asynchronous one chains once onto the user's promise.
    try {
      let answer: unknown;
      switch (workerPath(path)) {
        case WorkerPaths.waitUntil:
          answer = this.waitUntil(body as WorkflowStateStartRequest);
          break;
        case WorkerPaths.execute:
          answer = this.execute(body as WorkflowStateDecideRequest);
          break;
        case WorkerPaths.rpc:
          answer = this.rpc(body as WorkflowWorkerRpcRequest);
          break;
        default:
          throw new WorkerRequestError(404, 'NotFound', `no worker endpoint at ${path}`);
      }
      if (isThenable(answer)) return Promise.resolve(answer).then(okReply, toWorkerErrorResponse);
      return Promise.resolve(okReply(answer));
    } catch (error) {
      return Promise.resolve(toWorkerErrorResponse(error));
    }
  }

  /** waitUntil (`/api/v1/workflowState/start`). */
  async handleWaitUntil(req: WorkflowStateStartRequest): Promise<WorkflowStateStartResponse> {
    return this.waitUntil(req);
  }

  /** execute (`/api/v1/workflowState/decide`); data attributes arrive as `DataObjects`. */
  async handleExecute(req: WorkflowStateDecideRequest): Promise<WorkflowStateDecideResponse> {
    return this.execute(req);
  }

  /** RPC (`/api/v1/workflowWorker/rpc`). */
  async handleRpc(req: WorkflowWorkerRpcRequest): Promise<WorkflowWorkerRpcResponse> {
    return this.rpc(req);
  }

  private waitUntil(
    req: WorkflowStateStartRequest,
  ): WorkflowStateStartResponse | Promise<WorkflowStateStartResponse> {
    const type = requireType(req);
    const state = this.stateOf(type, req.workflowStateId);
    const workflow = this.registry.workflow(type);
    const persistence = new PersistenceImpl(
      workflow.schema,
      this.encoder,
      req.dataObjects,
      req.searchAttributes,
      undefined,
    );
    const communication = new CommunicationImpl(workflow.schema, this.encoder, undefined);
    if (!state.spec.waitUntil) {
      throw new WorkerRequestError(
        400,
        'WaitUntilNotImplemented',
        `state ${req.workflowStateId} of workflow ${type} has no waitUntil; it should have been started with skipWaitUntil`,
      );
    }
    const request = state.spec.waitUntil({
      context: toWorkflowContext(type, req.context),
      input: this.encoder.decode(req.stateInput),
      persistence,
      communication,
    });
    if (isThenable(request)) {
      return Promise.resolve(request).then((r) => waitUntilResponse(req, r, persistence, communication));
    }
    return waitUntilResponse(req, request, persistence, communication);
  }

  private execute(
    req: WorkflowStateDecideRequest,
  ): WorkflowStateDecideResponse | Promise<WorkflowStateDecideResponse> {
    const type = requireType(req);
    const state = this.stateOf(type, req.workflowStateId);
    const workflow = this.registry.workflow(type);
    const persistence = new PersistenceImpl(
      workflow.schema,
      this.encoder,
      req.DataObjects,
      req.searchAttributes,
      req.stateLocals,
    );
    const communication = new CommunicationImpl(workflow.schema, this.encoder, undefined);
    const decision = state.spec.execute({
      context: toWorkflowContext(type, req.context),
      input: this.encoder.decode(req.stateInput),
      commandResults: new CommandResults(req.commandResults, this.encoder),
      persistence,
      communication,
    });
    if (isThenable(decision)) {
      return Promise.resolve(decision).then((d) =>
        this.executeResponse(type, req, d, persistence, communication),
      );
    }
    return this.executeResponse(type, req, decision, persistence, communication);
  }

  private executeResponse(
    type: string,
    req: WorkflowStateDecideRequest,
    decision: StateDecision,
    persistence: PersistenceImpl,
    communication: CommunicationImpl,
  ): WorkflowStateDecideResponse {
    const response: WorkflowStateDecideResponse = {
      stateDecision: decisionToWire(this.registry, this.encoder, type, req.workflowStateId, decision),
    };
    persistence.addWritesTo(response, 'upsertDataObjects');
    if (communication.hasPublishes) response.publishToInterStateChannel = communication.publishes;
    return response;
  }

  private rpc(req: WorkflowWorkerRpcRequest): WorkflowWorkerRpcResponse | Promise<WorkflowWorkerRpcResponse> {
    const type = requireType(req);
    const workflow = this.registry.workflow(type);
    const rpc = Object.hasOwn(workflow.rpcs, req.rpcName) ? workflow.rpcs[req.rpcName] : undefined;
    if (!rpc) {
      throw new WorkerRequestError(
        400,
        'RpcNotFound',
        `unknown rpc "${req.rpcName}" of workflow ${type} (known: ${Object.keys(workflow.rpcs).join(', ') || 'none'})`,
      );
    }
    const infos: RpcChannelInfos = {
      internal: req.internalChannelInfos ?? {},
      signal: req.signalChannelInfos ?? {},
    };
    const persistence = new PersistenceImpl(
      workflow.schema,
      this.encoder,
      req.dataAttributes,
      req.searchAttributes,
      undefined,
    );
    const communication = new CommunicationImpl(workflow.schema, this.encoder, infos);
    const output = rpc.spec.handler({
      context: toWorkflowContext(type, req.context),
      input: this.encoder.decode(req.input),
      persistence,
      communication,
    });
    if (isThenable(output)) {
      return Promise.resolve(output).then((o) => this.rpcResponse(type, o, persistence, communication));
    }
    return this.rpcResponse(type, output, persistence, communication);
  }

  private rpcResponse(
    type: string,
    output: unknown,
    persistence: PersistenceImpl,
    communication: CommunicationImpl,
  ): WorkflowWorkerRpcResponse {
    const response: WorkflowWorkerRpcResponse = {};
    const encoded = this.encoder.encode(output);
    if (encoded) response.output = encoded;
    if (communication.hasMovements) {
      response.stateDecision = {
        nextStates: movementsToWire(this.registry, this.encoder, type, communication.movements),
      };
    }
    persistence.addWritesTo(response, 'upsertDataAttributes');
    if (communication.hasPublishes) response.publishToInterStateChannel = communication.publishes;
    return response;
  }

  private stateOf(type: string, stateId: string) {
    try {
      return this.registry.state(type, stateId);
    } catch (error) {
      throw new WorkerRequestError(400, 'StateNotFound', (error as Error).message);
    }
  }
}

function waitUntilResponse(
  req: WorkflowStateStartRequest,
  request: unknown,
  persistence: PersistenceImpl,
  communication: CommunicationImpl,
): WorkflowStateStartResponse {
  if (!(request instanceof CommandRequest)) {
    throw new TypeError(`waitUntil of state ${req.workflowStateId} must return a CommandRequest`);
  }
  const response: WorkflowStateStartResponse = { commandRequest: request.toWire() };
  persistence.addWritesTo(response, 'upsertDataObjects');
  if (communication.hasPublishes) response.publishToInterStateChannel = communication.publishes;
  return response;
}

function okReply(body: unknown): WorkerServiceReply {
  return { status: 200, body };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function requireType(req: { workflowType?: string }): string {
  return req.workflowType ?? '';
}

/** The worker path of a request: the three paths as they are, anything else normalised. */
function workerPath(path: string): string {
  if (path === WorkerPaths.waitUntil || path === WorkerPaths.execute || path === WorkerPaths.rpc) return path;
  return normalisePath(path);
}

/** The Python SDK's own tests post to `//api/...`; Flask merges the slashes, and so do we. */
function normalisePath(path: string): string {
  const noQuery = path.split('?')[0] ?? path;
  return noQuery.replace(/\/{2,}/g, '/');
}
