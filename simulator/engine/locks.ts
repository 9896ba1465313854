/**
 * Exclusive per-key locks of one run (semantics §5.9). State APIs wait until all their keys are
 * free and take them together; waiters are granted in the order they asked. Locking RPCs never
 * wait: they check `anyHeld` and fail with 450.
 *
 * @example
 * await locks.acquire(['d:counter']);
 * try { ... } finally { locks.release(['d:counter']); }
 */
export class LockTable {
  private readonly held = new Set<string>();
  private waiters: { keys: readonly string[]; grant: () => void }[] = [];

  anyHeld(keys: readonly string[]): boolean {
    for (const key of keys) if (this.held.has(key)) return true;
    return false;
  }

  /** Takes the keys at once when free (returns undefined), else a promise resolved on grant. */
  acquire(keys: readonly string[]): Promise<void> | undefined {
    if (keys.length === 0) return undefined;
    if (!this.anyHeld(keys)) {
      for (const key of keys) this.held.add(key);
      return undefined;
    }
    return new Promise<void>((grant) => this.waiters.push({ keys, grant }));
  }

  release(keys: readonly string[]): void {
    if (keys.length === 0) return;
    for (const key of keys) this.held.delete(key);
    if (this.waiters.length === 0) return;
    const still: typeof this.waiters = [];
    for (const waiter of this.waiters) {
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

/**
 * The lock keys of a call: SA keys and DA keys live in separate spaces.
 *
 * @example
 * lockKeys(['counter'], ['status']); // ['s:counter', 'd:status']
 */
export function lockKeys(searchKeys: readonly string[], dataKeys: readonly string[]): readonly string[] {
  if (searchKeys.length === 0 && dataKeys.length === 0) return [];
  const keys: string[] = [];
  for (const key of searchKeys) keys.push(`s:${key}`);
  for (const key of dataKeys) keys.push(`d:${key}`);
  return keys;
}
