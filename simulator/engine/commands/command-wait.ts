import type { CommandRequest, CommandResults, DeciderTriggerType } from '../../../sdk/wire/types.ts';
import type { HistoryLog } from '../../history/history.ts';
import type { ChannelSet } from './channels.ts';
import {
  type ChannelCommandState,
  type CommandProgress,
  type CommandStateOwner,
  commandResults,
  fixChannels,
  internalChannelCommandsOf,
  signalCommandsOf,
} from './command-states.ts';
import {
  cancelPendingTimers,
  delayUntilFiring,
  findSkippableTimer,
  fireScheduledTimer,
  fixTimers,
  type HeldTimers,
  type TimerCommandOwner,
  type TimerCommandState,
  timerCommandsOf,
} from './timer-commands.ts';
import { isCombinationCovered, triggerAttributes, triggerTypeOf } from './triggers.ts';

/**
 * What a command wait needs from its workflow run.
 *
 * @example
 * const host: CommandHost = run;
 */
export interface CommandHost {
  now(): number;
  readonly timers: HeldTimers;
  readonly signals: ChannelSet;
  readonly internalChannels: ChannelSet;
  readonly history: HistoryLog;
}

const NONE: readonly never[] = [];
const NO_TIMERS: TimerCommandState[] = [];
const NO_CHANNELS: ChannelCommandState[] = [];

/**
 * The command phase of one state execution (docs/semantics/execution.md#commands-1): timers, signal and internal-channel
 * commands wait independently; the trigger (ALL / ANY / ANY_COMBINATION) decides when the state
 * proceeds to execute; unfinished commands then stop and consume nothing.
 *
 * @example
 * const wait = new CommandWait(run, 'S1-1', request);
 * if (!wait.start()) wait.onDone = (done) => proceed(done.results());
 * const results = wait.results();
 */
export class CommandWait<Holder = unknown> implements CommandStateOwner, TimerCommandOwner {
  done = false;
  /** Called once the trigger is met (not when abandoned); a shared function, not a closure per wait. */
  onDone: ((wait: CommandWait<Holder>) => void) | undefined = undefined;
  /** Who waits (a state's thread, set by its holder): lets `onDone` find it without a lookup. */
  holder: Holder | undefined = undefined;
  executionId!: string;
  // Exact-size arrays: a wait lives until its trigger, often across many other workflows' steps.
  private timers: TimerCommandState[] = NO_TIMERS;
  private channels: ChannelCommandState[] = NO_CHANNELS;
  private trigger: DeciderTriggerType | undefined;
  /** Only for ANY_COMMAND_COMBINATION_COMPLETED: the combinations, as id lists. */
  private combinations: readonly (readonly string[])[] | undefined;
  private signalCount = 0;
  private total = 0;
  private completedCount = 0;
  private completedIds: Map<string, number> | undefined;
  private restored: CommandProgress | undefined;

  /**
   * Copies what it needs of `request` (the worker's answer can die young; `request()` rebuilds it),
   * fixing timer durations at the host's now as the server does when it processes the answer.
   */
  constructor(
    readonly host: CommandHost,
    executionId: string,
    request: CommandRequest,
    restored?: CommandProgress,
  ) {
    this.init(executionId, request, restored);
  }

  /**
   * Serves a new request of the same run once this wait is done, keeping its objects when the
   * request has as many commands of each kind: a state that waits step after step (a reminder
   * loop) then allocates no wait that would outlive the young generation.
   */
  reuse(executionId: string, request: CommandRequest): CommandWait<Holder> {
    if (!this.done) throw new Error(`command wait of ${this.executionId} reused before it was done`);
    this.init(executionId, request, undefined);
    return this;
  }

  private init(executionId: string, request: CommandRequest, restored: CommandProgress | undefined): void {
    this.executionId = executionId;
    this.restored = restored;
    this.done = false;
    this.onDone = undefined;
    this.holder = undefined;
    this.completedCount = 0;
    this.completedIds = undefined;
    this.trigger = triggerTypeOf(request);
    this.combinations =
      this.trigger === 'ANY_COMMAND_COMBINATION_COMPLETED'
        ? (request.commandCombinations ?? NONE).map((c) => (c.commandIds ?? NONE).slice())
        : undefined;
    this.timers = fixTimers(this.timers, request.timerCommands ?? NONE, this, this.host.now());
    const signals = request.signalCommands ?? NONE;
    this.signalCount = signals.length;
    this.channels = fixChannels(this.channels, signals, request.interStateChannelCommands ?? NONE, this);
    this.total = this.timers.length + this.channels.length;
  }

  /** Registers the commands; true when the trigger is already met (no waiting needed). */
  start(): boolean {
    const nowMs = this.host.now();
    const restored = this.restored;
    for (let i = 0; i < this.timers.length; i++) {
      const timer = this.timers[i]!;
      const delayMs = delayUntilFiring(timer, nowMs);
      if (delayMs <= 0 || restored?.timersFired[i]) {
        timer.fired = true;
        this.noteCompleted(timer.commandId, 'timer');
      } else {
        timer.handle = this.host.timers.scheduleHeld(fireScheduledTimer, delayMs, timer);
      }
    }
    for (let i = 0; i < this.channels.length; i++) {
      const command = this.channels[i]!;
      const earlier = restored?.channelsReceived[i];
      if (earlier) {
        command.receive(earlier.value);
        continue;
      }
      const set = this.setOf(command);
      const { found, value } = set.take(command.name);
      if (found) command.receive(value);
      else {
        command.waiting = true;
        command.waitingIn = set.addWaiter(command.name, command);
      }
    }
    this.evaluate();
    return this.done;
  }

