import type { WorkerReply } from '../../contracts.ts';
import type { ChosenFault, InjectedFaults, WorkerCallApi } from '../choices/injected-faults.ts';
import type { SeededChoices } from '../choices/seeded-choices.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';

type ClientWaits = InjectedFaults['clientWaits'];

import { type CallOutcome, callWorker } from './worker-call.ts';

/**
 * Calls a run's worker, unless a test injected a fault for this call: then the call fails as that
 * fault looks on the wire, and the run's history records it as injected. Without faults this is
 * `callWorker` after one property read.
 *
 * @example
 * const outcome = await callRunWorker(run, 'waitUntil', 'S1', 'S1-1', WorkerPaths.waitUntil, body, 30_000);
 */
export function callRunWorker(
  run: WorkflowRun,
  api: WorkerCallApi,
  name: string,
  executionId: string | undefined,
  path: string,
  body: object,
  timeoutMs: number,
): Promise<CallOutcome> {
  const { runtime } = run;
  const { faults, choices } = runtime;
  let fault =
    faults?.active === true
      ? faults.take({ workflowId: run.workflowId, api, name }, runtime.clock.now())
      : undefined;
  if (fault === undefined && choices !== undefined) fault = exploredFault(choices, run, api, name);
  if (fault === undefined) {
    const outcome = callRunsWorker(run, path, body, timeoutMs);
    return choices === undefined ? outcome : inSeedOrder(run, choices, api, name, outcome);
  }
  run.history.add('FaultInjected', executionId, {
    api,
    ...(api === 'rpc' ? { rpcName: name } : {}),
    kind: fault.kind,
    reason: fault.reason,
    ...(fault.delayMs === undefined ? {} : { delayMs: fault.delayMs }),
  });
  return faultyCall(run, faults?.clientWaits, api, fault, path, body, timeoutMs);
}

// The plain call to the run's worker, with the run's clock, in-flight count and transport.
function callRunsWorker(
  run: WorkflowRun,
  path: string,
  body: object,
  timeoutMs: number,
): Promise<CallOutcome> {
  const { runtime } = run;
  return callWorker(
    runtime.clock,
    runtime.inFlightWork,
    runtime.transport,
    run.workerUrl,
    path,
    body,
    timeoutMs,
  );
}

function exploredFault(
  choices: SeededChoices,
  run: WorkflowRun,
  api: WorkerCallApi,
  name: string,
): ChosenFault | undefined {
  const kind = choices.takeFault(`${api} ${name} of ${run.workflowId}`);
  if (kind === undefined) return undefined;
  return { kind, reason: 'explored', delayMs: kind === 'slow' ? EXPLORED_SLOW_MS : undefined };
}

const EXPLORED_SLOW_MS = 1_000;
const realSetImmediate = globalThis.setImmediate;

// Calls answered in the same instant complete in an order the seed picks: the answer waits 0 to 2
// turns of the event loop, still counted as work in flight so time does not move meanwhile.
async function inSeedOrder(
  run: WorkflowRun,
  choices: SeededChoices,
  api: WorkerCallApi,
  name: string,
  pending: Promise<CallOutcome>,
): Promise<CallOutcome> {
  const outcome = await pending;
  const turns = choices.pick(`${api} ${name} of ${run.workflowId}: answer held back turns`, 3);
  if (turns === 0) return outcome;
  const { inFlightWork } = run.runtime;
  inFlightWork.begin();
  for (let turn = 0; turn < turns; turn++) await new Promise<void>((resolve) => realSetImmediate(resolve));
  inFlightWork.end();
  return outcome;
}

async function faultyCall(
  run: WorkflowRun,
  clientWaits: ClientWaits | undefined,
  api: WorkerCallApi,
  fault: ChosenFault,
  path: string,
  body: object,
  timeoutMs: number,
): Promise<CallOutcome> {
  const { runtime } = run;
  switch (fault.kind) {
    case 'http500':
      return { kind: 'reply', reply: http500(api, fault.body) };
    case 'connectionRefused':
      return { kind: 'transportError', message: refusedText(run.workerUrl, path) };
    case 'garbage':
      return { kind: 'reply', reply: answer200('<html><body>502 Bad Gateway</body></html>') };
    case 'wrongShape':
      return { kind: 'reply', reply: answer200(WRONG_SHAPES[api]) };
    case 'timeout':
      await waitOnClock(run, clientWaits, api, timeoutMs);
      return { kind: 'timeout' };
    case 'slow': {
      const calledAt = runtime.clock.now();
      const outcome = await callRunsWorker(run, path, body, timeoutMs);
      if (outcome.kind === 'timeout') return outcome;
      const left = timeoutMs - (runtime.clock.now() - calledAt);
      const delayMs = fault.delayMs ?? 0;
      // The answer would arrive after the deadline: the server has given up on it by then.
      await waitOnClock(run, clientWaits, api, Math.min(delayMs, left));
      return delayMs >= left ? { kind: 'timeout' } : outcome;
    }
  }
}

// A wait on the simulator's clock that is not work in flight, so time can move past it. An RPC's
// client is waiting inside its request meanwhile, like a long poll.
async function waitOnClock(
  run: WorkflowRun,
  clientWaits: ClientWaits | undefined,
  api: WorkerCallApi,
  ms: number,
): Promise<void> {
  const hooks = api === 'rpc' ? clientWaits : undefined;
  hooks?.waitStarted();
  try {
    await new Promise<void>((resolve) => run.runtime.clock.setTimer(resolve, Math.max(0, ms)));
  } finally {
    hooks?.waitEnded();
  }
}

function http500(api: WorkerCallApi, body: string | undefined): WorkerReply {
  const text =
    body ??
    JSON.stringify({ detail: `injected fault: the ${api} handler failed`, errorType: 'InjectedFault' });
  return {
    status: 500,
    text,
    contentType: looksLikeJson(text) ? 'application/json' : 'text/plain; charset=utf-8',
    statusText: 'Internal Server Error',
  };
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function answer200(text: string): WorkerReply {
  return { status: 200, text, contentType: 'application/json', statusText: 'OK' };
}

// JSON the API's schema refuses: a field of the wrong type.
const WRONG_SHAPES: Record<WorkerCallApi, string> = {
  waitUntil: '{"commandRequest":"all"}',
  execute: '{"stateDecision":"next"}',
  rpc: '{"output":"not-an-object"}',
};

// The text Go's HTTP client gives when nothing listens at the worker's address.
function refusedText(workerUrl: string, path: string): string {
  const url = workerUrl.replace(/\/+$/, '') + path;
  let host = '';
  try {
    const parsed = new URL(url);
    host = `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return `Post "${url}": unsupported protocol scheme ""`;
  }
  return `Post "${url}": dial tcp ${host}: connect: connection refused`;
}
