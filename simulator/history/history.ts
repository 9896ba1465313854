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
 * Append-only log of one run; disabled logs record nothing (for benchmarks).
 *
 * @example
 * const log = new HistoryLog(() => clock.now(), true);
 * log.add('SignalReceived', undefined, { channel: 'approve' });
 */
export class HistoryLog {
  readonly events: HistoryEvent[] = [];

  constructor(
    private readonly now: () => number,
    readonly enabled: boolean,
  ) {}

  add(type: HistoryEventType, executionId?: string, attrs?: Record<string, unknown>): void {
    if (!this.enabled) return;
    const event: HistoryEvent = { at: this.now(), type };
    if (executionId !== undefined) event.executionId = executionId;
    if (attrs !== undefined) event.attrs = attrs;
    this.events.push(event);
  }
}
