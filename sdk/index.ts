/**
 * The iWF SDK for TypeScript: define workflows with typed schemas, serve them with a WorkerService,
 * and drive them with a Client.
 *
 * @example
 * import { workflowSchema, stateInput, dataAttribute, StateDecision, Registry, WorkerService, Client } from 'iwf-ts/sdk';
 */
export * from './client/client.ts';
export type * from './client/client-types.ts';
export * from './client/errors.ts';
export * from './client/transport.ts';
export * from './client/unregistered-client.ts';
export type * from './client/workflow-options.ts';
export * from './command-results.ts';
export * from './commands.ts';
export * from './communication.ts';
export * from './context.ts';
export * from './decision.ts';
export * from './declarations.ts';
export * from './encoder.ts';
export * from './errors.ts';
export * from './loading-policy.ts';
export * from './persistence.ts';
export * from './registry.ts';
export * from './rpc.ts';
export * from './schema.ts';
export * from './schema-spec.ts';
export * from './state.ts';
export * from './state-options.ts';
export * from './wire/paths.ts';
export type * as wire from './wire/types.ts';
export * from './worker/worker-errors.ts';
export * from './worker/worker-service.ts';
export type * from './workflow.ts';
