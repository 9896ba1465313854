import { describeEvent } from './describe-event.ts';
import type { HistoryEvent, HistoryObserver, HistorySource } from './history.ts';

/**
 * `text`: one readable line per event; `json`: one JSON object per line.
 *
 * @example
 * const format: LiveLogFormat = quiet ? undefined : 'json';
 */
export type LiveLogFormat = 'text' | 'json';

/**
 * A history observer that writes one line per workflow event, as it happens: the simulator's
 * clock, the workflow id, the state execution and what happened.
 *
 * Not fastify's pino: these lines are not about requests, their time is the simulator's clock (not
 * the machine's), and a person reads them; pino's lines would add level, pid and hostname to each,
 * and text output would need pino-pretty. The JSON form is one object per event, like pino's.
 *
 * @example
 * const simulator = new Simulator({ workerTransport, historyObserver: liveLog('text') });
 * // 2025-01-01T00:00:10.000Z  alice  VerifyState-1  timer fired
 */
export function liveLog(
  format: LiveLogFormat,
  write: (line: string) => void = stdoutLines(),
): HistoryObserver {
  return format === 'json'
    ? (source, event) => write(JSON.stringify(jsonLine(source, event)))
    : (source, event) => write(textLine(source, event));
}

/**
 * The readable line of one event.
 *
 * @example
 * textLine({ workflowId: 'alice', runId: 'r', workflowType: 'T' }, { at: 0, type: 'SignalReceived', attrs: { channel: 'go' } });
 * // '1970-01-01T00:00:00.000Z  alice  signal go received'
 */
export function textLine(source: HistorySource, event: HistoryEvent): string {
  const where = event.executionId === undefined ? '' : `  ${event.executionId}`;
  return `${new Date(event.at).toISOString()}  ${source.workflowId}${where}  ${describeEvent(event)}`;
}

/**
 * The JSON object of one event: the history event's fields, its workflow and its sentence.
 *
 * @example
 * JSON.stringify(jsonLine(run, event)); // {"time":"…","workflowId":"alice","event":"TimerFired",…}
 */
export function jsonLine(source: HistorySource, event: HistoryEvent): Record<string, unknown> {
  return {
    time: new Date(event.at).toISOString(),
    workflowId: source.workflowId,
    runId: source.runId,
    workflowType: source.workflowType,
    event: event.type,
    executionId: event.executionId,
    attrs: event.attrs,
    message: describeEvent(event),
  };
}

/**
 * Writes lines to stdout in batches (one write per turn of the event loop): a thousand workflows
 * log tens of thousands of lines, and one write each would cost more than the workflows.
 *
 * @example
 * const write = stdoutLines();
 * write('hello');
 */
export function stdoutLines(
  stream: { write(text: string): unknown } = process.stdout,
): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    const lines = pending;
    pending = [];
    stream.write(`${lines.join('\n')}\n`);
  };
  return (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(line);
  };
}
