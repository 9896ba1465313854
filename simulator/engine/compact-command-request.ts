import type { CommandRequest } from '../../sdk/wire/types.ts';

/**
 * The command request a waiting state keeps (until its trigger, and in reset checkpoints) as small
 * flat objects in exact-size arrays, so the worker's answer object (often built by appending, with
 * spare capacity) can die young.
 *
 * Timers are fixed as the server fixes them when it processes the answer (`timers.
 * FixTimerCommandFromActivityOutput`): a `durationSeconds` (when present it wins) becomes
 * `firingUnixTimestampSeconds = floor(now in seconds) + durationSeconds`, so a continue-as-new or a
 * reset keeps the deadline instead of starting the duration again.
 *
 * @example
 * const kept = compactCommandRequest(response.commandRequest, run.now());
 */
export function compactCommandRequest(
  request: CommandRequest | undefined | null,
  nowMs: number,
): CommandRequest | undefined {
  if (!request) return undefined;
  const nowSeconds = Math.floor(nowMs / 1000);
  return {
    deciderTriggerType: request.deciderTriggerType,
    commandWaitingType: request.commandWaitingType,
    timerCommands: request.timerCommands?.map((t) => ({
      commandId: t.commandId,
      firingUnixTimestampSeconds:
        t.durationSeconds != null ? nowSeconds + t.durationSeconds : t.firingUnixTimestampSeconds,
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
