import type { SchemaOf, StartInputOf } from '../workflow.ts';
import type { WorkflowOptions } from './workflow-options.ts';

/** Arguments after the timeout: the start input (optional when the starting state takes none), then options. */
export type StartArgs<W> =
  undefined extends StartInputOf<W>
    ? [input?: StartInputOf<W>, options?: WorkflowOptions<SchemaOf<W>>]
    : [input: StartInputOf<W>, options?: WorkflowOptions<SchemaOf<W>>];

/** How to wait for a workflow's result. @example client.waitForWorkflowCompletion(id, { singleLongPoll: true }) */
export interface WaitOptions {
  runId?: string;
  /** Length of each long poll (the server caps it, 60 s by default). */
  waitTimeSeconds?: number;
  /** Make one long poll only and throw LongPollTimeoutError if it ends first, as the official SDKs do. */
  singleLongPoll?: boolean;
}

/** A decoded state completion output. @example (await client.getComplexWorkflowResults(id))[0]?.output */
export interface StateOutput {
  completedStateId: string;
  completedStateExecutionId: string;
  output: unknown;
}
