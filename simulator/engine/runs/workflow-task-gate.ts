/**
 * Whether a workflow task that delivers locking RPCs is running in a run. While one runs the
 * workflow is frozen, as the real workflow is while an update's local activity holds its task
 * open: no state API call is dispatched, no answer processed, no continue-as-new made until it
 * ends. The RPC flow opens and closes the gate; the rest of the run waits at it.
 *
 * @example
 * if (run.workflowTask.busy) await run.workflowTask.whenEnds();
 */
export class WorkflowTaskGate {
  private running = false;
  // Created when someone first waits: every run has a gate, few runs ever see a locking RPC.
  private endListeners: (() => void)[] | undefined;

  /** True while such a task runs. */
  get busy(): boolean {
    return this.running;
  }

  /** Resolves when the running task ends (at once when none runs). */
  whenEnds(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      this.endListeners ??= [];
      this.endListeners.push(resolve);
    });
  }

  /** A task begins. */
  begin(): void {
    if (this.running) throw new Error('a workflow task began while another was running');
    this.running = true;
  }

  /** The task ended: whatever waited at the gate goes on. */
  end(): void {
    if (!this.running) throw new Error('a workflow task ended that never began');
    this.running = false;
    const listeners = this.endListeners;
    this.endListeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }
}
