import type { CommandRequest } from '../../sdk/wire/types.ts';

/**
 * The command request a waiting state keeps (until its trigger, and in reset checkpoints) as small
 * flat objects in exact-size arrays, so the worker's answer object (often built by appending, with
 * spare capacity) can die young.
 *
 * @example
 * const kept = compactCommandRequest(response.commandRequest);
 */
export function compactCommandRequest(
  request: CommandRequest | undefined | null,
): CommandRequest | undefined {
  if (!request) return undefined;
  return {
    deciderTriggerType: request.deciderTriggerType,
    commandWaitingType: request.commandWaitingType,
    timerCommands: request.timerCommands?.map((t) => ({
      commandId: t.commandId,
      firingUnixTimestampSeconds: t.firingUnixTimestampSeconds,
      durationSeconds: t.durationSeconds,
    })),
    signalCommands: request.signalCommands?.map((c) => ({
      commandId: c.commandId,
      signalChannelName: c.signalChannelName,
    })),
    interStateChannelCommands: request.interStateChannelCommands?.map((c) => ({
      commandId: c.commandId,
      channelName: c.channelName,
    })),
    commandCombinations: request.commandCombinations?.map((c) => ({ commandIds: c.commandIds?.slice() })),
  };
}
