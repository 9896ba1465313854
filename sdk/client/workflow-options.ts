import type {
  DataAttributeKeyOf,
  DataAttributeValueOf,
  SearchAttributeKeyOf,
  SearchAttributeValueOf,
  StateIdOf,
} from '../schema-spec.ts';
import type {
  IDReusePolicy,
  WorkflowAlreadyStartedOptions,
  WorkflowConfig,
  WorkflowIDReusePolicy,
  WorkflowRetryPolicy,
} from '../wire/types.ts';

/**
 * Options of a typed start: id reuse, cron, delay, initial attributes (typed by the schema), and the
 * states a caller will wait for.
 *
 * @example
 * await client.startWorkflow(Wf, 'id', 3600, input, { idReusePolicy: 'ALLOW_IF_NO_RUNNING' });
 */
export interface WorkflowOptions<S = unknown> {
  /** The names the Java and Python SDKs use; sent as the server's legacy `idReusePolicy`. */
  idReusePolicy?: IDReusePolicy;
  /** The newer names; `idReusePolicy` wins when both are given (as on the server). */
  workflowIDReusePolicy?: WorkflowIDReusePolicy;
  cronSchedule?: string;
  workflowStartDelaySeconds?: number;
  workflowRetryPolicy?: WorkflowRetryPolicy;
  initialSearchAttributes?: { [K in SearchAttributeKeyOf<S>]?: SearchAttributeValueOf<S, K> };
  initialDataAttributes?: { [K in DataAttributeKeyOf<S>]?: DataAttributeValueOf<S, K> };
  workflowConfigOverride?: WorkflowConfig;
  workflowAlreadyStartedOptions?: WorkflowAlreadyStartedOptions;
  /** States whose completion `waitForStateExecutionCompletion` may wait for (by state id). */
  waitForCompletionStateIds?: StateIdOf<S>[];
  /** State executions (`"<stateId>-<n>"`) whose completion may be waited for. */
  waitForCompletionStateExecutionIds?: string[];
}
