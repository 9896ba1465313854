import { routeRequest } from './api/router.ts';
import { type Clock, type ControllableClock, isControllableClock } from './clock/clock.ts';
import { SkippingClock } from './clock/skipping-clock.ts';
import type { ApiReply, ApiRequest } from './contracts.ts';
import { InjectedFaults } from './engine/choices/injected-faults.ts';
import type { SeededChoices } from './engine/choices/seeded-choices.ts';
import { Engine, type WaitHooks } from './engine/engine.ts';
import { InFlightWork } from './engine/runs/in-flight-work.ts';
import { DEFAULT_RETENTION_MS, Retention } from './engine/runs/retention.ts';
import { summarizeRun, type WorkflowSummary } from './engine/runs/run-summary.ts';
import { ExchangeLog, type RecordedExchange } from './history/exchange-log.ts';
import { formatHistory } from './history/format-history.ts';
import type { HistoryEvent } from './history/history.ts';
import type { SimulatorOptions } from './simulator-options.ts';
import { clockFromOptions, engineRuntimeFromOptions } from './simulator-setup.ts';

export type { WorkflowSummary } from './engine/runs/run-summary.ts';
export type { SimulatorOptions } from './simulator-options.ts';

// Captured at load: auto-advance must poll on the real event loop even if a test fakes timers.
const realSetTimeout = globalThis.setTimeout;
const realSetImmediate = globalThis.setImmediate;
const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;
const realDateNow = Date.now;
/** Real ms a settle on a skipping clock goes on skipping step pauses (a workflow may step for ever). */
const SETTLE_LIMIT_MS = 15_000;

/**
 * An iWF server in-process: the client REST API as `handle()`, workers called through a
 * `WorkerTransport`, and time on a clock you control.
 *
 * @example
 * const simulator = new Simulator({ workerTransport });
 * await simulator.handle({ method: 'POST', path: '/api/v1/workflow/start', body: startRequest });
 * const reply = await simulator.handle({ method: 'POST', path: '/api/v1/workflow/getWithWait', body: { workflowId } });
 */
export class Simulator {
  readonly clock: Clock;
  /** Worker faults for tests: `faults.inject({...})`, `faults.workerDown(from, until)` (docs/fault-injection.md). */
  readonly faults: InjectedFaults;
  private readonly engine: Engine;
  private readonly choices: SeededChoices | undefined;
  private readonly inFlightWork = new InFlightWork();
  private readonly autoAdvance: boolean;
  private readonly graceMs: number;
  private waitingClients = 0;
  private autoAdvancing = false;
  private manualAdvance: Promise<void> | undefined;
  private closed = false;
  private readonly exchanges: ExchangeLog | undefined;
  private readonly retention: Retention;
  private readonly retentionSweeper: ReturnType<typeof realSetInterval> | undefined;

  constructor(options: SimulatorOptions) {
    this.clock = clockFromOptions(options);
    const skipping = this.clock instanceof SkippingClock;
    this.autoAdvance = isControllableClock(this.clock) && options.autoAdvance !== false;
    this.graceMs = options.hungCallGraceMs ?? 200;
    this.retention = new Retention(Math.max(0, options.retentionMs ?? DEFAULT_RETENTION_MS));
    // On the wall clock time passes without requests: sweep every minute (never keeping node alive).
    if (!isControllableClock(this.clock) && this.retention.retentionMs > 0) {
      this.retentionSweeper = realSetInterval(() => this.sweepRetention(), 60_000);
      this.retentionSweeper.unref?.();
    }
    if (options.recordExchanges) this.exchanges = new ExchangeLog(() => this.clock.now());
    // A request that waits is no longer work in flight: time may move for it.
    const clientWaits: WaitHooks = {
      waitStarted: () => {
        this.waitingClients++;
        this.inFlightWork.end();
        if (this.autoAdvance && !this.autoAdvancing) void this.runAutoAdvance(skipping);
      },
      waitEnded: () => {
        this.inFlightWork.begin();
        this.waitingClients--;
      },
    };
    this.faults = new InjectedFaults(clientWaits);
    this.choices = options.choices;
    const runtime = engineRuntimeFromOptions(options, {
      clock: this.clock,
      inFlightWork: this.inFlightWork,
      faults: this.faults,
      exchanges: this.exchanges,
      autoAdvance: this.autoAdvance,
    });
    this.engine = new Engine(runtime, clientWaits);
  }

  /**
   * Answers one client request exactly as the real server would (status, body, content type). The
   * request counts as work in flight until it answers (except while it long-polls): time never
   * jumps while a request that may change a workflow is being handled.
   */
  async handle(request: ApiRequest): Promise<ApiReply> {
    if (this.closed) return { status: 503, body: { detail: 'the iWF simulator is closed' } };
    this.sweepRetention();
    this.inFlightWork.begin();
    let answer: ApiReply;
    // The exchange log files the request by the body the router decoded (no second parse).
    let decoded: unknown;
    try {
      answer = await routeRequest(
        this.engine,
        request,
        this.exchanges &&
          ((body) => {
            decoded = body;
          }),
      );
    } finally {
      this.inFlightWork.end();
    }
    this.exchanges?.noteApi(request, answer, decoded);
    return answer;
  }

  /** Whether the clock is one that tests move (virtual), not the wall clock. */
  get controllable(): boolean {
    return isControllableClock(this.clock);
  }

  private sweepRetention(): void {
    this.retention.sweepIfDue(this.clock.now(), (closedBefore) => this.engine.forgetClosedRuns(closedBefore));
  }

  /** Current time of the simulator's clock, epoch ms. */
  now(): number {
    return this.clock.now();
  }

