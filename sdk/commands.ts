import { WorkflowDefinitionError } from './errors.ts';
import type { CommandRequest as WireCommandRequest } from './wire/types.ts';

/**
 * A timer: completes after a duration, or at a Unix time (whole seconds, as on the server).
 *
 * @example
 * TimerCommand.bySeconds(24 * 3600, 'reminder');
 */
export class TimerCommand {
  readonly kind = 'timer' as const;
  private constructor(
    readonly commandId: string | undefined,
    readonly durationSeconds: number | undefined,
    readonly firingUnixTimestampSeconds: number | undefined,
  ) {}
  /** A timer that fires `durationSeconds` after the server processed the waitUntil answer. */
  static bySeconds(durationSeconds: number, commandId?: string): TimerCommand {
    if (!Number.isFinite(durationSeconds))
      throw new WorkflowDefinitionError(`timer duration must be a number, got ${durationSeconds}`);
    return new TimerCommand(commandId, Math.floor(durationSeconds), undefined);
  }
  /** A timer that fires at a Unix time in seconds (a past time fires at once). */
  static atUnixSeconds(unixSeconds: number, commandId?: string): TimerCommand {
    return new TimerCommand(commandId, undefined, Math.floor(unixSeconds));
  }
}

/**
 * Waits for one message on an internal channel (and consumes it).
 *
 * @example
 * InternalChannelCommand.byName('verify');
 */
export class InternalChannelCommand {
  readonly kind = 'internalChannel' as const;
  private constructor(
    readonly channelName: string,
    readonly commandId: string | undefined,
  ) {}
  static byName(channelName: string, commandId?: string): InternalChannelCommand {
    return new InternalChannelCommand(channelName, commandId);
  }
}

/**
 * Waits for one signal on a signal channel (and consumes it).
 *
 * @example
 * SignalChannelCommand.byName('cancel');
 */
export class SignalChannelCommand {
  readonly kind = 'signalChannel' as const;
  private constructor(
    readonly channelName: string,
    readonly commandId: string | undefined,
  ) {}
  static byName(channelName: string, commandId?: string): SignalChannelCommand {
    return new SignalChannelCommand(channelName, commandId);
  }
}

/** Any command a state can wait for. */
export type Command = TimerCommand | InternalChannelCommand | SignalChannelCommand;

type Trigger = 'ALL_COMPLETED' | 'ANY_COMPLETED' | 'ANY_COMBINATION_COMPLETED';

/**
 * What a state's waitUntil waits for: commands and when they count as done.
 *
 * @example
 * CommandRequest.forAnyCommandCompleted(TimerCommand.bySeconds(10), InternalChannelCommand.byName('verify'));
 */
export class CommandRequest {
  private constructor(
    readonly trigger: Trigger,
    readonly commands: readonly Command[],
    readonly combinations: readonly (readonly string[])[],
  ) {}

  /** Wait until every command completed. */
  static forAllCommandCompleted(...commands: Command[]): CommandRequest {
    return new CommandRequest('ALL_COMPLETED', commands, []);
  }
  /** Wait until any one command completed. */
  static forAnyCommandCompleted(...commands: Command[]): CommandRequest {
    return new CommandRequest('ANY_COMPLETED', commands, []);
  }
  /** Wait until every command id of any one combination completed (ids may repeat). */
  static forAnyCommandCombinationCompleted(combinations: string[][], ...commands: Command[]): CommandRequest {
    const ids = new Set<string>();
    for (const c of commands) {
      if (!c.commandId) {
        throw new WorkflowDefinitionError(
          'forAnyCommandCombinationCompleted needs a commandId on every command: pass one as the last argument of bySeconds/byName',
        );
      }
      ids.add(c.commandId);
    }
    if (combinations.length === 0) {
      throw new WorkflowDefinitionError('forAnyCommandCombinationCompleted needs at least one combination');
    }
    for (const combination of combinations) {
      for (const id of combination) {
        if (!ids.has(id)) {
          throw new WorkflowDefinitionError(
            `command combination names '${id}', but no command has that commandId (commands: ${[...ids].join(', ')})`,
          );
        }
      }
    }
    return new CommandRequest('ANY_COMBINATION_COMPLETED', commands, combinations);
  }
  /** Wait for nothing: go straight to execute. */
  static empty(): CommandRequest {
    return new CommandRequest('ALL_COMPLETED', [], []);
  }

  /** The wire form, as the Python SDK sends it (`commandWaitingType`, empty lists left out). */
  toWire(): WireCommandRequest {
    const wire: WireCommandRequest = { commandWaitingType: this.trigger };
    // Lists created on their first command: a request rarely has all three kinds.
    let timers: NonNullable<WireCommandRequest['timerCommands']> | undefined;
    let channels: NonNullable<WireCommandRequest['interStateChannelCommands']> | undefined;
    let signals: NonNullable<WireCommandRequest['signalCommands']> | undefined;
    for (const c of this.commands) {
      if (c.kind === 'timer') {
        const timer: NonNullable<typeof timers>[number] = { commandId: c.commandId ?? '' };
        if (c.durationSeconds !== undefined) timer.durationSeconds = c.durationSeconds;
        if (c.firingUnixTimestampSeconds !== undefined)
          timer.firingUnixTimestampSeconds = c.firingUnixTimestampSeconds;
        if (timers) timers.push(timer);
        else timers = [timer];
      } else if (c.kind === 'internalChannel') {
        const channel = { commandId: c.commandId ?? '', channelName: c.channelName };
        if (channels) channels.push(channel);
        else channels = [channel];
      } else {
        const signal = { commandId: c.commandId ?? '', signalChannelName: c.channelName };
        if (signals) signals.push(signal);
        else signals = [signal];
      }
    }
    if (timers) wire.timerCommands = timers;
    if (channels) wire.interStateChannelCommands = channels;
    if (signals) wire.signalCommands = signals;
    if (this.combinations.length > 0) {
      wire.commandCombinations = this.combinations.map((ids) => ({ commandIds: [...ids] }));
    }
    return wire;
  }
}
