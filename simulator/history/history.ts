/**
 * What happened in one workflow run, in order, on the simulator's clock: the material of a readable
 * timeline when a test fails.
 *
 * @example
 * const events = simulator.history('order-1');
 * events.filter((e) => e.type === 'TimerFired');
 */

/** The kinds of entries a run's history holds. */
export type HistoryEventType =
  | 'WorkflowStarted'
  | 'WorkflowStartDelayed'
  | 'StateExecutionStarted'
  | 'StateExecutionFinished'
  | 'WaitUntilAttempt'
  | 'ExecuteAttempt'
  | 'StateApiRetryScheduled'
  | 'StateApiFailed'
  | 'CommandsRequested'
  | 'CommandCompleted'
  | 'CommandsCompleted'
  | 'TimerSkipped'
  | 'SignalReceived'
  | 'InternalChannelPublished'
  | 'DataAttributesUpserted'
  | 'SearchAttributesUpserted'
  | 'LockWaiting'
  | 'RpcCalled'
  | 'RpcRefused'
  | 'Decision'
  | 'ConfigUpdated'
  | 'ContinueAsNewRequested'
  | 'ContinuedAsNew'
  | 'WorkflowReset'
  | 'Diagnostic'
  | 'WorkflowClosed';

/**
 * One entry: `at` is virtual (or wall) epoch ms; `executionId` names the state execution involved.
 *
 * @example
 * const event: HistoryEvent = { at: 0, type: 'SignalReceived', attrs: { channel: 'approve' } };
 */
export interface HistoryEvent {
  at: number;
  type: HistoryEventType;
  executionId?: string;
  attrs?: Record<string, unknown>;
}

/**
 * The run a history belongs to, as an observer sees it.
 *
 * @example
 * const source: HistorySource = { workflowId: 'ada', runId: 'r1', workflowType: 'UserSignupWorkflow' };
 */
export interface HistorySource {
  readonly workflowId: string;
  readonly runId: string;
  readonly workflowType: string;
}

/**
 * Sees every event of every run as it is recorded (the live log, the timeline page's updates).
 * It gets the event object the log will hand out again: it must not change it.
 *
 * @example
 * const observer: HistoryObserver = (run, event) => console.log(run.workflowId, event.type);
 */
export type HistoryObserver = (source: HistorySource, event: HistoryEvent) => void;

/**
 * Append-only log of one run; disabled logs record nothing (for benchmarks).
 *
 * A log lives as long as its run and grows with every step, so it is stored column by column (times
 * as unboxed doubles, no object per event) and small attribute objects of primitive values are
 * shared between equal events: a recorded execution keeps ~250 bytes instead of ~800, which matters
 * when thousands of workflows run in one test process (benchmark `signup-concurrent/history`).
 *
 * @example
 * const log = new HistoryLog(() => clock.now(), true);
 * log.add('SignalReceived', undefined, { channel: 'approve' });
 */
export class HistoryLog {
  /** The log of every run that records no history: it records nothing. */
  static readonly DISABLED = new HistoryLog(() => 0, false);

  private readonly times: number[] = [];
  private readonly types: HistoryEventType[] = [];
  private readonly executionIds: (string | undefined)[] = [];
  private readonly attributes: (Readonly<Record<string, unknown>> | undefined)[] = [];

  constructor(
    private readonly now: () => number,
    readonly enabled: boolean,
    private readonly observed?: { source: HistorySource; observer: HistoryObserver },
  ) {}

  /** Number of events recorded. */
  get size(): number {
    return this.times.length;
  }

  /** The events in order, as new objects on every call (changing them changes nothing here). */
  get events(): HistoryEvent[] {
    const events: HistoryEvent[] = new Array(this.times.length);
    for (let i = 0; i < events.length; i++) {
      const event: HistoryEvent = { at: this.times[i]!, type: this.types[i]! };
      const executionId = this.executionIds[i];
      if (executionId !== undefined) event.executionId = executionId;
      const attrs = this.attributes[i];
      if (attrs !== undefined) event.attrs = { ...attrs };
      events[i] = event;
    }
    return events;
  }

  add(type: HistoryEventType, executionId?: string, attrs?: Record<string, unknown>): void {
    if (!this.enabled) return;
    const at = this.now();
    const stored = attrs === undefined ? undefined : shared(attrs);
    this.times.push(at);
    this.types.push(type);
    this.executionIds.push(executionId);
    this.attributes.push(stored);
    // One place every event passes: the live log and the page see exactly what the history keeps.
    if (this.observed) {
      const event: HistoryEvent = { at, type };
      if (executionId !== undefined) event.executionId = executionId;
      if (stored !== undefined) event.attrs = stored as Record<string, unknown>;
      this.observed.observer(this.observed.source, event);
    }
  }
}

// Attribute objects made once and shared by construction (the engine's constants for its most
// frequent events): stored without building a key.
const PRESHARED = new WeakSet<object>();

/**
 * Marks an attribute object as one the engine shares between events (never changed after): the
 * log stores it as it is, with no lookup.
 *
 * @example
 * const FIRST_ATTEMPT_OK = sharedAttributes({ attempt: 1, outcome: 'ok' });
 */
export function sharedAttributes<T extends object>(attrs: T): T {
  PRESHARED.add(attrs);
  return attrs;
}

/** Most distinct attribute objects kept for sharing; later ones are stored as given. */
const MAX_SHARED = 10_000;
const sharedByKey = new Map<string, Readonly<Record<string, unknown>>>();

// The one stored copy of small attributes made of primitives (`{ attempt: 1, outcome: 'ok' }` recurs
// in every step); anything else (arrays, objects, many keys) is stored as given.
function shared(attrs: Record<string, unknown>): Readonly<Record<string, unknown>> {
  if (PRESHARED.has(attrs)) return attrs;
  let key = '';
  let keys = 0;
  for (const name in attrs) {
    const value = attrs[name];
    const type = typeof value;
    if (type === 'object' || type === 'function' || ++keys > 4) return attrs;
    const text = type === 'undefined' ? '' : String(value);
    // Length-prefixed, so no value can be mistaken for another whatever characters it holds.
    key += `${name}\u0000${type[0]}${text.length}:${text}`;
  }
  const known = sharedByKey.get(key);
  if (known) return known;
  if (sharedByKey.size >= MAX_SHARED) return attrs;
  // A copy: the caller's object stays the caller's.
  const copy = { ...attrs };
  sharedByKey.set(key, copy);
  return copy;
}