  /**
   * Fires due timers in order up to now + ms, waiting for the engine to be idle after each (timers
   * of different runs due at the same instant together); ends at now + ms.
   */
  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.clock.now() + ms);
  }

  /** Like `advanceBy` to an absolute instant (never moves backwards). */
  async advanceTo(epochMs: number): Promise<void> {
    const clock = this.controllableClock('advanceTo');
    while (this.manualAdvance) await this.manualAdvance;
    this.manualAdvance = this.fireUntil(clock, epochMs);
    try {
      await this.manualAdvance;
    } finally {
      this.manualAdvance = undefined;
    }
    this.sweepRetention();
  }

  /**
   * Waits until no worker call is in flight and nothing is runnable; fires timers already due. It
   * never moves time for a workflow timer; on a skipping clock it skips the step latency before a
   * workflow's next step (a settle that returned in that pause would let a test act before a step
   * that, on a real server, runs without waiting for anything).
   */
  async runUntilIdle(): Promise<void> {
    const giveUpAt = realDateNow() + SETTLE_LIMIT_MS;
    for (;;) {
      await this.inFlightWork.waitForIdle(this.graceMs);
      if (!isControllableClock(this.clock) || this.closed) return;
      const due = this.clock.nextDueTime();
      if (due !== undefined && due <= this.clock.now()) {
        this.clock.fireNext();
        continue;
      }
      // A workflow that never stops stepping would keep a settle busy for ever.
      const pause = this.clock instanceof SkippingClock && this.clock.nextSkipIsStepPause();
      if (!pause || realDateNow() > giveUpAt) return;
      await this.skip(this.clock as SkippingClock);
    }
  }

  /** Every workflow run, oldest first. */
  listWorkflows(): WorkflowSummary[] {
    return this.engine.allRuns().map(summarizeRun);
  }

  /** One run's summary (the current run by default). */
  describeWorkflow(workflowId: string, runId?: string): WorkflowSummary | undefined {
    const run = this.engine.findRun(workflowId, runId);
    return run && summarizeRun(run);
  }

  /** The raw requests and answers of a workflow id, when `recordExchanges` is on (else empty). */
  exchangesOf(workflowId: string): readonly RecordedExchange[] {
    return this.exchanges?.of(workflowId) ?? [];
  }

  /** The history of a run (the current run by default); empty when unknown. */
  history(workflowId: string, runId?: string): HistoryEvent[] {
    return [...(this.engine.findRun(workflowId, runId)?.history.events ?? [])];
  }

  /** The history as a readable timeline, for a failing test's output. */
  formatHistory(workflowId: string, runId?: string): string {
    const run = this.engine.findRun(workflowId, runId);
    if (!run) return `no workflow ${workflowId}${runId ? ` run ${runId}` : ''}`;
    return formatHistory(
      run.history.events,
      `workflow ${workflowId} run ${run.runId} (${run.workflowType}): ${run.status}`,
    );
  }

  /** Cancels all timers and ends pending long polls (they answer 420); idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retentionSweeper) realClearInterval(this.retentionSweeper);
    this.engine.endAllLongPolls();
    const clock = this.clock as Partial<{ clearAll(): void }>;
    clock.clearAll?.();
  }

  private controllableClock(operation: string): ControllableClock {
    if (!isControllableClock(this.clock))
      throw new Error(`${operation} needs the virtual clock; this simulator runs on the wall clock`);
    return this.clock;
  }

  private async fireUntil(clock: ControllableClock, target: number): Promise<void> {
    for (;;) {
      await this.inFlightWork.waitForIdle(this.graceMs);
      const due = clock.nextDueTime();
      if (due === undefined || due > target || this.closed) break;
      // Timers due at the very instant the test acts next: the seed may let its request go first.
      if (due === target && this.choices?.pick('timers due when the test acts next fire after it', 2)) break;
      // Timers of different runs due at the same instant are independent: fire them together.
      clock.fireNextBatch();
    }
    clock.moveTo(target);
  }

  // While a client waits inside handle() and the engine is idle, jump to the next timer.
  // A skipping clock jumps only when truly idle (a virtual one moves past a hung call after the grace
  // period, its time would stand still otherwise), and never to a passive long-poll cap.
  private async runAutoAdvance(skipping: boolean): Promise<void> {
    const clock = this.clock as ControllableClock;
    this.autoAdvancing = true;
    try {
      while (this.waitingClients > 0 && !this.closed) {
        if (this.manualAdvance) {
          await this.manualAdvance.catch(() => {});
          continue;
        }
        const outcome = await this.inFlightWork.waitForIdle(this.graceMs);
        if (this.waitingClients === 0 || this.closed || this.manualAdvance) continue;
        if (skipping && outcome === 'blocked') continue;
        const fired = skipping ? await this.skip(clock as SkippingClock) : clock.fireNextBatch();
        // Nothing scheduled: wait a little real time for new work (a client's signal, a late worker).
        if (fired === 0) await new Promise<void>((resolve) => realSetTimeout(resolve, 5));
      }
    } finally {
      this.autoAdvancing = false;
    }
  }

  // A skip, once decided, goes to the next active timer even when the long polls it passed were
  // the only clients waiting: a client that polls again then polls once per workflow event, not
  // once per maxWaitSeconds. Work that starts while those polls answer cancels it.
  private async skip(clock: SkippingClock): Promise<number> {
    if (clock.nextSkipTarget() === undefined) return 0;
    if (clock.firePassiveTimersBeforeNextActive() > 0) {
      await new Promise<void>((resolve) => realSetImmediate(resolve));
      if (this.inFlightWork.callsInFlight > 0 || this.closed || this.manualAdvance) return 1;
    }
    return clock.skipToNextActiveTimer();
  }
}
