import { FAULT_KINDS, type FaultKind } from './injected-faults.ts';
import type { RpcTaskBatching } from './task-batching.ts';

/**
 * Faults an exploration may inject on its own, from a budget: each worker call fails with
 * `probability` while the budget lasts, with one of `kinds`.
 *
 * @example
 * const budget: FaultBudget = { budget: 2, kinds: ['http500', 'timeout'], probability: 0.2 };
 */
export interface FaultBudget {
  budget: number;
  kinds?: readonly FaultKind[];
  /** Chance that a worker call fails while budget remains (default 0.25). */
  probability?: number;
}

/**
 * The decisions of one exploration seed: where a real server leaves an order open, the simulator
 * asks here instead of taking its default, and every answer is logged so a failure can say what
 * the seed chose. The same seed makes the same decisions (a small PRNG, mulberry32).
 *
 * @example
 * const choices = new SeededChoices(17);
 * choices.pick('locking RPCs delivered together', 3); // 0, 1 or 2
 * choices.decisions; // ['locking RPCs delivered together: 2 of 3']
 */
export class SeededChoices {
  readonly decisions: string[] = [];
  private state: number;
  private faultsLeft: number;

  constructor(
    readonly seed: number,
    readonly faults?: FaultBudget,
  ) {
    if (!Number.isInteger(seed) || seed < 1)
      throw new Error(
        `an exploration seed is a whole number from 1 up (0 is the default order), got ${seed}`,
      );
    this.state = seed >>> 0;
    this.faultsLeft = faults?.budget ?? 0;
  }

  /** A number in [0, 1) from the seed's sequence. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Picks one of `count` options (0-based); logs the pick when there was a choice. */
  pick(what: string, count: number): number {
    if (count <= 1) return 0;
    const chosen = Math.floor(this.next() * count);
    this.decisions.push(`${what}: ${chosen + 1} of ${count}`);
    return chosen;
  }

  /** A fault from the budget for this worker call, or undefined. */
  takeFault(what: string): FaultKind | undefined {
    if (this.faultsLeft <= 0) return undefined;
    if (this.next() >= (this.faults?.probability ?? 0.25)) return undefined;
    const kinds = this.faults?.kinds?.length ? this.faults.kinds : DEFAULT_FAULT_KINDS;
    const kind = kinds[Math.floor(this.next() * kinds.length)] as FaultKind;
    this.faultsLeft--;
    this.decisions.push(`${what}: fault ${kind}`);
    return kind;
  }
}

// `slow` needs a delay of its own: a budget picks the kinds that need nothing else.
const DEFAULT_FAULT_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((kind) => kind !== 'slow');

/**
 * The locking RPC batching of a seed: the next workflow task delivers one to all of those waiting.
 *
 * @example
 * new Simulator({ workerTransport, rpcTaskBatching: seededBatching(new SeededChoices(5)) });
 */
export function seededBatching(choices: SeededChoices): RpcTaskBatching {
  return (pending) => 1 + choices.pick('locking RPCs delivered in one workflow task', pending.length);
}
