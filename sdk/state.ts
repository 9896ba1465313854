import type { CommandResults } from './command-results.ts';
import type { CommandRequest } from './commands.ts';
import type { Communication } from './communication.ts';
import type { WorkflowContext } from './context.ts';
import type { StateDecision } from './decision.ts';
import type { Persistence } from './persistence.ts';
import type { InternalChannelMapOf, SignalChannelMapOf, StateIdOf } from './schema-spec.ts';
import type { StateOptions } from './state-options.ts';

/** What waitUntil receives. */
export interface WaitUntilArgs<S, I> {
  readonly context: WorkflowContext;
  readonly input: I;
  readonly persistence: Persistence<S>;
  readonly communication: Communication<S>;
}

/** What execute receives: the waitUntil arguments plus the command results. */
export interface ExecuteArgs<S, I> extends WaitUntilArgs<S, I> {
  readonly commandResults: CommandResults<InternalChannelMapOf<S>, SignalChannelMapOf<S>>;
}

/**
 * The code of one state. Without `waitUntil` the state is sent with `skipWaitUntil` and the server
 * goes straight to execute.
 *
 * @example
 * const spec: StateSpec<typeof schema.spec, void> = { execute: () => StateDecision.deadEnd() };
 */
export interface StateSpec<S, I> {
  waitUntil?(args: WaitUntilArgs<S, I>): CommandRequest | Promise<CommandRequest>;
  execute(args: ExecuteArgs<S, I>): StateDecision | Promise<StateDecision>;
  readonly options?: StateOptions<StateIdOf<S>>;
}

/**
 * A state, bound to its id and its workflow's schema; made by `schema.state(id, spec)`.
 *
 * @example
 * const VerifyState = schema.state('VerifyState', { execute: () => StateDecision.gracefulCompleteWorkflow() });
 */
export interface StateDefinition<S, I> {
  readonly stateId: StateIdOf<S>;
  readonly spec: StateSpec<S, I>;
  readonly skipWaitUntil: boolean;
}
