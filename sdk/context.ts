import type { Context } from './wire/types.ts';

/**
 * What a state API or RPC knows about the workflow it runs in.
 *
 * @example
 * execute: ({ context }) => console.log(context.workflowId, context.stateExecutionId)
 */
export interface WorkflowContext {
  readonly workflowType: string;
  readonly workflowId: string;
  /** The first run's id for state APIs (stable across continue-as-new); the current run's for RPCs. */
  readonly workflowRunId: string;
  readonly workflowStartTimestampSeconds: number;
  /** `"<stateId>-<n>"`; absent in RPCs. */
  readonly stateExecutionId?: string;
  /** When the first attempt of this call was scheduled (Unix seconds); absent in RPCs. */
  readonly firstAttemptTimestampSeconds?: number;
  /** 1 for the first attempt, 2 for the first retry, …; absent in RPCs. */
  readonly attempt?: number;
  /** `runId + "-" + stateExecutionId`: an idempotency key for starting child workflows from a state. */
  readonly childWorkflowRequestId?: string;
}

/** Builds the user-facing context from the wire context. */
export function toWorkflowContext(workflowType: string, c: Context): WorkflowContext {
  const ctx: {
    -readonly [K in keyof WorkflowContext]: WorkflowContext[K];
  } = {
    workflowType,
    workflowId: c.workflowId,
    workflowRunId: c.workflowRunId,
    workflowStartTimestampSeconds: c.workflowStartedTimestamp,
  };
  if (c.stateExecutionId !== undefined) {
    ctx.stateExecutionId = c.stateExecutionId;
    ctx.childWorkflowRequestId = `${c.workflowRunId}-${c.stateExecutionId}`;
  }
  if (c.firstAttemptTimestamp !== undefined) ctx.firstAttemptTimestampSeconds = c.firstAttemptTimestamp;
  if (c.attempt !== undefined) ctx.attempt = c.attempt;
  return ctx;
}
