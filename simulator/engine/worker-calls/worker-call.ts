import type { Clock, TimerHandle } from '../../clock/clock.ts';
import type { WorkerReply, WorkerTransport } from '../../contracts.ts';
import { readGoJson } from '../../schema/go-json-text.ts';
import type { InFlightWork } from '../runs/in-flight-work.ts';

/**
 * How a worker call ended: an answer, a transport error (no answer), or our own deadline.
 *
 * @example
 * if (outcome.kind === 'reply' && outcome.reply.status === 200) { ... }
 */
export type CallOutcome =
  | { kind: 'reply'; reply: WorkerReply }
  | { kind: 'transportError'; message: string }
  | { kind: 'timeout' };

/**
 * Calls a worker endpoint with a deadline on the simulator's clock, counting the call as in flight
 * so time never jumps while a worker is working. A late answer after the deadline is dropped.
 *
 * @example
 * const outcome = await callWorker(clock, inFlightWork, transport, url, '/api/v1/workflowState/start', body, 30_000);
 */
export function callWorker(
  clock: Clock,
  inFlightWork: InFlightWork,
  transport: WorkerTransport,
  workerUrl: string,
  path: string,
  body: object,
  timeoutMs: number,
): Promise<CallOutcome> {
  // Go's HTTP client on a start without iwfWorkerUrl (docs/semantics/faults.md#a7): no call is made.
  if (workerUrl === '')
    return Promise.resolve({
      kind: 'transportError',
      message: `Post "${path}": unsupported protocol scheme ""`,
    });
  inFlightWork.begin();
  const call = new PendingCall(clock, inFlightWork);
  const promise = new Promise<CallOutcome>((resolve) => {
    call.resolve = resolve;
  });
  call.timer = clock.setTimer(timeOut, timeoutMs, undefined, call);
  let pending: Promise<WorkerReply>;
  try {
    pending = transport.call(workerUrl, path, body, { timeoutMs });
  } catch (error) {
    pending = Promise.reject(error);
  }
  // Anonymous callbacks on purpose: named function values (class-field arrows) get a
  // defineProperty('name') per instance from tsx/esbuild's keepNames, measured at ~5 % of the time.
  pending.then(
    (reply) => call.finish({ kind: 'reply', reply }),
    (error: unknown) => call.finish({ kind: 'transportError', message: errorText(error) }),
  );
  return promise;
}

function timeOut(call: PendingCall): void {
  call.timer = undefined;
  call.finish(TIMEOUT);
}

// One object per call, holding nothing of the request.
class PendingCall {
  settled = false;
  timer: TimerHandle | undefined = undefined;
  resolve: ((outcome: CallOutcome) => void) | undefined = undefined;

  constructor(
    readonly clock: Clock,
    readonly inFlightWork: InFlightWork,
  ) {}

  finish(outcome: CallOutcome): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.inFlightWork.end();
    const resolve = this.resolve!;
    this.resolve = undefined;
    resolve(outcome);
  }
}

const TIMEOUT: CallOutcome = { kind: 'timeout' };

/**
 * The text of a thrown value.
 *
 * @example
 * errorText(new Error('ECONNREFUSED')); // 'ECONNREFUSED'
 */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The raw text of a worker answer (only computed on failure paths: in-process answers come parsed).
 *
 * @example
 * replyText({ status: 500, json: { detail: 'boom' } }); // '{"detail":"boom"}'
 */
export function replyText(reply: WorkerReply): string {
  if (reply.text !== undefined) return reply.text;
  if (reply.json === undefined) return '';
  return JSON.stringify(reply.json);
}

/**
 * Parses a worker answer's body: `json` as given, else `text` (JSON only when its content type says
 * so, as Go's client decides). `empty` means a zero-length body.
 *
 * @example
 * parseReplyBody({ status: 200, text: '{"a":1}', contentType: 'application/json' }); // { ok: true, value: { a: 1 } }
 */
export function parseReplyBody(
  reply: WorkerReply,
): { ok: true; value: unknown; empty: boolean } | { ok: false; message: string } {
  if (reply.json !== undefined) return { ok: true, value: reply.json, empty: reply.json === null };
  if (reply.truncated) return { ok: false, message: 'unexpected EOF' };
  const text = reply.text ?? '';
  if (text.length === 0) return { ok: true, value: undefined, empty: true };
  if (reply.contentType !== undefined && !/json/i.test(reply.contentType))
    return { ok: false, message: 'undefined response type' };
  // Go's Unmarshal: its syntax texts, its depth limit, whole floats kept apart for integer fields.
  const read = readGoJson(text, 'whole');
  if (read.problem !== undefined) return { ok: false, message: read.problem };
  return { ok: true, value: read.value, empty: false };
}
