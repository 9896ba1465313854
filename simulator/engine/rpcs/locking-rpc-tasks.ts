import type { WorkflowRpcRequest } from '../../../sdk/wire/types.ts';
import { batchSize, deliverAllPending, type PendingLockingRpc } from '../choices/task-batching.ts';
import { continueAsNewIfDue, countOperations } from '../runs/continue-as-new.ts';
import type { WorkflowRun } from '../runs/workflow-run.ts';
import { ACCEPTED_UPDATE_COMPLETED_WORKFLOW, type RpcOutcome } from './rpc-outcome.ts';
import { applyRpcAnswer, callWorkerRpc } from './worker-rpc.ts';

interface WaitingRpc extends PendingLockingRpc {
  settle(outcome: RpcOutcome): void;
  /** Set when its task validates it: true when it took its keys. */
  accepted?: boolean;
}

/**
 * The workflow tasks that deliver a run's locking RPCs, as Temporal delivers updates to the iWF
 * workflow. An RPC that arrives while no task runs starts one at once; those that arrive while a
 * task runs wait until it ends, and then the batching choice (`RpcTaskBatching`, all of them by
 * default) forms the next task from them. In a task, each RPC is validated in admission order: one
 * whose keys are all free takes them and calls the worker (the server's local activity), one that
 * finds a key held (by an earlier RPC of the task, or by a state) is refused with 450. The task
 * ends when every accepted RPC has answered; all of its RPCs are answered then, refusals included.
 * While a task runs the workflow is frozen: state API calls wait for its end to be dispatched and
 * to have their answers processed (`run.workflowTask`). See docs/semantics/rpc.md#rpc-4 and #rpc-5.
 *
 * @example
 * const outcome = await lockingRpcTasksOf(run).deliver(request, ['d:counter']);
 */
export class LockingRpcTasks {
  private pending: WaitingRpc[] = [];
  /** The RPCs the running task delivered (none when no task runs). */
  private delivered: readonly WaitingRpc[] = [];
  private listeningForClose = false;

  constructor(private readonly run: WorkflowRun) {}

  /** Admits a locking RPC; resolves with its outcome when the task that delivered it ends. */
  deliver(request: WorkflowRpcRequest, keys: readonly string[]): Promise<RpcOutcome> {
    this.listenForClose();
    return new Promise<RpcOutcome>((settle) => {
      this.pending.push({ request, keys, admittedAt: this.run.now(), settle });
      if (!this.run.workflowTask.busy) this.startNextTask();
    });
  }

  private startNextTask(): void {
    if (this.pending.length === 0 || !this.run.isRunning) return;
    const batching = this.run.runtime.rpcTaskBatching ?? deliverAllPending;
    const batch = this.pending.splice(0, batchSize(batching, this.pending));
    this.run.workflowTask.begin();
    this.delivered = batch;
    void this.runTask(batch);
  }

  private async runTask(batch: readonly WaitingRpc[]): Promise<void> {
    const { run } = this;
    const outcomes: RpcOutcome[] = [];
    const accepted: Promise<void>[] = [];
    for (let i = 0; i < batch.length; i++) {
      const rpc = batch[i]!;
      // The update validator: refused when a key is held now. Accepted, the handler takes the keys
      // before the next update is validated (it does not yield until its local activity).
      if (run.locks.anyHeld(rpc.keys)) {
        run.history.add('RpcRefused', undefined, {
          rpcName: rpc.request.rpcName ?? '',
          status: 450,
          keys: rpc.keys,
        });
        rpc.accepted = false;
        outcomes[i] = { kind: 'lockRefused' };
        continue;
      }
      rpc.accepted = true;
      const ordinal = run.locks.newOrdinal();
      run.locks.acquire(rpc.keys, ordinal);
      accepted.push(
        this.execute(rpc, ordinal).then((outcome) => {
          outcomes[i] = outcome;
        }),
      );
    }
    if (accepted.length > 0) await Promise.all(accepted);
    // Settling twice is harmless: an RPC answered when its run closed keeps that answer.
    for (let i = 0; i < batch.length; i++) batch[i]!.settle(outcomes[i]!);
    this.delivered = [];
    run.workflowTask.end();
    // A continue-as-new waits for the RPCs in flight, as the server drains them first.
    continueAsNewIfDue(run);
    this.startNextTask();
  }

  private async execute(rpc: WaitingRpc, ordinal: number): Promise<RpcOutcome> {
    const { run } = this;
    const calledAt = run.runtime.clock.now();
    const answer = await callWorkerRpc(run, rpc.request);
    run.locks.release(rpc.keys, ordinal);
    if (!run.isRunning) return { kind: 'abortedByClose' };
    const outcome = applyRpcAnswer(run, rpc.request, answer, true, calledAt);
    if (run.isRunning) countOperations(run, 1);
    return outcome;
  }

  // Temporal aborts the updates of a workflow closed from outside that it has not seen accepted:
  // those waiting for a task and those of the running task, whose acceptance travels with the
  // task's completion (measured: a terminate during a locking RPC's worker call answers it and the
  // RPC waiting behind it at once, both 400). A workflow that completes itself does so in the
  // running task, which then also reports its RPCs: refused ones as refused, accepted ones as
  // failed because the workflow completed first (seen with the sign-up's concurrent verifies).
  private listenForClose(): void {
    if (this.listeningForClose) return;
    this.listeningForClose = true;
    this.run.onClose(() => {
      const ownDecision = closedByItsOwnDecision(this.run);
      for (const rpc of this.delivered) {
        if (!ownDecision) rpc.settle({ kind: 'abortedByClose' });
        else if (rpc.accepted) rpc.settle({ kind: 'internal', detail: ACCEPTED_UPDATE_COMPLETED_WORKFLOW });
        else rpc.settle({ kind: 'lockRefused' });
      }
      const waiting = this.pending;
      this.pending = [];
      for (const rpc of waiting) rpc.settle({ kind: 'abortedByClose' });
    });
  }
}

function closedByItsOwnDecision(run: WorkflowRun): boolean {
  const outcome = run.outcome;
  if (outcome?.status === 'COMPLETED') return true;
  return outcome?.status === 'FAILED' && outcome.errorType !== 'CLIENT_API_FAILING_WORKFLOW_ERROR_TYPE';
}

/**
 * The locking RPC tasks of a run, created on its first locking RPC.
 *
 * @example
 * await lockingRpcTasksOf(run).deliver(request, keys);
 */
export function lockingRpcTasksOf(run: WorkflowRun): LockingRpcTasks {
  let tasks = tasksOfRuns.get(run);
  if (!tasks) {
    tasks = new LockingRpcTasks(run);
    tasksOfRuns.set(run, tasks);
  }
  return tasks;
}

// Kept beside the run rather than in it: a run knows only that its workflow is frozen.
const tasksOfRuns = new WeakMap<WorkflowRun, LockingRpcTasks>();
