import type { ObjectEncoder } from '../encoder.ts';
import type { PersistenceLoadingPolicy, WorkflowStartOptions, WorkflowStateOptions } from '../wire/types.ts';
import type { SchemaOf, StartInputOf } from '../workflow.ts';
import type { ClientTransport } from './transport.ts';
import type { WorkflowOptions } from './workflow-options.ts';

/** Arguments after the timeout: the start input (optional when the starting state takes none), then options. */
export type StartArgs<W> =
  undefined extends StartInputOf<W>
    ? [input?: StartInputOf<W>, options?: WorkflowOptions<SchemaOf<W>>]
    : [input: StartInputOf<W>, options?: WorkflowOptions<SchemaOf<W>>];

/** How to wait for a workflow's result. @example client.waitForWorkflowCompletion(id, { singleLongPoll: true }) */
export interface WaitOptions {
  runId?: string;
  /** Length of each long poll (the server caps it, 60 s by default). */
  waitTimeSeconds?: number;
  /** Make one long poll only and throw LongPollTimeoutError if it ends first, as the official SDKs do. */
  singleLongPoll?: boolean;
}

/** A decoded state completion output. @example (await client.getComplexWorkflowResults(id))[0]?.output */
export interface StateOutput {
  completedStateId: string;
  completedStateExecutionId: string;
  output: unknown;
}

/** Where the server is, how to reach it, and where this process's worker listens. */
export interface ClientOptions {
  /** Default `http://localhost:8801`. Ignored when `transport` is given. */
  serverUrl?: string;
  /** The URL the server calls back (sent as `iwfWorkerUrl` on start). Default `http://localhost:8802`. */
  workerUrl?: string;
  transport?: ClientTransport;
  encoder?: ObjectEncoder;
}

/** Everything of a start request except id, type, timeout and the starting state. */
export interface UnregisteredStartOptions {
  startStateOptions?: WorkflowStateOptions;
  waitForCompletionStateIds?: string[];
  waitForCompletionStateExecutionIds?: string[];
  workflowStartOptions?: WorkflowStartOptions;
}

/** How the server should run an RPC. */
export interface RpcCallOptions {
  timeoutSeconds?: number;
  dataAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  searchAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  useMemoForDataAttributes?: boolean;
}

/** Where a reset goes back to. @example client.resetWorkflow(id, { stateId: 'VerifyState' }) */
export type ResetPoint = { beginning: true } | { stateId: string } | { stateExecutionId: string };

/** How a reset runs. @example client.resetWorkflow(id, { beginning: true }, { skipSignalReapply: true }) */
export interface ResetOptions {
  runId?: string;
  reason?: string;
  skipSignalReapply?: boolean;
  skipUpdateReapply?: boolean;
}
