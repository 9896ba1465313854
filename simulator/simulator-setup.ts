import { type Clock, isControllableClock } from './clock/clock.ts';
import { SkippingClock } from './clock/skipping-clock.ts';
import { DEFAULT_VIRTUAL_START_MS, VirtualClock } from './clock/virtual-clock.ts';
import { WallClock } from './clock/wall-clock.ts';
import {
  DEFAULT_SEARCH_ATTRIBUTES,
  SearchAttributeRegistry,
} from './engine/attributes/search-attribute-registry.ts';
import type { InjectedFaults } from './engine/choices/injected-faults.ts';
import { type SeededChoices, seededBatching } from './engine/choices/seeded-choices.ts';
import { IdGenerator } from './engine/runs/ids.ts';
import type { InFlightWork } from './engine/runs/in-flight-work.ts';
import type { EngineRuntime } from './engine/runs/runtime.ts';
import type { ExchangeLog } from './history/exchange-log.ts';
import type { SimulatorOptions } from './simulator-options.ts';

/**
 * The clock a simulator's options ask for: virtual (the default), wall, skipping, or one given.
 *
 * @example
 * const clock = clockFromOptions({ workerTransport, clock: 'skip' }); // a SkippingClock
 */
export function clockFromOptions(options: SimulatorOptions): Clock {
  const clock = options.clock ?? 'virtual';
  if (clock === 'virtual') return new VirtualClock(options.startTime ?? DEFAULT_VIRTUAL_START_MS);
  if (clock === 'wall') return new WallClock(options.speed ?? 1);
  if (clock === 'skip') return new SkippingClock(options.startTime);
  return clock;
}

/** The parts of a simulator its engine shares. */
export interface SimulatorParts {
  clock: Clock;
  inFlightWork: InFlightWork;
  faults: InjectedFaults;
  exchanges: ExchangeLog | undefined;
  /** Whether the virtual clock moves by itself while a client waits. */
  autoAdvance: boolean;
}

/**
 * What the engine shares, from a simulator's options and parts: defaults, and the settings that
 * follow from the kind of clock (ids, long-poll caps, step latency).
 *
 * @example
 * const engine = new Engine(engineRuntimeFromOptions(options, parts), clientWaits);
 */
export function engineRuntimeFromOptions(options: SimulatorOptions, parts: SimulatorParts): EngineRuntime {
  const { clock, exchanges } = parts;
  const skipping = clock instanceof SkippingClock;
  const virtual = isControllableClock(clock) && !skipping;
  const log = options.logger ?? (() => {});
  return {
    faults: parts.faults,
    searchAttributes: new SearchAttributeRegistry(
      options.searchAttributes ?? DEFAULT_SEARCH_ATTRIBUTES,
      options.strictSearchAttributes ?? true,
      log,
    ),
    clock,
    inFlightWork: parts.inFlightWork,
    transport: exchanges ? exchanges.observeWorker(options.workerTransport) : options.workerTransport,
    // Deterministic on a virtual clock; random on real time unless a seed is given.
    ids: new IdGenerator(options.seed ?? (virtual ? 1 : 'random')),
    log,
    recordHistory: options.recordHistory !== false,
    historyObserver: options.historyObserver,
    maxWaitSeconds: options.maxWaitSeconds ?? 60,
    longPollCap: skipping ? 'passive' : parts.autoAdvance ? 'real' : 'clock',
    stepLatencyMs: virtual ? 0 : Math.max(0, options.stepLatencyMs ?? 15),
    stepLatencyOnClock: skipping,
    ...(options.rpcTaskBatching || options.choices
      ? { rpcTaskBatching: options.rpcTaskBatching ?? seededBatching(options.choices as SeededChoices) }
      : {}),
    ...(options.choices ? { choices: options.choices } : {}),
  };
}
