import { STATUS_CODES } from 'node:http';
import type { WorkflowStateDecideResponse, WorkflowStateStartResponse } from '../../../sdk/wire/types.ts';
import { decodeLikeGo } from '../../schema/go-decode.ts';
import { ExecuteResponseSchema, WaitUntilResponseSchema } from '../../schema/wire-schemas.ts';
import { triggerTypeOf } from '../commands/triggers.ts';
import { type CallOutcome, parseReplyBody, replyText } from './worker-call.ts';

/** Which state API a call is for, with the Temporal activity name the server reports. */
export type StateApi = 'waitUntil' | 'execute';

/**
 * A checked state API answer, or the failure text the real server stores (docs/semantics/faults.md#table-b,
 * docs/semantics/worker-failures.md#failures-5). `timeout` marks deadline failures, whose text depends on why retries stopped.
 *
 * @example
 * const checked = checkStateApiOutcome('waitUntil', outcome);
 * if (!checked.ok) console.log(checked.message);
 */
export type CheckedStateApi<T> = { ok: true; response: T } | { ok: false; message: string; timeout: boolean };

const EMPTY_DECISION =
  "empty state decision is no longer supported. If it's from old SDKs then upgrade the SDK to newer versions";

/**
 * Turns a worker call outcome into a response or the server's failure message.
 *
 * @example
 * checkStateApiOutcome('execute', { kind: 'reply', reply: { status: 200, json: {} } });
 * // { ok: false, message: 'err msg: empty state decision is no longer supported. …, response: {}', timeout: false }
 */
export function checkStateApiOutcome(
  api: 'waitUntil',
  outcome: CallOutcome,
): CheckedStateApi<WorkflowStateStartResponse>;
export function checkStateApiOutcome(
  api: 'execute',
  outcome: CallOutcome,
): CheckedStateApi<WorkflowStateDecideResponse>;
export function checkStateApiOutcome(
  api: StateApi,
  outcome: CallOutcome,
): CheckedStateApi<WorkflowStateStartResponse | WorkflowStateDecideResponse> {
  if (outcome.kind === 'timeout')
    return { ok: false, message: timeoutMessage(api, 'attempt'), timeout: true };
  if (outcome.kind === 'transportError') return httpFailure(0, undefined, outcome.message);
  const reply = outcome.reply;
  if (reply.status !== 200)
    return httpFailure(
      reply.status,
      replyText(reply),
      statusErrorText(reply.status, reply.statusText, reply.json ?? reply.text),
    );
  const parsed = parseReplyBody(reply);
  if (!parsed.ok) return httpFailure(200, replyText(reply), parsed.message);
  if (parsed.empty) {
    // The real server treats an empty waitUntil body as "no commands" but crashes on an empty execute body.
    if (api === 'waitUntil') return { ok: true, response: {} };
    return {
      ok: false,
      message: activityError(api, 'runtime error: invalid memory address or nil pointer dereference', true),
      timeout: false,
    };
  }
  const decoded = decodeLikeGo(
    parsed.value,
    api === 'waitUntil' ? WaitUntilResponseSchema : ExecuteResponseSchema,
  );
  if (decoded.problem !== undefined) return httpFailure(200, replyText(reply), decoded.problem);
  if (api === 'waitUntil') {
    const response = decoded.value as WorkflowStateStartResponse;
    const reason = commandRequestProblem(response);
    if (reason) return validationFailure(reason, response);
    return { ok: true, response };
  }
  const response = decoded.value as WorkflowStateDecideResponse;
  if (!response.stateDecision?.nextStates?.length) return validationFailure(EMPTY_DECISION, response);
  return { ok: true, response };
}

/**
 * The text of an answer Temporal refuses as over the blob limit (docs/semantics/faults.md#b23).
 *
 * @example
 * oversizedAnswerMessage('waitUntil'); // 'activity error (type: StateApiWaitUntil, …): Complete result exceeds size limit.'
 */
export function oversizedAnswerMessage(api: StateApi): string {
  return activityError(api, 'Complete result exceeds size limit.', true);
}

/**
 * The text of a deadline failure; `scheduleToClose` when retries stopped at maximumAttemptsDurationSeconds.
 *
 * @example
 * timeoutMessage('execute', 'attempt'); // 'activity error (type: StateApiExecute, …): activity StartToClose timeout …'
 *
 * `attempt`: one attempt timed out (the text of a call that is not retried, measured with
 * maximumAttempts 1); `lastOfRetries`: the last of two or more attempts timed out (Temporal wraps the
 * last failure in its own, so the cause is said twice); `noTimeForRetry`: the next retry would end
 * after the retry policy's time budget.
 */
