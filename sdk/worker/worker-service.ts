import { CommandResults } from '../command-results.ts';
import { CommandRequest } from '../commands.ts';
import { CommunicationImpl, type RpcChannelInfos } from '../communication.ts';
import { toWorkflowContext } from '../context.ts';
import { jsonEncoder, type ObjectEncoder } from '../encoder.ts';
import { PersistenceImpl, type PersistenceWrites } from '../persistence.ts';
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
import { decisionToWire, movementToWire } from './to-wire.ts';
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
  async handle(path: string, body: unknown): Promise<WorkerServiceReply> {
    try {
      switch (normalisePath(path)) {
        case WorkerPaths.waitUntil:
          return { status: 200, body: await this.handleWaitUntil(body as WorkflowStateStartRequest) };
        case WorkerPaths.execute:
          return { status: 200, body: await this.handleExecute(body as WorkflowStateDecideRequest) };
        case WorkerPaths.rpc:
          return { status: 200, body: await this.handleRpc(body as WorkflowWorkerRpcRequest) };
        default:
          throw new WorkerRequestError(404, 'NotFound', `no worker endpoint at ${path}`);
      }
    } catch (error) {
      return toWorkerErrorResponse(error);
    }
  }

  /** waitUntil (`/api/v1/workflowState/start`). */
  async handleWaitUntil(req: WorkflowStateStartRequest): Promise<WorkflowStateStartResponse> {
    const type = requireType(req);
    const state = this.stateOf(type, req.workflowStateId);
    const workflow = this.registry.workflow(type);
    const persistence = new PersistenceImpl(
      workflow.schema,
      this.encoder,
      req.dataObjects,
      req.searchAttributes,
      [],
    );
    const communication = new CommunicationImpl(workflow.schema, this.encoder, undefined);
    if (!state.spec.waitUntil) {
      throw new WorkerRequestError(
        400,
        'WaitUntilNotImplemented',
        `state ${req.workflowStateId} of workflow ${type} has no waitUntil; it should have been started with skipWaitUntil`,
      );
    }
    const request = await state.spec.waitUntil({
      context: toWorkflowContext(type, req.context),
      input: this.encoder.decode(req.stateInput),
      persistence,
      communication,
    });
    if (!(request instanceof CommandRequest)) {
      throw new TypeError(`waitUntil of state ${req.workflowStateId} must return a CommandRequest`);
    }
    const response: WorkflowStateStartResponse = { commandRequest: request.toWire() };
    addWrites(response, persistence.writes(), 'upsertDataObjects');
    if (communication.publishes.length > 0) response.publishToInterStateChannel = communication.publishes;
    return response;
  }

  /** execute (`/api/v1/workflowState/decide`); data attributes arrive as `DataObjects`. */
  async handleExecute(req: WorkflowStateDecideRequest): Promise<WorkflowStateDecideResponse> {
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
    const decision = await state.spec.execute({
      context: toWorkflowContext(type, req.context),
      input: this.encoder.decode(req.stateInput),
      commandResults: new CommandResults(req.commandResults, this.encoder),
      persistence,
      communication,
    });
    const response: WorkflowStateDecideResponse = {
      stateDecision: decisionToWire(this.registry, this.encoder, type, req.workflowStateId, decision),
    };
    addWrites(response, persistence.writes(), 'upsertDataObjects');
    if (communication.publishes.length > 0) response.publishToInterStateChannel = communication.publishes;
    return response;
  }

  /** RPC (`/api/v1/workflowWorker/rpc`). */
  async handleRpc(req: WorkflowWorkerRpcRequest): Promise<WorkflowWorkerRpcResponse> {
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
      [],
    );
    const communication = new CommunicationImpl(workflow.schema, this.encoder, infos);
    const output = await rpc.spec.handler({
      context: toWorkflowContext(type, req.context),
      input: this.encoder.decode(req.input),
      persistence,
      communication,
    });
    const response: WorkflowWorkerRpcResponse = {};
    const encoded = this.encoder.encode(output);
    if (encoded) response.output = encoded;
    if (communication.movements.length > 0) {
      response.stateDecision = {
        nextStates: communication.movements.map((m) => movementToWire(this.registry, this.encoder, type, m)),
      };
    }
    addWrites(response, persistence.writes(), 'upsertDataAttributes');
    if (communication.publishes.length > 0) response.publishToInterStateChannel = communication.publishes;
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

function requireType(req: { workflowType?: string }): string {
  return req.workflowType ?? '';
}

/** The Python SDK's own tests post to `//api/...`; Flask merges the slashes, and so do we. */
function normalisePath(path: string): string {
  const noQuery = path.split('?')[0] ?? path;
  return noQuery.replace(/\/{2,}/g, '/');
}

function addWrites(
  response: {
    upsertSearchAttributes?: PersistenceWrites['upsertSearchAttributes'];
    upsertStateLocals?: PersistenceWrites['upsertStateLocals'];
    recordEvents?: PersistenceWrites['recordEvents'];
    upsertDataObjects?: PersistenceWrites['upsertDataAttributes'];
    upsertDataAttributes?: PersistenceWrites['upsertDataAttributes'];
  },
  writes: PersistenceWrites,
  dataField: 'upsertDataObjects' | 'upsertDataAttributes',
): void {
  if (writes.upsertDataAttributes.length > 0) response[dataField] = writes.upsertDataAttributes;
  if (writes.upsertSearchAttributes.length > 0)
    response.upsertSearchAttributes = writes.upsertSearchAttributes;
  if (writes.upsertStateLocals.length > 0) response.upsertStateLocals = writes.upsertStateLocals;
  if (writes.recordEvents.length > 0) response.recordEvents = writes.recordEvents;
}
