/**
 * Exclusive per-key locks of one run (docs/semantics/persistence.md#locks-1). State APIs wait until all their keys are
 * free and take them together. Locking RPCs check `anyHeld` and fail with 450 when they arrive
 * while a state holds a key; one accepted behind another RPC waits like a state.
 *
 * Grant order follows the real server, where every waiter is a Temporal coroutine re-checking
 * "my keys are free" each time the dispatcher runs it, in creation order, starting right after the
 * coroutine that released: so after a release by the participant created n-th, the waiters created
 * after it are granted first (in creation order), then the ones created before it (measured on the
 * real server: H created between A and B releases k → B gets it first, even when A asked first).
 * Participants are numbered in creation order: a state thread when it starts (`enroll`), an RPC when
 * it is accepted (`newOrdinal`).
 *
 * @example
 * locks.enroll('S1-1');
 * const ordinal = locks.ordinalOf('S1-1');
 * await locks.acquire(['d:counter'], ordinal);
 * try { ... } finally { locks.release(['d:counter'], ordinal); }
 */
export class LockTable {
  private readonly held = new Set<string>();
  private waiters: Waiter[] = [];
  private nextOrdinal = 0;
  /** Creation numbers of the live state threads that lock something (created on first use). */
  private ordinals: Map<string, number> | undefined;

  /** A creation number for a participant that is not a state thread (an accepted RPC). */
  newOrdinal(): number {
    return this.nextOrdinal++;
  }

  /** Numbers a state thread that may lock keys, when it is created. */
  enroll(executionId: string): void {
    this.ordinals ??= new Map();
    this.ordinals.set(executionId, this.nextOrdinal++);
  }

  /** Forgets a thread that ended. */
  leave(executionId: string): void {
    this.ordinals?.delete(executionId);
  }

  /** The creation number of an enrolled thread (a fresh, latest one if it was not enrolled). */
  ordinalOf(executionId: string): number {
    const known = this.ordinals?.get(executionId);
    if (known !== undefined) return known;
    this.enroll(executionId);
    return this.nextOrdinal - 1;
  }

  anyHeld(keys: readonly string[]): boolean {
    for (const key of keys) if (this.held.has(key)) return true;
    return false;
  }

  /**
   * Takes the keys at once when free (returns undefined), else a promise resolved on grant;
   * `ordinal` is the caller's creation number.
   */
  acquire(keys: readonly string[], ordinal: number): Promise<void> | undefined {
    if (keys.length === 0) return undefined;
    if (!this.anyHeld(keys)) {
      for (const key of keys) this.held.add(key);
      return undefined;
    }
    return new Promise<void>((grant) => this.waiters.push({ keys, ordinal, grant }));
  }

  /**
   * Takes `first`, then `second`, each all together, holding `first` while it waits for `second`:
   * how a state API call locks search attribute keys, then data attribute keys (so a state waiting
   * for a data key already holds its search keys, and a locking RPC on one of them is refused).
   * Undefined when both were free, else a promise resolved once both are held.
   */
  acquireInOrder(
    first: readonly string[],
    second: readonly string[],
    ordinal: number,
  ): Promise<void> | undefined {
    const pendingFirst = this.acquire(first, ordinal);
    if (!pendingFirst) return this.acquire(second, ordinal);
    return pendingFirst.then(() => this.acquire(second, ordinal));
  }

  /**
   * Frees the keys of the participant numbered `ordinal`, then grants the waiters whose keys are
   * all free, those created after the releaser first, then the earlier ones, each in creation order.
   */
  release(keys: readonly string[], ordinal: number): void {
    if (keys.length === 0) return;
    for (const key of keys) this.held.delete(key);
    if (this.waiters.length === 0) return;
    const turn = (w: Waiter) => (w.ordinal > ordinal ? w.ordinal : w.ordinal + 2 ** 52);
    const ordered = this.waiters.length === 1 ? this.waiters : this.waiters.sort((a, b) => turn(a) - turn(b));
    const still: Waiter[] = [];
    for (const waiter of ordered) {
      if (this.anyHeld(waiter.keys)) {
        still.push(waiter);
        continue;
      }
      for (const key of waiter.keys) this.held.add(key);
      waiter.grant();
    }
    this.waiters = still;
  }

  /** Keys held now (for diagnostics). */
  heldKeys(): string[] {
    return [...this.held];
  }
}

interface Waiter {
  keys: readonly string[];
  ordinal: number;
  grant: () => void;
}

/**
 * The lock keys of a call: SA keys and DA keys live in separate spaces.
 *
 * @example
 * lockKeys(['counter'], ['status']); // ['s:counter', 'd:status']
 */
export function lockKeys(searchKeys: readonly string[], dataKeys: readonly string[]): readonly string[] {
  if (searchKeys.length === 0 && dataKeys.length === 0) return NO_KEYS;
  const keys: string[] = [];
  for (const key of searchKeys) keys.push(`s:${key}`);
  for (const key of dataKeys) keys.push(`d:${key}`);
  return keys;
}

const NO_KEYS: readonly string[] = [];
