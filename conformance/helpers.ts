import { SystemStateIds } from '../sdk/wire/paths.ts';
import type {
  CommandRequest,
  EncodedObject,
  StateMovement,
  WorkflowStateDecideResponse,
  WorkflowStateOptions,
  WorkflowStateStartResponse,
} from '../sdk/wire/types.ts';

/** Encodes a value as `json/plain`. Example: `enc('done')` is `{encoding:'json/plain', data:'"done"'}`. */
export function enc(value: unknown): EncodedObject {
  return { encoding: 'json/plain', data: JSON.stringify(value) };
}

/** A movement to a user state. Example: `move('S2', enc(1), { skipWaitUntil: true })`. */
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

/** An execute answer moving to the given states. Example: `goTo(move('A'), move('B'))`. */
export function goTo(...nextStates: StateMovement[]): WorkflowStateDecideResponse {
  return { stateDecision: { nextStates } };
}

/** Execute answer: graceful completion, with an output when given. Example: `gracefulComplete(enc('ok'))`. */
export function gracefulComplete(output?: EncodedObject): WorkflowStateDecideResponse {
  return goTo(move(SystemStateIds.gracefulComplete, output));
}

/** Execute answer: force completion. Example: `forceComplete(enc('now'))`. */
export function forceComplete(output?: EncodedObject): WorkflowStateDecideResponse {
  return goTo(move(SystemStateIds.forceComplete, output));
}

/** Execute answer: force failure. Example: `forceFail(enc('bad'))`. */
export function forceFail(output?: EncodedObject): WorkflowStateDecideResponse {
  return goTo(move(SystemStateIds.forceFail, output));
}

/** Execute answer: end this thread. Example: `deadEnd()`. */
export function deadEnd(): WorkflowStateDecideResponse {
  return goTo(move(SystemStateIds.deadEnd));
}

/** waitUntil answer with commands. Example: `waitFor({ commandWaitingType: 'ALL_COMPLETED', timerCommands: [...] })`. */
export function waitFor(
  commandRequest: CommandRequest,
  extra: WorkflowStateStartResponse = {},
): WorkflowStateStartResponse {
  return { commandRequest, ...extra };
}

/** waitUntil answer waiting for one signal. Example: `waitSignal('go')`. */
export function waitSignal(channel: string, commandId = ''): WorkflowStateStartResponse {
  return waitFor({
    commandWaitingType: 'ALL_COMPLETED',
    signalCommands: [{ commandId, signalChannelName: channel }],
  });
}

/** Sleeps. Example: `await sleep(500)`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Shorthand for common JSON literals. Example: `json({ a: 1 })` renders `{"a":1}`. */
export function json(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}