  /** Re-checks the trigger; finishes the wait when it is met. */
  evaluate(): void {
    if (this.done || !this.isTriggerMet()) return;
    this.done = true;
    cancelPendingTimers(this.timers, this.host.timers);
    for (const command of this.channels) {
      if (!command.waiting) continue;
      command.waiting = false;
      command.waitingIn?.remove(command);
      command.waitingIn = undefined;
    }
    if (this.host.history.enabled)
      this.host.history.add('CommandsCompleted', this.executionId, triggerAttributes(this.trigger));
    this.onDone?.(this);
  }

  /**
   * Starts the pending timers again from now, as the new run of a continue-as-new does with the
   * fixed timestamps it carries (docs/semantics/lifecycle.md#can-1, docs/semantics/execution.md#commands-5): a timer whose second has begun fires at once.
   */
  restartTimers(): void {
    if (this.done) return;
    const nowMs = this.host.now();
    for (const timer of this.timers) {
      if (timer.fired || !timer.handle) continue;
      this.host.timers.unscheduleHeld(timer.handle);
      timer.handle = undefined;
      const delayMs = delayUntilFiring(timer, nowMs);
      if (delayMs <= 0) this.fireTimer(timer, false);
      else timer.handle = this.host.timers.scheduleHeld(fireScheduledTimer, delayMs, timer);
    }
  }

  /** Stops waiting without completing (the run closed). */
  abandon(): void {
    if (this.done) return;
    this.done = true;
    cancelPendingTimers(this.timers, this.host.timers);
    for (const command of this.channels) {
      if (command.waiting) command.waitingIn?.remove(command);
      command.waitingIn = undefined;
    }
  }

  noteCompleted(commandId: string, kind: 'timer' | 'signal' | 'internal', name?: string): void {
    this.completedCount++;
    if (this.trigger === 'ANY_COMMAND_COMBINATION_COMPLETED') {
      this.completedIds ??= new Map();
      this.completedIds.set(commandId, (this.completedIds.get(commandId) ?? 0) + 1);
    }
    if (this.host.history.enabled)
      this.host.history.add('CommandCompleted', this.executionId, { kind, commandId, channel: name });
  }

  /**
   * Skips a pending timer by id (first with that id, any status) or index (must be pending);
   * false when no such timer exists (docs/semantics/client-api.md#timer-skip-1).
   */
  skipTimer(commandId: string | undefined, index: number | undefined): boolean {
    if (this.done) return false;
    const timer = findSkippableTimer(this.timers, commandId, index);
    if (!timer) return false;
    if (!timer.fired) {
      if (timer.handle) this.host.timers.unscheduleHeld(timer.handle);
      this.fireTimer(timer, true);
    }
    return true;
  }

  /**
   * The command request this wait serves, timers fixed to their firing instants (for a reset
   * checkpoint or a continue-as-new snapshot).
   */
  request(): CommandRequest {
    const request: CommandRequest = {};
    if (this.trigger !== undefined) request.deciderTriggerType = this.trigger;
    if (this.timers.length > 0) request.timerCommands = timerCommandsOf(this.timers);
    if (this.signalCount > 0) request.signalCommands = signalCommandsOf(this.channels, this.signalCount);
    if (this.channels.length > this.signalCount)
      request.interStateChannelCommands = internalChannelCommandsOf(this.channels, this.signalCount);
    if (this.combinations)
      request.commandCombinations = this.combinations.map((ids) => ({ commandIds: ids.slice() }));
    return request;
  }

  /** How many commands of each kind it waits for (for the history; undefined for none). */
  counts(): { timers?: number; signals?: number; internalChannels?: number } {
    const internal = this.channels.length - this.signalCount;
    return {
      timers: this.timers.length || undefined,
      signals: this.signalCount || undefined,
      internalChannels: internal || undefined,
    };
  }

  /** What has completed so far (for a reset checkpoint). */
  progress(): CommandProgress {
    return {
      timersFired: this.timers.map((t) => t.fired),
      channelsReceived: this.channels.map((c) => (c.received ? { value: c.value } : null)),
    };
  }

  results(): CommandResults {
    return commandResults(this.timers, this.channels, this.signalCount);
  }

  /** A timer fired (or was skipped): completes its command and re-checks the trigger. */
  fireTimer(timer: TimerCommandState, skipped: boolean): void {
    if (timer.fired || this.done) return;
    timer.fired = true;
    timer.handle = undefined;
    if (skipped) this.host.history.add('TimerSkipped', this.executionId, { commandId: timer.commandId });
    this.noteCompleted(timer.commandId, 'timer');
    this.evaluate();
  }

  private setOf(command: ChannelCommandState): ChannelSet {
    return command.kind === 'signal' ? this.host.signals : this.host.internalChannels;
  }

  private isTriggerMet(): boolean {
    if (this.total === 0) return true;
    switch (this.trigger) {
      case 'ANY_COMMAND_COMPLETED':
        return this.completedCount > 0;
      case 'ANY_COMMAND_COMBINATION_COMPLETED':
        return isCombinationCovered(this.combinations, this.completedIds);
      default:
        return this.completedCount === this.total;
    }
  }
}
