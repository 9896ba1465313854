import type { Clock } from '../../clock/clock.ts';
import type { WorkerTransport } from '../../contracts.ts';
import type { HistoryObserver } from '../../history/history.ts';
import type { SearchAttributeRegistry } from '../attributes/search-attribute-registry.ts';
import type { RpcTaskBatching } from '../rpcs/task-batching.ts';
import type { IdGenerator } from './ids.ts';
import type { InFlightWork } from './in-flight-work.ts';

/**
 * What every part of the engine shares: time, the worker transport, in-flight accounting, ids and
 * the log.
 *
 * @example
 * const runtime: EngineRuntime = { clock, inFlightWork, transport, ids, log: () => {}, recordHistory: true, maxWaitSeconds: 60, stepLatencyMs: 0, longPollCapInRealTime: false, searchAttributes };
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
   * True on a virtual clock with auto-advance: a long poll without `waitTimeSeconds` ends after
   * `maxWaitSeconds` of real time, not virtual time.
   */
  readonly longPollCapInRealTime: boolean;
  /** Real ms before each state API call (wall clock only; always 0 on the virtual clock). */
  readonly stepLatencyMs: number;
  /** Registered search attributes and their types. */
  readonly searchAttributes: SearchAttributeRegistry;
  /** Which waiting locking RPCs the next workflow task delivers (default: all of them). */
  readonly rpcTaskBatching?: RpcTaskBatching;
}
