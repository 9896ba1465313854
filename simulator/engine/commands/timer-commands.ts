/**
 * A timer command's life, in one place. Its names on the way:
 *
 * 1. The worker's waitUntil answer asks for `durationSeconds` (the SDK's `TimerCommand.bySeconds`)
 *    or for `firingUnixTimestampSeconds`.
 * 2. The server fixes a duration into `firingUnixTimestampSeconds` (whole seconds) when it
 *    processes the answer (`firingInstantOf`): a continue-as-new or a reset keeps that instant.
 * 3. Started (or restarted by a continue-as-new), the timer waits `delayMs` =
 *    (firing − floor(now in seconds)) × 1000 (`delayUntilFiring`), held by its command wait on the
 *    run's timers (`HeldTimers`), which the clock queues as due at now + `delayMs`.
 * 4. It fires (`fireScheduledTimer`) or is skipped (`/timer/skip`, `findSkippableTimer`), and is
 *    reported FIRED; a wait that completes by other commands cancels it (`cancelPendingTimers`)
 *    and reports it SCHEDULED (docs/semantics/execution.md#commands-5).
 *
 * @example
 * const timer = new TimerCommandState(wait, 'reminder', firingInstantOf({ durationSeconds: 60 }, now));
 * const delayMs = delayUntilFiring(timer, now);
 */
import type { TimerCommand } from '../../../sdk/wire/types.ts';
import type { TimerHandle } from '../../clock/clock.ts';
import { goSecondsAsMs, wrapInt64 } from '../support/go-int64.ts';

/**
 * Timers a command wait holds and cancels itself (`abandon` when the run closes), so their run need
 * not track them.
 *
 * @example
 * const handle = timers.scheduleHeld(fireScheduledTimer, 5_000, timer);
 */
export interface HeldTimers {
  scheduleHeld<A>(fn: (arg: A) => void, delayMs: number, arg: A): TimerHandle;
  unscheduleHeld(handle: TimerHandle): void;
}

/**
 * The command wait a timer belongs to, as the timer sees it.
 *
 * @example
 * const owner: TimerCommandOwner = wait;
 */
export interface TimerCommandOwner {
  /** The timer fired (or, `skipped`, was skipped through the API). */
  fireTimer(timer: TimerCommandState, skipped: boolean): void;
}

/**
 * One timer command of a wait; reset in place when the wait is reused.
 *
 * @example
 * const timer = new TimerCommandState(wait, 't1', 1_767_225_660);
 */
export class TimerCommandState {
  fired = false;
  handle: TimerHandle | undefined = undefined;

  constructor(
    readonly owner: TimerCommandOwner,
    public commandId: string,
    /** The fixed firing instant in Unix seconds (a duration was fixed when the answer was processed). */
    public firingUnixTimestampSeconds: number,
  ) {}

  reset(commandId: string, firingUnixTimestampSeconds: number): void {
    this.commandId = commandId;
    this.firingUnixTimestampSeconds = firingUnixTimestampSeconds;
    this.fired = false;
    this.handle = undefined;
  }
}

/**
 * The firing instant the server fixes for a timer command when it processes the answer
 * (`timers.FixTimerCommandFromActivityOutput`): now (whole seconds) + `durationSeconds`, or the
 * instant asked for.
 *
 * @example
 * firingInstantOf({ durationSeconds: 60 }, Date.UTC(2026, 0, 1)); // 1767225660
 */
export function firingInstantOf(command: TimerCommand, nowMs: number): number {
  // Go's int64 sum: a huge duration wraps round into the past (and fires at once).
  return command.durationSeconds != null
    ? wrapInt64(Math.floor(nowMs / 1000) + command.durationSeconds)
    : (command.firingUnixTimestampSeconds ?? 0);
}

/**
 * How long a timer waits when started now, as the server computes it
 * (`timers.WaitForTimerFiredOrSkipped`): a Temporal timer of (firing − floor(now)) whole seconds, so
 * it fires that many seconds after this instant whatever its fraction of a second; an instant in the
 * past fires at once (0), as does one a wrapped-round duration put there.
 *
 * @example
 * delayUntilFiring(timer, clock.now()); // 60_000
 */
export function delayUntilFiring(timer: TimerCommandState, nowMs: number): number {
  const nowSeconds = Math.floor(nowMs / 1000);
  const firing = timer.firingUnixTimestampSeconds;
  return firing <= nowSeconds ? 0 : goSecondsAsMs(wrapInt64(firing - nowSeconds));
}

/**
 * The one function of every command timer: the clock calls it with the timer's state.
 *
 * @example
 * timers.scheduleHeld(fireScheduledTimer, delayMs, timer);
 */
export function fireScheduledTimer(timer: TimerCommandState): void {
  timer.owner.fireTimer(timer, false);
}

/**
 * Fixes the timer commands of an answer into `timers` (kept when the count matches, so a reused wait
 * allocates none), or a new list.
 *
 * @example
 * this.timers = fixTimers(this.timers, request.timerCommands ?? [], this, host.now());
 */
export function fixTimers(
  timers: TimerCommandState[],
  commands: readonly TimerCommand[],
  owner: TimerCommandOwner,
  nowMs: number,
): TimerCommandState[] {
  const keep = timers.length === commands.length;
  const fixed = keep ? timers : new Array<TimerCommandState>(commands.length);
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i]!;
    const firing = firingInstantOf(command, nowMs);
    const commandId = command.commandId ?? '';
    if (keep) fixed[i]!.reset(commandId, firing);
    else fixed[i] = new TimerCommandState(owner, commandId, firing);
  }
  return fixed;
}

/**
 * Cancels the timers that have not fired (their wait completed or was abandoned).
 *
 * @example
 * cancelPendingTimers(this.timers, host.timers);
 */
export function cancelPendingTimers(timers: readonly TimerCommandState[], held: HeldTimers): void {
  for (const timer of timers) if (timer.handle && !timer.fired) held.unscheduleHeld(timer.handle);
}

/**
 * The timer `/timer/skip` names: by id the first with that id whatever its status, by index one that
 * has not fired; undefined when there is none (docs/semantics/client-api.md#timer-skip-1).
 *
 * @example
 * findSkippableTimer(timers, 'reminder', undefined);
 */
export function findSkippableTimer(
  timers: readonly TimerCommandState[],
  commandId: string | undefined,
  index: number | undefined,
): TimerCommandState | undefined {
  if (commandId) return timers.find((t) => t.commandId === commandId);
  if (index === undefined) return undefined;
  const timer = timers[index];
  return timer?.fired ? undefined : timer;
}

/**
 * The timers as commands of a request, fixed to their firing instants (for a reset checkpoint or a
 * continue-as-new snapshot).
 *
 * @example
 * request.timerCommands = timerCommandsOf(timers);
 */
export function timerCommandsOf(timers: readonly TimerCommandState[]): TimerCommand[] {
  return timers.map((t) => ({
    commandId: t.commandId,
    firingUnixTimestampSeconds: t.firingUnixTimestampSeconds,
  }));
}
