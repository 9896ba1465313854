/**
 * The iWF SDK for TypeScript: define workflows with typed schemas, serve them with a WorkerService,
 * and drive them with a Client. Loads no third-party module; serve the worker over HTTP with
 * `iwf-ts/sdk/fastify` or `iwf-ts/sdk/node-http`.
 *
 * Every public name is listed here by hand (no `export *`), so the public surface only changes on
 * purpose; `tests/unit/public-api.test.ts` shows each change as a diff.
 *
 * @example
 * import { workflowSchema, stateInput, dataAttribute, StateDecision, Registry, WorkerService, Client } from 'iwf-ts/sdk';
 */

export { Client } from './client/client.ts';
export type {
  ClientOptions,
  ResetOptions,
  ResetPoint,
  RpcCallOptions,
  StartArgs,
  StateOutput,
  UnregisteredStartOptions,
  WaitOptions,
} from './client/client-types.ts';
export {
  ClientSideError,
  IwfHttpError,
  LongPollTimeoutError,
  RpcExecutionError,
  RpcLockFailureError,
  ServerSideError,
  WorkflowAlreadyStartedError,
  WorkflowCanceledError,
  WorkflowFailedError,
  WorkflowNotExistsError,
  WorkflowStillRunningError,
  WorkflowTerminatedError,
  WorkflowTimeoutError,
  WorkflowUncompletedError,
} from './client/errors.ts';
export {
  type ClientTransport,
  type FetchTransportOptions,
  fetchTransport,
  type TransportReply,
} from './client/transport.ts';
export { UnregisteredClient } from './client/unregistered-client.ts';
export type { WorkflowOptions } from './client/workflow-options.ts';
export { type ChannelCommandResult, CommandResults, type TimerCommandResult } from './command-results.ts';
export {
  type Command,
  CommandRequest,
  InternalChannelCommand,
  SignalChannelCommand,
  TimerCommand,
} from './commands.ts';
export type { Communication, RpcChannelInfos } from './communication.ts';
export type { WorkflowContext } from './context.ts';
export { type ConditionalClose, type MovementOptions, StateDecision, StateMovement } from './decision.ts';
export {
  type ChannelDecl,
  type DataAttributeDecl,
  dataAttribute,
  dataAttributePrefix,
  internalChannel,
  internalChannelPrefix,
  type KeysOf,
  type OptionalIfVoid,
  type SearchAttributeDecl,
  type SearchAttributeValueAt,
  type SearchAttributeValueTypes,
  type StateInputDecl,
  searchAttribute,
  signalChannel,
  signalChannelPrefix,
  stateInput,
  type ValueAt,
  type ValueOfDecl,
} from './declarations.ts';
export { JSON_PLAIN_ENCODING, jsonEncoder, type ObjectEncoder } from './encoder.ts';
export { InvalidArgumentError, WorkflowDefinitionError } from './errors.ts';
export { LoadingPolicy } from './loading-policy.ts';
export type { Persistence } from './persistence.ts';
export { Registry } from './registry.ts';
export type { RpcArgs, RpcDefinition, RpcInput, RpcOutput, RpcSpec } from './rpc.ts';
export type { MovementArgs } from './schema.ts';
export { WorkflowSchema, workflowSchema } from './schema.ts';
export type {
  DataAttributeKeyOf,
  DataAttributeValueOf,
  InternalChannelMapOf,
  InternalChannelNameOf,
  InternalChannelValueOf,
  SearchAttributeKeyOf,
  SearchAttributeValueOf,
  SignalChannelMapOf,
  SignalChannelNameOf,
  SignalChannelValueOf,
  StateIdOf,
  StateInputOf,
  WorkflowSchemaSpec,
} from './schema-spec.ts';
export type { ExecuteArgs, StateDefinition, StateSpec, WaitUntilArgs } from './state.ts';
export type { StateOptions } from './state-options.ts';
export { ApiPaths, IwfHttpStatus, SystemStateIds, WorkerPaths } from './wire/paths.ts';
export type * as wire from './wire/types.ts';
export {
  type WorkerHandler,
  type WorkerOptions,
  WorkerService,
  type WorkerServiceReply,
} from './worker/worker-service.ts';
export type {
  AnyRpc,
  AnyWorkflow,
  PersistenceOptions,
  RpcsOf,
  SchemaOf,
  StartInputOf,
  WorkflowDefinition,
  WorkflowSpec,
} from './workflow.ts';
