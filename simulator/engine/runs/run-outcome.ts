import type { WorkflowErrorType, WorkflowStatus } from '../../../sdk/wire/types.ts';

/**
 * How a run closed, set once when it closes.
 *
 * @example
 * if (run.outcome?.status === 'FAILED') console.log(run.outcome.errorType);
 */
export interface RunOutcome {
  readonly status: Exclude<WorkflowStatus, 'RUNNING'>;
  readonly closedAt: number;
  readonly errorType?: WorkflowErrorType | undefined;
  readonly errorMessage?: string | undefined;
  /** True when the run's outputs are part of the failure (force fail): served as `[]` even when empty. */
  readonly failureCarriesResults?: boolean;
}
