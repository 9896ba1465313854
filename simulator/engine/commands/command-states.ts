import type {
  CommandResults,
  EncodedObject,
  InterStateChannelCommand,
  InterStateChannelResult,
  SignalCommand,
  SignalResult,
  TimerResult,
} from '../../../sdk/wire/types.ts';
import type { NonShrinkingList } from '../support/non-shrinking-list.ts';
import type { ChannelWaiter } from './channels.ts';
import type { TimerCommandState } from './timer-commands.ts';

/**
 * Which commands of a wait had completed at some instant (timers in order, then channel commands in
 * order), so a reset can resume the wait where it stood.
 *
 * @example
 * const progress: CommandProgress = { timersFired: [true], channelsReceived: [{ value: undefined }] };
 */
export interface CommandProgress {
  timersFired: boolean[];
  channelsReceived: ({ value: EncodedObject | undefined } | null)[];
}

/**
 * The command wait a channel command belongs to, as its commands see it.
 *
 * @example
 * const owner: CommandStateOwner = wait;
 */
export interface CommandStateOwner {
  noteCompleted(commandId: string, kind: 'timer' | 'signal' | 'internal', name?: string): void;
  evaluate(): void;
}

/**
 * One signal or internal-channel command of a wait, queued as a channel waiter until it receives.
 *
 * @example
 * const command = new ChannelCommandState(wait, 'signal', 'approve', 'approve');
 */
export class ChannelCommandState implements ChannelWaiter {
  received = false;
  value: EncodedObject | undefined;
  waiting = false;
  /** The channel's waiter list it is queued in, while waiting. */
  waitingIn: NonShrinkingList<ChannelWaiter> | undefined = undefined;

  constructor(
    readonly owner: CommandStateOwner,
    public kind: 'signal' | 'internal',
    public commandId: string,
    public name: string,
  ) {}

  reset(kind: 'signal' | 'internal', commandId: string, name: string): void {
    this.kind = kind;
    this.commandId = commandId;
    this.name = name;
    this.received = false;
    this.value = undefined;
    this.waiting = false;
    this.waitingIn = undefined;
  }

  receive(value: EncodedObject | undefined): void {
    this.waiting = false;
    this.waitingIn = undefined;
    this.received = true;
    this.value = value;
    this.owner.noteCompleted(this.commandId, this.kind, this.name);
  }
}

/**
 * Fixes the signal and internal-channel commands of an answer into `channels` (kept when the count
 * matches, so a reused wait allocates none), signals first, or a new list.
 *
 * @example
 * this.channels = fixChannels(this.channels, request.signalCommands ?? [], request.interStateChannelCommands ?? [], this);
 */
export function fixChannels(
  channels: ChannelCommandState[],
  signals: readonly SignalCommand[],
  internal: readonly InterStateChannelCommand[],
  owner: CommandStateOwner,
): ChannelCommandState[] {
  const keep = channels.length === signals.length + internal.length;
  const fixed = keep ? channels : new Array<ChannelCommandState>(signals.length + internal.length);
  for (let i = 0; i < fixed.length; i++) {
    const signal = i < signals.length ? signals[i]! : undefined;
    const channel = signal ? undefined : internal[i - signals.length]!;
    const kind = signal ? 'signal' : 'internal';
    const commandId = (signal ? signal.commandId : channel!.commandId) ?? '';
    const name = (signal ? signal.signalChannelName : channel!.channelName) ?? '';
    if (keep) fixed[i]!.reset(kind, commandId, name);
    else fixed[i] = new ChannelCommandState(owner, kind, commandId, name);
  }
  return fixed;
}

/**
 * The signal commands of a wait's channel commands (the first `signalCount`), for a snapshot.
 *
 * @example
 * request.signalCommands = signalCommandsOf(channels, 1);
 */
export function signalCommandsOf(
  channels: readonly ChannelCommandState[],
  signalCount: number,
): SignalCommand[] {
  return channels.slice(0, signalCount).map((c) => ({ commandId: c.commandId, signalChannelName: c.name }));
}

/**
 * The internal-channel commands of a wait's channel commands (after the signals), for a snapshot.
 *
 * @example
 * request.interStateChannelCommands = internalChannelCommandsOf(channels, 1);
 */
export function internalChannelCommandsOf(
  channels: readonly ChannelCommandState[],
  signalCount: number,
): InterStateChannelCommand[] {
  return channels.slice(signalCount).map((c) => ({ commandId: c.commandId, channelName: c.name }));
}

/**
 * What execute is told about the commands: timers FIRED or SCHEDULED, channel commands RECEIVED (with
 * their value) or WAITING, signals before internal channels (`channels` holds `signalCount` signals
 * first).
 *
 * @example
 * const results = commandResults(timers, channels, 1);
 */
export function commandResults(
  timers: readonly TimerCommandState[],
  channels: readonly ChannelCommandState[],
  signalCount: number,
): CommandResults {
  const results: CommandResults = {};
  if (timers.length > 0) {
    const timerResults: TimerResult[] = new Array(timers.length);
    for (let i = 0; i < timers.length; i++) {
      const t = timers[i]!;
      timerResults[i] = { commandId: t.commandId, timerStatus: t.fired ? 'FIRED' : 'SCHEDULED' };
    }
    results.timerResults = timerResults;
  }
  if (signalCount > 0) {
    const signalResults: SignalResult[] = [];
    for (let i = 0; i < signalCount; i++) {
      const c = channels[i]!;
      const r: SignalResult = {
        commandId: c.commandId,
        signalChannelName: c.name,
        signalRequestStatus: c.received ? 'RECEIVED' : 'WAITING',
      };
      if (c.received && c.value != null) r.signalValue = c.value;
      signalResults.push(r);
    }
    results.signalResults = signalResults;
  }
  if (channels.length > signalCount) {
    const channelResults: InterStateChannelResult[] = [];
    for (let i = signalCount; i < channels.length; i++) {
      const c = channels[i]!;
      const r: InterStateChannelResult = {
        commandId: c.commandId,
        channelName: c.name,
        requestStatus: c.received ? 'RECEIVED' : 'WAITING',
      };
      if (c.received && c.value != null) r.value = c.value;
      channelResults.push(r);
    }
    results.interStateChannelResults = channelResults;
  }
  results.stateStartApiSucceeded = true;
  results.stateWaitUntilFailed = false;
  return results;
}
