import type {
  CommandResults,
  EncodedObject,
  InterStateChannelResult,
  SignalResult,
  TimerResult,
} from '../../../sdk/wire/types.ts';
import type { TimerHandle } from '../../clock/clock.ts';
import type { NonShrinkingList } from '../support/non-shrinking-list.ts';
import type { ChannelWaiter } from './channels.ts';

/**
 * The command wait a command belongs to, as its commands see it.
 *
 * @example
 * const owner: CommandStateOwner = wait;
 */
export interface CommandStateOwner {
  fireTimer(timer: TimerCommandState, skipped: boolean): void;
  noteCompleted(commandId: string, kind: 'timer' | 'signal' | 'internal', name?: string): void;
  evaluate(): void;
}

/**
 * One timer command of a wait; reset in place when the wait is reused.
 *
 * @example
 * const timer = new TimerCommandState(wait, 't1', firingSeconds);
 */
export class TimerCommandState {
  fired = false;
  handle: TimerHandle | undefined = undefined;

  constructor(
    readonly owner: CommandStateOwner,
    public commandId: string,
    /** The fixed firing instant in epoch seconds (a duration was fixed when the answer was processed). */
    public firingSeconds: number,
  ) {}

  reset(commandId: string, firingSeconds: number): void {
    this.commandId = commandId;
    this.firingSeconds = firingSeconds;
    this.fired = false;
    this.handle = undefined;
  }
}

/**
 * The one function of every command timer: the clock calls it with the timer's state.
 *
 * @example
 * host.scheduleHeld(fireScheduledTimer, ms, timer);
 */
export function fireScheduledTimer(timer: TimerCommandState): void {
  timer.owner.fireTimer(timer, false);
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
