/**
 * Worker faults a test asks for: the next N calls matching a workflow, state or RPC and API fail
 * the way a real worker failure looks on the wire, or the whole worker is down for a span of time.
 * See docs/fault-injection.md.
 */

/** The worker API a call is for. */
export type WorkerCallApi = 'waitUntil' | 'execute' | 'rpc';

/**
 * How an injected call fails:
 * - `http500`: the worker answers HTTP 500 with `body` (default: an iWF error response).
 * - `timeout`: no answer; the call ends at the simulator's own deadline (the worker is not called).
 * - `connectionRefused`: no connection; the Go client's `dial tcp …: connect: connection refused`.
 * - `garbage`: a 200 whose body is not JSON.
 * - `wrongShape`: a 200 with JSON that violates the API's schema.
 * - `slow`: the worker is called and answers, but the answer arrives `delayMs` later (virtual
 *   time); past the call's deadline it is a timeout.
 */
export type FaultKind = 'http500' | 'timeout' | 'connectionRefused' | 'garbage' | 'wrongShape' | 'slow';

/** All fault kinds, for validation and for picking faults from a budget. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'http500',
  'timeout',
  'connectionRefused',
  'garbage',
  'wrongShape',
  'slow',
];

/**
 * Which calls fail and how. Unset filters match every call.
 *
 * @example
 * simulator.faults.inject({ workflowId: 'alice', stateId: 'VerifyState', api: 'execute', kind: 'http500', times: 2 });
 */
export interface FaultSpec {
  kind: FaultKind;
  workflowId?: string;
  /** The state id (waitUntil, execute). */
  stateId?: string;
  /** The RPC name (rpc). */
  rpcName?: string;
  api?: WorkerCallApi;
  /** How many matching calls fail (default 1). */
  times?: number;
  /** `http500`: the response body text. */
  body?: string;
  /** `slow`: how late the answer arrives, virtual ms. */
  delayMs?: number;
}

/** One worker call, as the fault registry matches it. */
export interface FaultTarget {
  workflowId: string;
  api: WorkerCallApi;
  /** The state id, or the RPC name. */
  name: string;
}

/** A fault chosen for one call. */
export interface ChosenFault {
  kind: FaultKind;
  body?: string | undefined;
  delayMs?: number | undefined;
  /** Why: `injected` (a spec), `workerDown`, or `explored` (an exploration's fault budget). */
  reason: 'injected' | 'workerDown' | 'explored';
}

interface PendingFault {
  spec: FaultSpec;
  remaining: number;
}

/**
 * The pending faults of one simulator. `active` is false when nothing is pending, so a worker
 * call costs one property read when no test uses faults.
 *
 * @example
 * const faults = new InjectedFaults();
 * faults.inject({ kind: 'timeout', api: 'waitUntil' });
 * faults.take({ workflowId: 'wf', api: 'waitUntil', name: 'S1' }, 0); // { kind: 'timeout', reason: 'injected' }
 */
export class InjectedFaults {
  active = false;
  /**
   * A client whose request waits on a faulty call on virtual time (an RPC) is a waiting client, as
   * in a long poll: the simulator may move time for it.
   */
  constructor(readonly clientWaits?: { waitStarted(): void; waitEnded(): void }) {}

  private pending: PendingFault[] = [];
  private downSpans: { from: number; until: number }[] = [];

  /** Adds a fault for the next `times` matching calls; throws on a spec that cannot work. */
  inject(spec: FaultSpec): void {
    const problem = faultSpecProblem(spec);
    if (problem) throw new Error(`invalid fault: ${problem}`);
    this.pending.push({ spec: { ...spec }, remaining: spec.times ?? 1 });
    this.active = true;
  }

  /** Every worker call from `from` until `until` (epoch ms, exclusive) finds the worker down. */
  workerDown(from: number, until: number): void {
    if (!Number.isFinite(from) || !Number.isFinite(until) || until <= from)
      throw new Error(`invalid worker-down span: ${from}..${until}; give a positive duration in ms`);
    this.downSpans.push({ from, until });
    this.active = true;
  }

  /** Forgets every pending fault and down span. */
  clear(): void {
    this.pending = [];
    this.downSpans = [];
    this.active = false;
  }

  /** How many injected failures are still to happen. */
  get remaining(): number {
    let total = 0;
    for (const fault of this.pending) total += fault.remaining;
    return total;
  }

  /** The fault for this call, if any, used up; down spans win over injected faults. */
  take(target: FaultTarget, now: number): ChosenFault | undefined {
    this.downSpans = this.downSpans.filter((span) => span.until > now);
    const down = this.downSpans.some((span) => span.from <= now);
    let chosen: ChosenFault | undefined;
    if (down) chosen = { kind: 'connectionRefused', reason: 'workerDown' };
    else {
      const index = this.pending.findIndex((fault) => matches(fault.spec, target));
      const fault = this.pending[index];
      if (fault) {
        fault.remaining--;
        if (fault.remaining <= 0) this.pending.splice(index, 1);
        chosen = {
          kind: fault.spec.kind,
          body: fault.spec.body,
          delayMs: fault.spec.delayMs,
          reason: 'injected',
        };
      }
    }
    this.active = this.pending.length > 0 || this.downSpans.length > 0;
    return chosen;
  }
}

function matches(spec: FaultSpec, target: FaultTarget): boolean {
  if (spec.workflowId !== undefined && spec.workflowId !== target.workflowId) return false;
  if (spec.api !== undefined && spec.api !== target.api) return false;
  if (spec.stateId !== undefined && (target.api === 'rpc' || spec.stateId !== target.name)) return false;
  if (spec.rpcName !== undefined && (target.api !== 'rpc' || spec.rpcName !== target.name)) return false;
  return true;
}

/**
 * What is wrong with a fault spec, or undefined.
 *
 * @example
 * faultSpecProblem({ kind: 'slow' }); // 'a slow fault needs delayMs, the virtual ms the answer is late'
 */
export function faultSpecProblem(spec: FaultSpec): string | undefined {
  if (!FAULT_KINDS.includes(spec.kind))
    return `kind '${String(spec.kind)}' is not one of ${FAULT_KINDS.join(', ')}`;
  if (spec.api !== undefined && !['waitUntil', 'execute', 'rpc'].includes(spec.api))
    return `api '${String(spec.api)}' is not one of waitUntil, execute, rpc`;
  if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1))
    return `times must be a whole number of calls, 1 or more; got ${spec.times}`;
  if (spec.stateId !== undefined && spec.api === 'rpc')
    return 'stateId matches waitUntil and execute calls, not api rpc; use rpcName for an RPC';
  if (spec.rpcName !== undefined && spec.api !== undefined && spec.api !== 'rpc')
    return `rpcName matches RPC calls, not api ${spec.api}; drop api or set it to rpc`;
  if (spec.kind === 'slow' && !(typeof spec.delayMs === 'number' && spec.delayMs > 0))
    return 'a slow fault needs delayMs, the virtual ms the answer is late';
  return undefined;
}
