/**
 * How far a run has come and what it has in flight: the operations counted toward the
 * continue-as-new threshold (docs/semantics/lifecycle.md#can-1), whether a continue-as-new or a graceful completion was asked for, the
 * state API calls in flight (a continue-as-new waits for them, as the server drains activities
 * first) and the running threads (a graceful completion waits for them). Counts change only by the
 * methods, in pairs that cannot go below zero unnoticed.
 *
 * @example
 * run.progress.threadStarted();
 * if (run.progress.threadEnded()) run.close('COMPLETED');
 */
export class RunProgress {
  private operations = 0;
  private continueAsNewAsked = false;
  private callsInFlight = 0;
  private threadsRunning = 0;
  private gracefulCompletionAsked = false;

  /** Operations counted toward the continue-as-new threshold since this run id began. */
  get operationCount(): number {
    return this.operations;
  }
  get continueAsNewRequested(): boolean {
    return this.continueAsNewAsked;
  }
  get stateApiCallsInFlight(): number {
    return this.callsInFlight;
  }
  get gracefulCompletionRequested(): boolean {
    return this.gracefulCompletionAsked;
  }

  addOperations(n: number): void {
    this.operations += n;
  }

  requestContinueAsNew(): void {
    this.continueAsNewAsked = true;
  }

  /** A continue-as-new happened: the new run id counts from zero. */
  continuedAsNew(): void {
    this.operations = 0;
    this.continueAsNewAsked = false;
  }

  stateApiCallStarted(): void {
    this.callsInFlight++;
  }

  stateApiCallEnded(): void {
    if (this.callsInFlight === 0) throw new Error('a state API call ended that never started');
    this.callsInFlight--;
  }

  threadStarted(): void {
    this.threadsRunning++;
  }

  /** A thread ended; true when it was the last one and a graceful completion was asked for. */
  threadEnded(): boolean {
    if (this.threadsRunning === 0) throw new Error('a thread ended that never started');
    this.threadsRunning--;
    return this.threadsRunning === 0 && this.gracefulCompletionAsked;
  }

  /** Asks for a graceful completion (or, restoring a reset point, says whether one was asked for). */
  requestGracefulCompletion(requested = true): void {
    this.gracefulCompletionAsked = requested;
  }
}
