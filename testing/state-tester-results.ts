import type { ObjectEncoder } from '../sdk/encoder.ts';
import type {
  ChannelRequestStatus,
  TimerStatus,
  CommandRequest as WireCommandRequest,
  CommandResults as WireCommandResults,
} from '../sdk/wire/types.ts';

type AnyChannelResult = { status: ChannelRequestStatus; value?: unknown; channelName?: string };

/** Every `TestCommandResults<S>`, whatever the schema. */
export interface AnyTestCommandResults {
  timers?: TimerStatus[];
  internalChannels?: AnyChannelResult[];
  signals?: AnyChannelResult[];
  waitUntilSucceeded?: boolean;
}

/**
 * Turns the results a test gives into the wire results the server would send, matching each, in
 * order, to a command of the state's last waitUntil. A result that matches no command is a mistake
 * in the test (the state would look it up and find nothing), so it throws, saying what to do.
 *
 * @example
 * const wire = matchCommandResults('VerifyState', commands, { timers: ['FIRED'] }, jsonEncoder);
 */
export function matchCommandResults(
  stateId: string,
  commands: WireCommandRequest | undefined,
  results: AnyTestCommandResults,
  encoder: ObjectEncoder,
): WireCommandResults {
  const succeeded = results.waitUntilSucceeded ?? true;
  const out: WireCommandResults = { stateStartApiSucceeded: succeeded, stateWaitUntilFailed: !succeeded };
  const unmatched = (kind: string, index: number, names: readonly string[]): Error => {
    const where = `StateTester.execute('${stateId}'): ${kind}[${index}] cannot be matched to a command`;
    if (!commands) {
      return new Error(
        `${where}: no waitUntil of ${stateId} ran on this tester. Call await tester.waitUntil('${stateId}') ` +
          'first; results are matched, in order, to the commands it returned',
      );
    }
    return new Error(
      `${where}: the last waitUntil of ${stateId} returned ${names.length} such command(s)` +
        `${names.length ? ` (${names.join(', ')})` : ''}. Give at most one result per command, in the order ` +
        'waitUntil returned them',
    );
  };
  const checkName = (kind: string, index: number, given: string | undefined, expected: string): void => {
    if (given !== undefined && given !== expected) {
      throw new Error(
        `StateTester.execute('${stateId}'): ${kind}[${index}] names channel '${given}', but the command at ` +
          `that position waits on '${expected}': reorder the results to match the commands, or drop channelName`,
      );
    }
  };
  if (results.timers) {
    const timers = commands?.timerCommands ?? [];
    out.timerResults = results.timers.map((timerStatus, i) => {
      const command = timers[i];
      if (!command)
        throw unmatched(
          'timers',
          i,
          timers.map((t) => `${t.durationSeconds}s timer`),
        );
      return { commandId: command.commandId ?? '', timerStatus };
    });
  }
  if (results.internalChannels) {
    const channels = commands?.interStateChannelCommands ?? [];
    out.interStateChannelResults = results.internalChannels.map((r, i) => {
      const command = channels[i];
      if (!command)
        throw unmatched(
          'internalChannels',
          i,
          channels.map((c) => c.channelName),
        );
      checkName('internalChannels', i, r.channelName, command.channelName);
      const value = r.status === 'RECEIVED' ? encoder.encode(r.value) : undefined;
      return {
        commandId: command.commandId ?? '',
        channelName: command.channelName,
        requestStatus: r.status,
        ...(value ? { value } : {}),
      };
    });
  }
  if (results.signals) {
    const signals = commands?.signalCommands ?? [];
    out.signalResults = results.signals.map((r, i) => {
      const command = signals[i];
      if (!command)
        throw unmatched(
          'signals',
          i,
          signals.map((c) => c.signalChannelName),
        );
      checkName('signals', i, r.channelName, command.signalChannelName);
      const signalValue = r.status === 'RECEIVED' ? (encoder.encode(r.value) ?? {}) : undefined;
      return {
        commandId: command.commandId ?? '',
        signalChannelName: command.signalChannelName,
        signalRequestStatus: r.status,
        ...(signalValue ? { signalValue } : {}),
      };
    });
  }
  return out;
}
