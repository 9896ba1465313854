import { InternalChannelCommand, SignalChannelCommand } from './commands.ts';
import { type MovementOptions, StateDecision, StateMovement } from './decision.ts';
import type { OptionalIfVoid } from './declarations.ts';
import { LoadingPolicy } from './loading-policy.ts';
import type { RpcDefinition, RpcSpec } from './rpc.ts';
import {
  type DataAttributeKeyOf,
  type InternalChannelNameOf,
  SchemaIndex,
  type SignalChannelNameOf,
  type StateIdOf,
  type StateInputOf,
  type WorkflowSchemaSpec,
} from './schema-spec.ts';
import type { StateDefinition, StateSpec } from './state.ts';
import type { AnyRpc, WorkflowDefinition, WorkflowSpec } from './workflow.ts';

/** Arguments for a move to a state: its input (optional when the state takes none), then options. */
export type MovementArgs<I> = undefined extends I
  ? [input?: I, options?: MovementOptions]
  : [input: I, options: MovementOptions] | [input: I];

/**
 * A workflow's declarations with typed builders for everything that names them: states, RPCs,
 * moves, channel commands and loading policies. A wrong state id, key or channel name, or a value
 * of the wrong type, is a compile error.
 *
 * @example
 * const signup = workflowSchema({
 *   workflowType: 'UserSignupWorkflow',
 *   states: { SubmitState: stateInput<Form>(), VerifyState: stateInput() },
 *   dataAttributes: { form: dataAttribute<Form>(), status: dataAttribute<string>() },
 *   internalChannels: { verify: internalChannel<void>() },
 * });
 * const VerifyState = signup.state('VerifyState', { execute: () => signup.nextState('VerifyState') });
 */
export class WorkflowSchema<S extends WorkflowSchemaSpec> {
  readonly index: SchemaIndex;
  constructor(readonly spec: S) {
    this.index = new SchemaIndex(spec);
  }
  get workflowType(): string {
    return this.spec.workflowType;
  }

  /** Defines the code of a declared state. */
  state<Id extends StateIdOf<S>>(
    stateId: Id,
    spec: StateSpec<S, StateInputOf<S, Id>>,
  ): StateDefinition<S, StateInputOf<S, Id>> {
    return { stateId, spec, skipWaitUntil: typeof spec.waitUntil !== 'function' };
  }

  /** Defines an RPC with input type `I` and output type `O`. */
  rpc<I = void, O = void>(spec: RpcSpec<S, I, O>): RpcDefinition<S, I, O> {
    return { kind: 'rpc', spec };
  }

  /** Assembles the workflow; the Registry validates it when it is added. */
  workflow<
    Start extends StateIdOf<S> | undefined = undefined,
    R extends Record<string, AnyRpc<S>> = Record<never, never>,
  >(spec: WorkflowSpec<S, Start, R>): WorkflowDefinition<S, Start, R> {
    return {
      kind: 'workflow',
      workflowType: this.spec.workflowType,
      schema: this.index,
      startingStateId: spec.startingState as Start,
      states: spec.states,
      rpcs: (spec.rpcs ?? {}) as R,
      persistenceOptions: spec.persistenceOptions ?? {},
    };
  }

  /** A move to a declared state with its typed input. */
  movement<Id extends StateIdOf<S>>(stateId: Id, ...args: MovementArgs<StateInputOf<S, Id>>): StateMovement {
    const [input, options] = args;
    return StateMovement.create(stateId, input, options);
  }

  /** Decide to go to one declared state next. */
  nextState<Id extends StateIdOf<S>>(stateId: Id, ...args: MovementArgs<StateInputOf<S, Id>>): StateDecision {
    const [input, options] = args;
    return StateDecision.singleNextState(stateId, input, options);
  }

  /** Wait for one message on a declared internal channel. */
  internalChannelCommand(channelName: InternalChannelNameOf<S>, commandId?: string): InternalChannelCommand {
    this.index.requireInternalChannel(channelName);
    return InternalChannelCommand.byName(channelName, commandId);
  }

  /** Wait for one signal on a declared signal channel. */
  signalChannelCommand(channelName: SignalChannelNameOf<S>, commandId?: string): SignalChannelCommand {
    this.index.requireSignalChannel(channelName);
    return SignalChannelCommand.byName(channelName, commandId);
  }

  /** Complete atomically if the internal channel is empty, else make these moves. */
  forceCompleteIfInternalChannelEmptyOrElse(
    channelName: InternalChannelNameOf<S>,
    output: unknown,
    ...orElse: StateMovement[]
  ): StateDecision {
    this.index.requireInternalChannel(channelName);
    return StateDecision.forceCompleteIfInternalChannelEmptyOrElse(channelName, output, ...orElse);
  }

  /** Complete atomically if the signal channel is empty, else make these moves. */
  forceCompleteIfSignalChannelEmptyOrElse(
    channelName: SignalChannelNameOf<S>,
    output: unknown,
    ...orElse: StateMovement[]
  ): StateDecision {
    this.index.requireSignalChannel(channelName);
    return StateDecision.forceCompleteIfSignalChannelEmptyOrElse(channelName, output, ...orElse);
  }

  /** Load these data attributes and lock the locking ones (typed keys). */
  loadPartialWithExclusiveLock(
    lockingKeys: readonly DataAttributeKeyOf<S>[],
    partialKeys: readonly DataAttributeKeyOf<S>[] = [],
  ): ReturnType<typeof LoadingPolicy.partialWithExclusiveLock> {
    return LoadingPolicy.partialWithExclusiveLock(lockingKeys, partialKeys);
  }

  /** Load only these data attributes (typed keys). */
  loadPartial(keys: readonly DataAttributeKeyOf<S>[]): ReturnType<typeof LoadingPolicy.partial> {
    return LoadingPolicy.partial(keys);
  }
}

/**
 * Declares a workflow's schema.
 *
 * @example
 * const schema = workflowSchema({ workflowType: 'Hello', states: { Say: stateInput<string>() } });
 */
export function workflowSchema<const S extends WorkflowSchemaSpec>(spec: S): WorkflowSchema<S> {
  return new WorkflowSchema(spec);
}

/** Arguments of a value of type `T`, optional when `T` is void. Re-exported for typed helpers. */
export type { OptionalIfVoid };
