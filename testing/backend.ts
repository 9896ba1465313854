/** Which server a test run talks to: chosen once per run with `IWF_TEST_MODE`. */
export type TestMode = 'sim' | 'sim-http' | 'real';

/**
 * What a backend can do beyond the plain iWF API. A test that needs more than the backend offers is
 * skipped with the capability's reason, and those reasons are the published differences between
 * the simulator and a real server.
 */
export type Capability = 'exactTime' | 'history' | 'instantTime';

/** Why a real iWF server cannot offer a capability (the README's table of known differences). */
export const REAL_SERVER_LIMITS: Record<Capability, string> = {
  exactTime:
    'a real server has no clock to move: time control is limited to skipping timers a worker returned ' +
    '(timer/skip), so a test cannot move time by an exact amount or act at an exact moment in between',
  history: "a real server's history lives in Temporal; the harness does not read it",
  instantTime:
    'on a real server, waiting for timers that the test does not skip takes real time, which is too slow for a test',
};

/**
 * The backend of this run, from `IWF_TEST_MODE` (default `sim`).
 *
 * @example
 * it.skipIf(backend.reasonItLacks('exactTime'))('sends a reminder every 24 hours', async () => { ... });
 */
export const backend = {
  get mode(): TestMode {
    const mode = process.env.IWF_TEST_MODE ?? 'sim';
    if (mode !== 'sim' && mode !== 'sim-http' && mode !== 'real') {
      throw new Error(`IWF_TEST_MODE must be sim, sim-http or real, got '${mode}'`);
    }
    return mode;
  },
  /**
   * Why this backend lacks a capability (the text a skipped test reports), or false when it has it:
   * a value for `it.skipIf`.
   */
  reasonItLacks(capability: Capability): string | false {
    return this.mode === 'real' ? REAL_SERVER_LIMITS[capability] : false;
  },
  supports(capability: Capability): boolean {
    return this.reasonItLacks(capability) === false;
  },
};
