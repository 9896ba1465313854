import type { ObjectEncoder } from './encoder.ts';
import type {
  ChannelRequestStatus,
  TimerStatus,
  CommandResults as WireCommandResults,
} from './wire/types.ts';

/** How one timer ended: `FIRED` (or skipped), or still `SCHEDULED` when another command won. */
export interface TimerCommandResult {
  readonly commandId: string;
  readonly status: TimerStatus;
}

/** How one channel command ended, with the consumed value when `RECEIVED`. */
export interface ChannelCommandResult<T = unknown> {
  readonly commandId: string;
  readonly channelName: string;
  readonly status: ChannelRequestStatus;
  readonly value: T | undefined;
}

/**
 * The outcome of a state's commands, in the order they were requested.
 *
 * @example
 * if (commandResults.internalChannelCommands[0]?.status === 'RECEIVED') { ... }
 */
export class CommandResults<
  InternalChannels extends Record<string, unknown> = Record<string, unknown>,
  SignalChannels extends Record<string, unknown> = Record<string, unknown>,
> {
  readonly timerCommands: readonly TimerCommandResult[];
  readonly internalChannelCommands: readonly ChannelCommandResult[];
  readonly signalChannelCommands: readonly ChannelCommandResult[];
  /** False when waitUntil failed and the state proceeded anyway; undefined when waitUntil was skipped. */
  readonly waitUntilApiSucceeded: boolean | undefined;

  constructor(wire: WireCommandResults | undefined, encoder: ObjectEncoder) {
    this.timerCommands = timerResults(wire?.timerResults);
    this.internalChannelCommands = internalChannelResults(wire?.interStateChannelResults, encoder);
    this.signalChannelCommands = signalResults(wire?.signalResults, encoder);
    this.waitUntilApiSucceeded =
      wire === undefined
        ? undefined
        : wire.stateWaitUntilFailed !== undefined
          ? !wire.stateWaitUntilFailed
          : wire.stateStartApiSucceeded;
  }

  /** The first result on internal channel `name`, with its value typed as declared. */
  internalChannel<K extends keyof InternalChannels & string>(
    name: K,
  ): ChannelCommandResult<InternalChannels[K]> | undefined {
    return this.internalChannelCommands.find((r) => r.channelName === name) as
      | ChannelCommandResult<InternalChannels[K]>
      | undefined;
  }
  /** The first result on signal channel `name`, with its value typed as declared. */
  signalChannel<K extends keyof SignalChannels & string>(
    name: K,
  ): ChannelCommandResult<SignalChannels[K]> | undefined {
    return this.signalChannelCommands.find((r) => r.channelName === name) as
      | ChannelCommandResult<SignalChannels[K]>
      | undefined;
  }
  /** The timer result with this command id. */
  timerById(commandId: string): TimerCommandResult | undefined {
    return this.timerCommands.find((t) => t.commandId === commandId);
  }
  /** The internal channel result with this command id. */
  internalChannelById(commandId: string): ChannelCommandResult | undefined {
    return this.internalChannelCommands.find((r) => r.commandId === commandId);
  }
  /** The signal result with this command id. */
  signalChannelById(commandId: string): ChannelCommandResult | undefined {
    return this.signalChannelCommands.find((r) => r.commandId === commandId);
  }
}

// Exact-size arrays filled by index, no callbacks: a state execution builds these on every execute.

function timerResults(wire: WireCommandResults['timerResults']): TimerCommandResult[] {
  const n = wire ? wire.length : 0;
  const out = new Array<TimerCommandResult>(n);
  for (let i = 0; i < n; i++) {
    const t = (wire as NonNullable<typeof wire>)[i]!;
    out[i] = { commandId: t.commandId, status: t.timerStatus };
  }
  return out;
}

function internalChannelResults(
  wire: WireCommandResults['interStateChannelResults'],
  encoder: ObjectEncoder,
): ChannelCommandResult[] {
  const n = wire ? wire.length : 0;
  const out = new Array<ChannelCommandResult>(n);
  for (let i = 0; i < n; i++) {
    const r = (wire as NonNullable<typeof wire>)[i]!;
    out[i] = {
      commandId: r.commandId,
      channelName: r.channelName,
      status: r.requestStatus,
      value: encoder.decode(r.value),
    };
  }
  return out;
}

function signalResults(
  wire: WireCommandResults['signalResults'],
  encoder: ObjectEncoder,
): ChannelCommandResult[] {
  const n = wire ? wire.length : 0;
  const out = new Array<ChannelCommandResult>(n);
  for (let i = 0; i < n; i++) {
    const r = (wire as NonNullable<typeof wire>)[i]!;
    out[i] = {
      commandId: r.commandId,
      channelName: r.signalChannelName,
      status: r.signalRequestStatus,
      value: encoder.decode(r.signalValue),
    };
  }
  return out;
}
