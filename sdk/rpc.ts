import type { Communication } from './communication.ts';
import type { WorkflowContext } from './context.ts';
import type { Persistence } from './persistence.ts';
import type { PersistenceLoadingPolicy } from './wire/types.ts';

/** What an RPC handler receives. */
export interface RpcArgs<S, I> {
  readonly context: WorkflowContext;
  readonly input: I;
  readonly persistence: Persistence<S>;
  readonly communication: Communication<S>;
}

/**
 * An RPC: a synchronous method of the workflow that clients call through the server.
 *
 * @example
 * schema.rpc<string, string>({
 *   dataAttributesLoadingPolicy: LoadingPolicy.partialWithExclusiveLock(['status']),
 *   handler: ({ input, persistence }) => { persistence.setDataAttribute('status', input); return 'ok'; },
 * });
 */
export interface RpcSpec<S, I, O> {
  handler(args: RpcArgs<S, I>): O | Promise<O>;
  /** Sent to the server; 0 or absent means the server's cap (60 s by default). */
  readonly timeoutSeconds?: number;
  /** Default: load all without locking. A locking policy makes the RPC atomic with state APIs. */
  readonly dataAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  readonly searchAttributesLoadingPolicy?: PersistenceLoadingPolicy;
  /** Skip the data attribute cache of workflows with `enableCaching`. */
  readonly bypassCachingForStrongConsistency?: boolean;
}

/**
 * An RPC bound to its workflow schema, with its input and output types.
 *
 * @example
 * type Out = RpcOutput<typeof verifyRpc>; // string
 */
export interface RpcDefinition<S, I, O> {
  readonly kind: 'rpc';
  readonly spec: RpcSpec<S, I, O>;
  /** Phantom: the input and output types, for the typed client. */
  readonly types?: { input: I; output: O };
}

/** The input type of an RPC definition. */
export type RpcInput<R> = R extends { readonly types?: { input: infer I } } ? I : never;
/** The output type of an RPC definition. */
export type RpcOutput<R> = R extends { readonly types?: { output: infer O } } ? O : never;
