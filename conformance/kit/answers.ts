import { SystemStateIds } from '../../sdk/wire/paths.ts';
import type {
  CommandRequest,
  EncodedObject,
  StateMovement,
  WorkflowStateDecideResponse,
  WorkflowStateOptions,
  WorkflowStateStartResponse,
} from '../../sdk/wire/types.ts';

// Builders of the answers a scripted worker gives the server, shared by the conformance scenarios
// and the simulator's own tests, so both speak the wire the same way.

/**
 * Encodes a value as `json/plain`, the encoding this project's SDK writes.
 *
 * @example
 * enc('done'); // { encoding: 'json/plain', data: '"done"' }
 */
export function enc(value: unknown): EncodedObject {
  return { encoding: 'json/plain', data: JSON.stringify(value) };
}

/**
 * State options of a state that skips waitUntil.
 *
 * @example
 * move('S2', undefined, noWait);
 */
export const noWait: WorkflowStateOptions = { skipWaitUntil: true };

/**
 * A movement to a user state, with its input and options when given.
 *
 * @example
 * move('S2', enc(1), noWait);
 */
export function move(
  stateId: string,
  stateInput?: EncodedObject,
  stateOptions?: WorkflowStateOptions,
): StateMovement {
  return {
    stateId,
    ...(stateInput ? { stateInput } : {}),
    ...(stateOptions ? { stateOptions } : {}),
  };
}

/**
 * An execute answer moving to the given states: state ids, or movements with inputs and options.
 *
 * @example
 * goTo('A', 'B');
 * goTo(move('A', enc(1)), { stateId: 'B', stateOptions: noWait });
 */
export function goTo(...targets: (string | StateMovement)[]): WorkflowStateDecideResponse {
  return {
    stateDecision: { nextStates: targets.map((t) => (typeof t === 'string' ? { stateId: t } : t)) },
  };
}

/**
 * An execute answer completing the workflow gracefully, with an output when given.
 *
 * @example
 * gracefulComplete(enc('ok'));
 */
export function gracefulComplete(output?: EncodedObject): WorkflowStateDecideResponse {
  return goTo(move(SystemStateIds.gracefulComplete, output));
}

/**
 * An execute answer completing the workflow at once.
 *
 * @example
 * forceComplete(enc('now'));
 */
export function forceComplete(output?: EncodedObject): WorkflowStateDecideResponse {
  return goTo(move(SystemStateIds.forceComplete, output));
}

/**
 * An execute answer failing the workflow at once.
 *
 * @example
 * forceFail(enc('bad'));
 */
export function forceFail(output?: EncodedObject): WorkflowStateDecideResponse {
  return goTo(move(SystemStateIds.forceFail, output));
}

/**
 * An execute answer ending this thread.
 *
 * @example
 * S1: { execute: () => deadEnd() }
 */
export function deadEnd(): WorkflowStateDecideResponse {
  return goTo(move(SystemStateIds.deadEnd));
}

/**
 * A waitUntil answer waiting on commands, with other answer fields when given.
 *
 * @example
 * waitFor({ deciderTriggerType: 'ALL_COMMAND_COMPLETED', timerCommands: [{ commandId: 't', durationSeconds: 5 }] });
 */
export function waitFor(
  commandRequest: CommandRequest,
  extra: WorkflowStateStartResponse = {},
): WorkflowStateStartResponse {
  return { commandRequest, ...extra };
}

/**
 * A waitUntil answer waiting for one signal on `channel`; the command id is the channel name
 * unless given.
 *
 * @example
 * S1: { waitUntil: () => waitSignal('go') }
 */
export function waitSignal(channel: string, commandId = channel): WorkflowStateStartResponse {
  return waitFor({
    commandWaitingType: 'ALL_COMPLETED',
    signalCommands: [{ commandId, signalChannelName: channel }],
  });
}