export function timeoutMessage(api: StateApi, end: 'attempt' | 'lastOfRetries' | 'noTimeForRetry'): string {
  const startToClose = 'activity StartToClose timeout (type: StartToClose)';
  const cause =
    end === 'noTimeForRetry'
      ? `Not enough time to schedule next retry before activity ScheduleToClose timeout, giving up retrying (type: ScheduleToClose): ${startToClose}`
      : end === 'lastOfRetries'
        ? `${startToClose}: ${startToClose}`
        : startToClose;
  return activityError(api, cause, false);
}

// Event ids are those of the plain single-state flow on the real server (docs/semantics/faults.md#table-b); identity is ours.
function activityError(api: StateApi, cause: string, withIdentity: boolean): string {
  const [type, scheduled, started] =
    api === 'waitUntil' ? ['StateApiWaitUntil', 8, 9] : ['StateApiExecute', 14, 15];
  const identity = withIdentity ? 'iwf-simulator@' : '';
  return `activity error (type: ${type}, scheduledEventID: ${scheduled}, startedEventID: ${started}, identity: ${identity}): ${cause}`;
}

function httpFailure(
  status: number,
  body: string | undefined,
  errMsg: string,
): { ok: false; message: string; timeout: false } {
  const responseBody = body === undefined ? 'None' : cut(body, 500);
  return {
    ok: false,
    message: `statusCode: ${status}, responseBody: ${responseBody}, errMsg: ${cut(errMsg, 50)}`,
    timeout: false,
  };
}

function validationFailure(
  reason: string,
  response: unknown,
): { ok: false; message: string; timeout: false } {
  return { ok: false, message: `err msg: ${reason}, response: ${JSON.stringify(response)}`, timeout: false };
}

// Go's generated client: the status line as the worker sent it ("<code> <reason phrase>", Flask
// sends `500 INTERNAL SERVER ERROR`, Tomcat `501 ` with no phrase), and for 400 the detail pointer
// printed with %s. A reply that never crossed HTTP (in-process) gets the standard phrase, as a
// typical worker framework would send.
function statusErrorText(status: number, reason: string | undefined, body: unknown): string {
  const text =
    reason === undefined ? `${status} ${STATUS_CODES[status] ?? ''}`.trimEnd() : `${status} ${reason}`;
  if (status !== 400) return text;
  const detail =
    typeof body === 'object' && body !== null ? (body as { detail?: unknown }).detail : undefined;
  // Go prints the detail's pointer with %s: a heap address (it varies on a real server; here one
  // derived from the detail, so runs stay deterministic), or <nil> when the body has none.
  return `${text}  (%!s(*string=${typeof detail === 'string' ? heapAddressOf(detail) : '<nil>'}))`;
}

// A Go heap address (0xc000…), the same for the same text.
function heapAddressOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `0xc000${(hash & 0xffffff).toString(16).padStart(6, '0')}`;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

function commandRequestProblem(response: WorkflowStateStartResponse): string | undefined {
  const request = response.commandRequest;
  if (!request) return undefined;
  const ids: string[] = [];
  for (const c of request.timerCommands ?? []) ids.push(c.commandId ?? '');
  for (const c of request.signalCommands ?? []) ids.push(c.commandId ?? '');
  for (const c of request.interStateChannelCommands ?? []) ids.push(c.commandId ?? '');
  if (ids.length === 0) return undefined;
  const trigger = triggerTypeOf(request);
  if (!trigger) return `unsupported decider trigger type ${request.deciderTriggerType ?? ''}`;
  if (trigger !== 'ANY_COMMAND_COMBINATION_COMPLETED') return undefined;
  if (!request.commandCombinations?.length || ids.some((id) => id === ''))
    return 'ANY_COMMAND_COMBINATION_COMPLETED can only be used when every command has an commandId, and the combination list cannot be empty';
  const known = new Set(ids);
  for (const combination of request.commandCombinations)
    for (const id of combination.commandIds ?? [])
      if (!known.has(id))
        return `ANY_COMMAND_COMBINATION_COMPLETED can only be used with command ids that is found in TimerCommands, SignalCommands or InternalChannelCommand, not found: ${id}`;
  return undefined;
}
