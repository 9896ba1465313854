import type { RpcDefinition } from './rpc.ts';
import type { SchemaIndex, StateIdOf, StateInputOf, WorkflowSchemaSpec } from './schema-spec.ts';
import type { StateDefinition } from './state.ts';

/** Workflow-wide persistence options: `enableCaching` reads data attributes from the memo. */
export interface PersistenceOptions {
  enableCaching?: boolean;
}

/** Any RPC of a schema (inputs and outputs erased). */
// biome-ignore lint/suspicious/noExplicitAny: RPC maps hold handlers of any input and output type
export type AnyRpc<S> = RpcDefinition<S, any, any>;

/**
 * What `schema.workflow(...)` takes: the states' code, the starting state, the RPCs.
 *
 * @example
 * schema.workflow({ startingState: 'SubmitState', states: [SubmitState, VerifyState], rpcs: { verify } });
 */
export interface WorkflowSpec<
  S,
  Start extends StateIdOf<S> | undefined,
  R extends Record<string, AnyRpc<S>>,
> {
  readonly startingState?: Start;
  // biome-ignore lint/suspicious/noExplicitAny: states of one workflow take different input types
  readonly states: readonly StateDefinition<S, any>[];
  readonly rpcs?: R;
  readonly persistenceOptions?: PersistenceOptions;
}

/**
 * A complete workflow: register it with a Registry, start it with a Client.
 *
 * @example
 * registry.addWorkflow(UserSignupWorkflow);
 */
export interface WorkflowDefinition<
  S extends WorkflowSchemaSpec = WorkflowSchemaSpec,
  Start extends string | undefined = string | undefined,
  R extends Record<string, AnyRpc<S>> = Record<string, AnyRpc<S>>,
> {
  readonly kind: 'workflow';
  readonly workflowType: string;
  readonly schema: SchemaIndex;
  readonly startingStateId: Start;
  // biome-ignore lint/suspicious/noExplicitAny: see WorkflowSpec.states
  readonly states: readonly StateDefinition<S, any>[];
  readonly rpcs: R;
  readonly persistenceOptions: PersistenceOptions;
}

// biome-ignore lint/suspicious/noExplicitAny: matches a workflow of any schema
export type AnyWorkflow = WorkflowDefinition<any, string | undefined, Record<string, any>>;

/** The input of a workflow's starting state (`undefined` when it has none). */
export type StartInputOf<W> =
  W extends WorkflowDefinition<infer S, infer Start, infer _R>
    ? Start extends string
      ? StateInputOf<S, Start>
      : undefined
    : never;

/** The RPC map of a workflow. */
export type RpcsOf<W> = W extends WorkflowDefinition<infer _S, infer _Start, infer R> ? R : never;

/** The schema spec of a workflow. */
export type SchemaOf<W> = W extends WorkflowDefinition<infer S, infer _Start, infer _R> ? S : never;
