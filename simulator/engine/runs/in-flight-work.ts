// Captured at module load: idle detection must use the real event loop even if a test fakes timers.
const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** Outcome of waiting for idleness: `blocked` means calls are still in flight after the grace period. */
export type IdleOutcome = 'idle' | 'blocked';

/**
 * Counts the work in flight (worker calls, replies not sent yet, wall-clock step pauses) so the
 * simulator knows when it is idle (nothing in flight, all promise chains settled); only then may
 * virtual time jump.
 *
 * @example
 * inFlightWork.begin();
 * try { await transport.call(...); } finally { inFlightWork.end(); }
 * await inFlightWork.waitForIdle(200);
 */
export class InFlightWork {
  private inFlight = 0;
  private idleListeners: (() => void)[] = [];

  get callsInFlight(): number {
    return this.inFlight;
  }

  begin(): void {
    this.inFlight++;
  }

  end(): void {
    this.inFlight--;
    if (this.inFlight === 0 && this.idleListeners.length > 0) {
      const listeners = this.idleListeners;
      this.idleListeners = [];
      for (const listener of listeners) listener();
    }
  }

  /**
   * Resolves once no call is in flight and queued promise work has run; gives up with `blocked`
   * when calls stay in flight for `graceMs` of real time (a hung worker must not stall virtual time).
   */
  async waitForIdle(graceMs: number): Promise<IdleOutcome> {
    const startedAt = Date.now();
    for (;;) {
      await new Promise<void>((resolve) => realSetImmediate(resolve));
      if (this.inFlight === 0) return 'idle';
      const remaining = graceMs - (Date.now() - startedAt);
      if (remaining <= 0) return 'blocked';
      await new Promise<void>((resolve) => {
        const timer = realSetTimeout(done, remaining);
        const listener = (): void => done();
        this.idleListeners.push(listener);
        const listeners = this.idleListeners;
        function done(): void {
          realClearTimeout(timer);
          const index = listeners.indexOf(listener);
          if (index >= 0) listeners.splice(index, 1);
          resolve();
        }
      });
    }
  }
}
