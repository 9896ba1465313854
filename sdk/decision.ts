import type { StateOptions } from './state-options.ts';
import { SystemStateIds } from './wire/paths.ts';

/** Per-movement settings: replace the target state's options, or key it for waitForStateExecution. */
export interface MovementOptions {
  stateOptionsOverride?: StateOptions;
  waitForKey?: string;
}

/**
 * A move to a state (with its input), or one of the closing moves.
 *
 * @example
 * StateMovement.create('VerifyState');
 */
export class StateMovement {
  private constructor(
    readonly stateId: string,
    readonly input: unknown,
    readonly options: MovementOptions | undefined,
  ) {}
  /** A move to a user state by id (the typed form is `schema.movement(...)`). */
  static create(stateId: string, input?: unknown, options?: MovementOptions): StateMovement {
    return new StateMovement(stateId, input, options);
  }
  /** @internal used for the reserved `_SYS_` ids. */
  static system(stateId: string, output?: unknown): StateMovement {
    return new StateMovement(stateId, output, undefined);
  }
  /** Complete the workflow once every other thread has ended. */
  static gracefulCompleteWorkflow(output?: unknown): StateMovement {
    return StateMovement.system(SystemStateIds.gracefulComplete, output);
  }
  /** Complete the workflow now; other threads are abandoned. */
  static forceCompleteWorkflow(output?: unknown): StateMovement {
    return StateMovement.system(SystemStateIds.forceComplete, output);
  }
  /** Fail the workflow now. */
  static forceFailWorkflow(output?: unknown): StateMovement {
    return StateMovement.system(SystemStateIds.forceFail, output);
  }
  /** End this thread only. */
  static readonly deadEnd: StateMovement = StateMovement.system(SystemStateIds.deadEnd);

  /** True for the reserved `_SYS_` closing and dead-end moves. */
  get isSystem(): boolean {
    return this.stateId.startsWith('_SYS_');
  }
}

/** The atomic "complete if this channel is empty, else go on" of iWF. */
export interface ConditionalClose {
  type: 'FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY' | 'FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY';
  channelName: string;
  output: unknown;
}

/**
 * What a state does after execute: the next states (parallel threads), or how the workflow closes.
 *
 * @example
 * return StateDecision.gracefulCompleteWorkflow('done');
 */
export class StateDecision {
  private constructor(
    readonly nextStates: readonly StateMovement[],
    readonly conditionalClose?: ConditionalClose,
  ) {}
  /** Go to one state, by id (typed form: `schema.nextState(...)`). */
  static singleNextState(stateId: string, input?: unknown, options?: MovementOptions): StateDecision {
    return new StateDecision([StateMovement.create(stateId, input, options)]);
  }
  /** Start several states in parallel. */
  static multiNextStates(...movements: StateMovement[]): StateDecision {
    return new StateDecision(movements);
  }
  /** Complete the workflow once every other thread has ended, with an optional output. */
  static gracefulCompleteWorkflow(output?: unknown): StateDecision {
    return new StateDecision([StateMovement.gracefulCompleteWorkflow(output)]);
  }
  /** Complete the workflow now, abandoning other threads. */
  static forceCompleteWorkflow(output?: unknown): StateDecision {
    return new StateDecision([StateMovement.forceCompleteWorkflow(output)]);
  }
  /** Fail the workflow now (status FAILED, error type STATE_DECISION_FAILING_WORKFLOW_ERROR_TYPE). */
  static forceFailWorkflow(output?: unknown): StateDecision {
    return new StateDecision([StateMovement.forceFailWorkflow(output)]);
  }
  /** End this thread; the workflow goes on with its other threads. */
  static deadEnd(): StateDecision {
    return new StateDecision([StateMovement.deadEnd]);
  }
  /** Complete the workflow atomically if internal channel `channelName` is empty, else move on. */
  static forceCompleteIfInternalChannelEmptyOrElse(
    channelName: string,
    output: unknown,
    ...orElse: StateMovement[]
  ): StateDecision {
    return new StateDecision(orElse, {
      type: 'FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY',
      channelName,
      output,
    });
  }
  /** Complete the workflow atomically if signal channel `channelName` is empty, else move on. */
  static forceCompleteIfSignalChannelEmptyOrElse(
    channelName: string,
    output: unknown,
    ...orElse: StateMovement[]
  ): StateDecision {
    return new StateDecision(orElse, { type: 'FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY', channelName, output });
  }
}
