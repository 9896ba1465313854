/** Which server a test run talks to: chosen once per run with `IWF_TEST_MODE`. */
export type TestMode = 'sim' | 'sim-http' | 'real';

/**
 * The simulator's clock in the sim modes, chosen with `IWF_SIM_CLOCK`: `virtual` (default) moves
 * only when the test or auto-advance moves it; `skip` runs in real time and jumps to the next
 * timer while the simulator is idle and a client waits, as `--clock skip` does for other SDKs.
 *
 * @example
 * const env = await createTestEnvironment({ workflows, mode: 'sim-http', clock: 'skip' });
 */
export type SimulatorClock = 'virtual' | 'skip';

/** Why the skipping clock cannot offer a capability. */
const SKIPPING_CLOCK_LIMITS: Partial<Record<Capability, string>> = {
  exactTime:
    'the skipping clock runs in real time between its jumps, so instants carry the few real ms that passed ' +
    'and a test cannot act at an exact moment in between',
};

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
  /** The simulator's clock of this run, from `IWF_SIM_CLOCK` (default `virtual`). */
  get clock(): SimulatorClock {
    const clock = process.env.IWF_SIM_CLOCK ?? 'virtual';
    if (clock !== 'virtual' && clock !== 'skip') {
      throw new Error(`IWF_SIM_CLOCK must be virtual or skip, got '${clock}'`);
    }
    return clock;
  },
  /**
   * Why this backend lacks a capability (the text a skipped test reports), or false when it has it:
   * a value for `it.skipIf`.
   */
  reasonItLacks(capability: Capability): string | false {
    if (this.mode === 'real') return REAL_SERVER_LIMITS[capability];
    return (this.clock === 'skip' && SKIPPING_CLOCK_LIMITS[capability]) || false;
  },
  supports(capability: Capability): boolean {
    return this.reasonItLacks(capability) === false;
  },
};
