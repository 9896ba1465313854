import type { SearchAttributeValueType } from '../sdk/wire/types.ts';
import type { Clock } from './clock/clock.ts';
import type { WorkerTransport } from './contracts.ts';
import type { SeededChoices } from './engine/choices/seeded-choices.ts';
import type { RpcTaskBatching } from './engine/choices/task-batching.ts';
import type { HistoryObserver } from './history/history.ts';

/**
 * Options of a simulator.
 *
 * @example
 * const options: SimulatorOptions = { workerTransport, clock: 'virtual', startTime: Date.UTC(2025, 0, 1) };
 */
export interface SimulatorOptions {
  /**
   * `virtual` (default): time moves only when told or by auto-advance; `wall`: real time; `skip`:
   * real time that jumps to the next timer whenever the simulator is idle and a client waits for
   * something only time can bring (a result, a state completion, a long poll); or your own clock.
   */
  clock?: 'virtual' | 'wall' | 'skip' | Clock;
  /** Start of virtual time in epoch ms (default `DEFAULT_VIRTUAL_START_MS`, 2026-01-01T00:00:00Z); on `skip`, default now. */
  startTime?: number;
  /** Wall clock acceleration: 10 runs ten times faster than real time. */
  speed?: number;
  workerTransport: WorkerTransport;
  /** The server's `api.maxWaitSeconds`: cap of long polls and RPC deadlines (default 60 like the real server). */
  maxWaitSeconds?: number;
  /**
   * Ms of latency before each workflow step (state API call), like a real server's workflow task
   * and activity scheduling (default 15; `--step-latency-ms`): real time on the wall clock, a timer
   * on the skipping clock (skipped while a client only waits). Ignored on the virtual clock, which
   * never adds latency.
   */
  stepLatencyMs?: number;
  /**
   * Jump virtual time to the next due timer while a client long-polls and the engine is idle
   * (default true; `false` makes a skipping clock a plain wall clock).
   */
  autoAdvance?: boolean;
  logger?: (line: string) => void;
  /** Seed of the deterministic run ids (default 1 on the virtual clock; random UUIDs on the wall clock). */
  seed?: number;
  /** Keep per-run histories (default true; turn off for benchmarks). */
  recordHistory?: boolean;
  /** Sees every history event as it is recorded, e.g. `liveLog('text')` (needs `recordHistory`). */
  historyObserver?: HistoryObserver;
  /** Keep each workflow's raw requests and answers (bounded) for the timeline page (default false). */
  recordExchanges?: boolean;
  /**
   * Real ms to wait for worker calls in flight before virtual time may move anyway (default 200).
   * A skipping clock never moves past work in flight: there, time runs on meanwhile.
   */
  hungCallGraceMs?: number;
  /**
   * Registered custom search attributes (default: the Custom* set of iWF's own test servers and
   * the iwf-server-lite image). Unknown names are refused, as a real server refuses them.
   */
  searchAttributes?: Record<string, SearchAttributeValueType>;
  /** False registers unknown search attributes on first use (with a log line) instead of refusing them. */
  strictSearchAttributes?: boolean;
  /**
   * Which of the locking RPCs waiting for a workflow task the next task delivers together (and so
   * validates together: one takes the lock, the others get 450). Default: all of them, as Temporal.
   */
  rpcTaskBatching?: RpcTaskBatching;
  /** An exploration seed's decisions where a real server leaves the order open (docs/exploration.md). */
  choices?: SeededChoices;
  /**
   * How long a closed workflow stays readable, in ms of the simulator's clock (default 24 h, a
   * real namespace's retention in spirit; 0 keeps every closed workflow forever). Swept at most
   * once per retention/24, never per step.
   */
  retentionMs?: number;
}
