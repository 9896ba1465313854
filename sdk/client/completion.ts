import type { ObjectEncoder } from '../encoder.ts';
import { InvalidArgumentError } from '../errors.ts';
import type { StateCompletionOutput } from '../wire/types.ts';
import type { WaitOptions } from './client-types.ts';
import { LongPollTimeoutError } from './errors.ts';
import type { UnregisteredClient } from './unregistered-client.ts';

/**
 * Waits for a workflow's completion outputs, polling again when the server's long poll ends while
 * it runs (unless `singleLongPoll`, as the official SDKs: then LongPollTimeoutError).
 *
 * @example
 * const outputs = await waitForOutputs(client.unregistered, 'alice', {});
 */
export async function waitForOutputs(
  client: UnregisteredClient,
  workflowId: string,
  options: WaitOptions,
): Promise<StateCompletionOutput[]> {
  for (;;) {
    try {
      return await client.waitForWorkflowCompletionOutputs(
        workflowId,
        options.runId,
        options.waitTimeSeconds,
      );
    } catch (error) {
      if (!(error instanceof LongPollTimeoutError) || options.singleLongPoll) throw error;
    }
  }
}

/**
 * The single output of a completed workflow (the official SDKs' "simple result"), decoded;
 * undefined when no state produced one, an error when several did.
 *
 * @example
 * singleOutput('alice', outputs, encoder); // 'done'
 */
export function singleOutput(
  workflowId: string,
  outputs: readonly StateCompletionOutput[],
  encoder: ObjectEncoder,
): unknown {
  const withOutput = outputs.filter((o) => o.completedStateOutput !== undefined);
  if (withOutput.length > 1) {
    throw new InvalidArgumentError(
      `workflow ${workflowId} completed with ${withOutput.length} outputs; use getComplexWorkflowResults to read them all`,
    );
  }
  return encoder.decode(withOutput[0]?.completedStateOutput);
}
