import type { Clock } from '../../clock/clock.ts';
import type { WorkerTransport } from '../../contracts.ts';
import type { HistoryObserver } from '../../history/history.ts';
import type { SearchAttributeRegistry } from '../attributes/search-attribute-registry.ts';
import type { InjectedFaults } from '../choices/injected-faults.ts';
import type { SeededChoices } from '../choices/seeded-choices.ts';
import type { RpcTaskBatching } from '../choices/task-batching.ts';
import type { IdGenerator } from './ids.ts';
import type { InFlightWork } from './in-flight-work.ts';

/**
 * What every part of the engine shares: time, the worker transport, in-flight accounting, ids and
 * the log.
 *
 * @example
 * const runtime: EngineRuntime = { clock, inFlightWork, transport, ids, log: () => {}, recordHistory: true, maxWaitSeconds: 60, stepLatencyMs: 0, longPollCap: 'clock', stepLatencyOnClock: false, searchAttributes };
 */
export interface EngineRuntime {
  readonly clock: Clock;
  readonly inFlightWork: InFlightWork;
  readonly transport: WorkerTransport;
  readonly ids: IdGenerator;
  readonly log: (line: string) => void;
  readonly recordHistory: boolean;
  /** Sees every history event of every run as it is recorded (needs `recordHistory`). */
  readonly historyObserver?: HistoryObserver;
  /** The server's `api.maxWaitSeconds`: cap of long polls and RPC deadlines. */
  readonly maxWaitSeconds: number;
  /**
   * Where a long poll without `waitTimeSeconds` ends (`maxWaitSeconds` after it started): `clock`,
   * on the simulator's clock (wall clock); `real`, in real time (virtual clock with auto-advance:
   * a client waiting for a 90-day workflow polls once); `passive`, on the simulator's clock but
   * never a skip's target (skipping clock: see `TimerOwner.passive`).
   */
  readonly longPollCap: 'clock' | 'real' | 'passive';
  /** Ms before each state API call (0 on the virtual clock), like a real server's scheduling latency. */
  readonly stepLatencyMs: number;
  /** True when that pause is a timer on the simulator's clock (skipping clock), false for real time. */
  readonly stepLatencyOnClock: boolean;
  /** Registered search attributes and their types. */
  readonly searchAttributes: SearchAttributeRegistry;
  /** Which waiting locking RPCs the next workflow task delivers (default: all of them). */
  readonly rpcTaskBatching?: RpcTaskBatching;
  /** Worker faults a test injected (docs/fault-injection.md); inactive unless one is pending. */
  readonly faults?: InjectedFaults;
  /** An exploration seed's decisions where a real server leaves the order open (docs/exploration.md). */
  readonly choices?: SeededChoices;
}
