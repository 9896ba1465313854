import { randomUUID } from 'node:crypto';

/**
 * UUID-shaped run ids. With a seed they are deterministic: the same simulator inputs give the same
 * run ids, so histories of two runs compare equal (the virtual clock). With `random` they are
 * random UUIDs, so a restarted simulator never reuses one (the wall clock).
 *
 * @example
 * const ids = new IdGenerator(1);
 * ids.next(); // '5f1c…-…' the same on every run
 */
export class IdGenerator {
  private state: bigint;
  private readonly random: boolean;

  constructor(seed: number | 'random' = 1) {
    this.random = seed === 'random';
    this.state = seed === 'random' ? 0n : BigInt(seed) & 0xffffffffffffffffn;
  }

  /** A UUIDv4-shaped id from a splitmix64 sequence, or a random UUID. */
  next(): string {
    if (this.random) return randomUUID();
    const hex =
      this.nextWord().toString(16).padStart(16, '0') + this.nextWord().toString(16).padStart(16, '0');
    const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    // join builds one flat string; a template literal would keep a tree of pieces alive per run.
    return [
      hex.slice(0, 8),
      hex.slice(8, 12),
      `4${hex.slice(13, 16)}`,
      variant + hex.slice(17, 20),
      hex.slice(20, 32),
    ].join('-');
  }

  private nextWord(): bigint {
    const mask = 0xffffffffffffffffn;
    this.state = (this.state + 0x9e3779b97f4a7c15n) & mask;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    return z ^ (z >> 31n);
  }
}
