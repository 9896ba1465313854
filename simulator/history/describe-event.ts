import { SystemStateIds } from '../../sdk/wire/paths.ts';
import type { HistoryEvent } from './history.ts';

type Attrs = Record<string, unknown>;

/** The state ids iWF reserves for closing decisions, as a reader would say them. */
const CLOSING_STATES: Record<string, string> = {
  [SystemStateIds.gracefulComplete]: 'complete the workflow',
  [SystemStateIds.forceComplete]: 'force-complete the workflow',
  [SystemStateIds.forceFail]: 'fail the workflow',
  [SystemStateIds.deadEnd]: 'end this thread (dead end)',
};

const DESCRIBERS: Partial<Record<HistoryEvent['type'], (a: Attrs, at: number) => string>> = {
  WorkflowStarted: (a) =>
    a.workflowType
      ? `started ${a.workflowType} at ${a.startStateId ?? '(no starting state)'}` +
        (a.timeoutSeconds ? `, timeout ${a.timeoutSeconds} s` : '')
      : "started (one of the server's own helper workflows)",
  WorkflowStartDelayed: (a) => `start delayed by ${a.seconds} s`,
  StateExecutionStarted: (a) => `state ${a.stateId} started`,
  WaitUntilAttempt: (a) => attempt('waitUntil', a),
  ExecuteAttempt: (a) => attempt('execute', a),
  StateApiRetryScheduled: (a, at) =>
    `${a.api} retry: attempt ${a.nextAttempt} at ${iso(at + Number(a.delayMs))} (in ${seconds(a.delayMs)})`,
  StateApiFailed: (a) => `${a.api} gave up: ${a.error}`,
  CommandsRequested: (a) => `waiting for ${commandCounts(a)}`,
  CommandCompleted: (a) => commandCompleted(a),
  CommandsCompleted: (a) => `commands completed (${a.trigger ?? 'trigger met'}): execute is next`,
  TimerSkipped: (a) => `timer ${a.commandId ? `${a.commandId} ` : ''}skipped`,
  SignalReceived: (a) => `signal ${a.channel} received`,
  InternalChannelPublished: (a) => `internal channel ${a.channel}: message published`,
  DataAttributesUpserted: (a) => `data attributes set: ${list(a.keys)}`,
  SearchAttributesUpserted: (a) => `search attributes set: ${list(a.keys)}`,
  LockWaiting: (a) => `${a.api === 'rpc' ? 'RPC' : a.api} waits for the lock on ${lockedKeys(a.keys)}`,
  RpcCalled: (a) =>
    a.status === 200
      ? `RPC ${a.rpcName} answered in ${a.tookMs ?? 0} ms${a.locking ? ' (under lock)' : ''}`
      : `RPC ${a.rpcName} failed with ${a.status} after ${a.tookMs ?? 0} ms: ${text(a.error)}`,
  RpcRefused: (a) =>
    `RPC ${a.rpcName} refused with ${a.status}: ${lockedKeys(a.keys)} locked by other operations`,
  Decision: (a) => `decided: ${decision(a)}`,
  StateExecutionFinished: (a) => (a.proceedTo ? `state failed, proceeding to ${a.proceedTo}` : 'state done'),
  ConfigUpdated: (a) => `config updated: ${text(a.config)}`,
  ContinueAsNewRequested: () => 'continue-as-new requested',
  ContinuedAsNew: (a) => `continued as new: run ${a.runId} (from ${a.previousRunId})`,
  WorkflowReset: (a) => `reset: ${text(a)}`,
  Diagnostic: (a) => `problem: ${a.problem}`,
  WorkflowClosed: (a) => closed(a),
};

/**
 * One event as a short sentence, without the time, workflow or state execution (the caller puts
 * those in front).
 *
 * @example
 * describeEvent({ at: 0, type: 'SignalReceived', attrs: { channel: 'approve' } }); // 'signal approve received'
 */
export function describeEvent(event: HistoryEvent): string {
  const describe = DESCRIBERS[event.type];
  return describe ? describe(event.attrs ?? {}, event.at) : `${event.type} ${text(event.attrs ?? {})}`;
}

function attempt(api: string, a: Attrs): string {
  const nth = a.attempt === 1 || a.attempt === undefined ? '' : ` (attempt ${a.attempt})`;
  const took = `${a.tookMs ?? 0} ms`;
  return a.outcome === 'failed'
    ? `${api} failed after ${took}${nth}: ${a.error}`
    : `${api} called and answered in ${took}${nth}`;
}

function commandCounts(a: Attrs): string {
  const parts: string[] = [];
  if (a.timers) parts.push(plural(Number(a.timers), 'timer'));
  if (a.signals) parts.push(plural(Number(a.signals), 'signal'));
  if (a.internalChannels) parts.push(plural(Number(a.internalChannels), 'internal channel'));
  return parts.length > 0 ? parts.join(', ') : 'nothing (execute is next)';
}

function commandCompleted(a: Attrs): string {
  const id = a.commandId ? ` ${a.commandId}` : '';
  if (a.kind === 'timer') return `timer${id} fired`;
  if (a.kind === 'signal') return `signal ${a.channel} received by the waiting state`;
  return `internal channel ${a.channel} message received by the waiting state`;
}

function decision(a: Attrs): string {
  const next = Array.isArray(a.nextStates) ? (a.nextStates as string[]) : [];
  const said = next.map((id) => CLOSING_STATES[id] ?? `go to ${id}`);
  if (a.conditionalClose) said.unshift(`${a.conditionalClose}`);
  return said.length > 0 ? said.join(', ') : 'nothing next (this thread ends)';
}

function closed(a: Attrs): string {
  const parts = [`${a.status}`];
  if (a.errorType) parts.push(`${a.errorType}${a.errorMessage ? `: ${a.errorMessage}` : ''}`);
  const outputs = Array.isArray(a.outputs) ? (a.outputs as Attrs[]) : [];
  const values = outputs.map((o) => (o.completedStateOutput as Attrs | undefined)?.data ?? 'null');
  if (values.length > 0) parts.push(`output ${values.join(', ')}`);
  return parts.join(' ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Lock keys as the engine writes them (`d:` data, `s:` search attributes) in words. */
function lockedKeys(value: unknown): string {
  if (!Array.isArray(value)) return text(value);
  return value
    .map((key: string) => (key.startsWith('s:') ? `search attribute ${key.slice(2)}` : key.slice(2)))
    .join(', ');
}

function list(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : text(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function seconds(ms: unknown): string {
  return `${Number(ms) / 1000} s`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
