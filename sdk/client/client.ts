import type { OptionalIfVoid } from '../declarations.ts';
import { InvalidArgumentError } from '../errors.ts';
import type { Registry } from '../registry.ts';
import type { RpcInput, RpcOutput } from '../rpc.ts';
import type {
  DataAttributeKeyOf,
  DataAttributeValueOf,
  InternalChannelNameOf,
  InternalChannelValueOf,
  SearchAttributeKeyOf,
  SearchAttributeValueOf,
  SignalChannelNameOf,
  SignalChannelValueOf,
  StateIdOf,
} from '../schema-spec.ts';
import type { WorkflowConfig, WorkflowStatus, WorkflowStopType } from '../wire/types.ts';
import type { AnyWorkflow, RpcsOf, SchemaOf } from '../workflow.ts';
import type {
  ClientOptions,
  ResetOptions,
  ResetPoint,
  StartArgs,
  StateOutput,
  WaitOptions,
} from './client-types.ts';
import { singleOutput, waitForOutputs } from './completion.ts';
import { outputsOrThrow } from './errors.ts';
import {
  decodeDataAttributes,
  decodeOutput,
  encodeDataAttributes,
  resetPointOf,
  rpcCallOptionsOf,
  searchAttributeValues,
  startOptionsOf,
  wireSearchAttributes,
} from './typed-values.ts';
import { UnregisteredClient } from './unregistered-client.ts';
import type { WorkflowOptions } from './workflow-options.ts';

/**
 * The typed client: workflows, states, RPCs, keys and channels are checked against their
 * definitions at compile time.
 *
 * @example
 * const client = new Client(registry, { serverUrl: 'http://localhost:8801' });
 * await client.startWorkflow(UserSignupWorkflow, 'alice', 3600, form);
 * const answer = await client.invokeRpc(UserSignupWorkflow, 'alice', 'verify', 'email'); // string
 */
export class Client {
  /** The untyped client underneath, for anything by string names. */
  readonly unregistered: UnregisteredClient;

  constructor(
    readonly registry: Registry,
    options: ClientOptions = {},
  ) {
    this.unregistered = new UnregisteredClient(options);
  }

  /** Starts a workflow at its starting state; returns the run id. */
  async startWorkflow<W extends AnyWorkflow>(
    workflow: W,
    workflowId: string,
    timeoutSeconds: number,
    ...[input, options]: StartArgs<W>
  ): Promise<string> {
    const wf = this.registry.registered(workflow);
    const o = (options ?? {}) as WorkflowOptions<unknown>;
    const startOptions = startOptionsOf(this.registry, wf, o, this.unregistered.encoder);
    return this.unregistered.startWorkflow(
      wf.workflowType,
      workflowId,
      timeoutSeconds,
      wf.startingStateId,
      input,
      startOptions,
    );
  }

  /**
   * Waits for the workflow to complete and returns its single output (the official SDKs' "simple
   * result"); throws WorkflowFailedError/TimeoutError/… if it closed otherwise. Unlike the official
   * SDKs it polls again when the server's long poll ends while the workflow runs, unless
   * `singleLongPoll` asks for their behaviour (then LongPollTimeoutError).
   */
  async waitForWorkflowCompletion<T = unknown>(workflowId: string, options: WaitOptions = {}): Promise<T> {
    const outputs = await waitForOutputs(this.unregistered, workflowId, options);
    return singleOutput(workflowId, outputs, this.unregistered.encoder) as T;
  }

  /** Waits for completion and returns every state completion output, decoded. */
  async getComplexWorkflowResults(workflowId: string, options: WaitOptions = {}): Promise<StateOutput[]> {
    const outputs = await waitForOutputs(this.unregistered, workflowId, options);
    return outputs.map((o) => decodeOutput(o, this.unregistered.encoder));
  }

  /** The outputs of a workflow that has already completed, without waiting (undefined while running). */
  async tryGettingWorkflowResults(workflowId: string, runId = ''): Promise<StateOutput[] | undefined> {
    const response = await this.unregistered.getWorkflow(workflowId, runId, true);
    if (response.workflowStatus === 'RUNNING') return undefined;
    return outputsOrThrow(workflowId, response).map((o) => decodeOutput(o, this.unregistered.encoder));
  }

  /** Status and current run id. */
  describeWorkflow(
    workflowId: string,
    runId = '',
  ): Promise<{ workflowStatus: WorkflowStatus; runId: string }> {
    return this.unregistered.describeWorkflow(workflowId, runId);
  }

  /** Sends a typed signal. */
  async signalWorkflow<W extends AnyWorkflow, K extends SignalChannelNameOf<SchemaOf<W>>>(
    workflow: W,
    workflowId: string,
    channelName: K,
    ...[value]: OptionalIfVoid<SignalChannelValueOf<SchemaOf<W>, K>>
  ): Promise<void> {
    this.registry.registered(workflow).schema.requireSignalChannel(channelName);
    await this.unregistered.signalWorkflow(workflowId, '', channelName, value);
  }

  /** Publishes to a typed internal channel from outside the workflow. */
  async publishToInternalChannel<W extends AnyWorkflow, K extends InternalChannelNameOf<SchemaOf<W>>>(
    workflow: W,
    workflowId: string,
    channelName: K,
    ...[value]: OptionalIfVoid<InternalChannelValueOf<SchemaOf<W>, K>>
  ): Promise<void> {
    this.registry.registered(workflow).schema.requireInternalChannel(channelName);
    const encoded = this.unregistered.encoder.encode(value);
    await this.unregistered.publishToInternalChannel(workflowId, '', [
      encoded ? { channelName, value: encoded } : { channelName },
    ]);
  }

  /** Stops a workflow: CANCEL (default), TERMINATE or FAIL with a reason. */
  stopWorkflow(
    workflowId: string,
    options: { runId?: string; stopType?: WorkflowStopType; reason?: string } = {},
  ): Promise<void> {
    const { runId, ...rest } = options;
    return this.unregistered.stopWorkflow(workflowId, runId, rest);
  }

  /** Invokes a typed RPC with the loading and locking policy of its definition. */
  async invokeRpc<W extends AnyWorkflow, N extends keyof RpcsOf<W> & string>(
    workflow: W,
    workflowId: string,
    rpcName: N,
    ...[input]: OptionalIfVoid<RpcInput<RpcsOf<W>[N]>>
  ): Promise<RpcOutput<RpcsOf<W>[N]>> {
    const wf = this.registry.registered(workflow);
    const options = rpcCallOptionsOf(wf, rpcName);
    return (await this.unregistered.invokeRpc(workflowId, '', rpcName, input, options)) as RpcOutput<
      RpcsOf<W>[N]
    >;
  }

  /** Reads data attributes by typed keys; missing ones are absent from the result. */
  async getWorkflowDataAttributes<W extends AnyWorkflow, K extends DataAttributeKeyOf<SchemaOf<W>>>(
    workflow: W,
    workflowId: string,
    keys: readonly K[],
    runId = '',
  ): Promise<{ [P in K]?: DataAttributeValueOf<SchemaOf<W>, P> }> {
    const wf = this.registry.registered(workflow);
    if (keys.length === 0) {
      throw new InvalidArgumentError(
        'getWorkflowDataAttributes needs at least one key; use getAllWorkflowDataAttributes for all',
      );
    }
    for (const key of keys) wf.schema.requireDataAttribute(key);
    return decodeDataAttributes(
      await this.unregistered.getDataAttributes(workflowId, runId, [...keys]),
      this.unregistered.encoder,
    ) as never;
  }

  /** Reads every data attribute. */
  async getAllWorkflowDataAttributes<W extends AnyWorkflow>(
    workflow: W,
    workflowId: string,
    runId = '',
  ): Promise<{ [P in DataAttributeKeyOf<SchemaOf<W>>]?: DataAttributeValueOf<SchemaOf<W>, P> }> {
    this.registry.registered(workflow);
    return decodeDataAttributes(
      await this.unregistered.getDataAttributes(workflowId, runId),
      this.unregistered.encoder,
    ) as never;
  }

  /** Upserts typed data attributes (ignores locks). */
  async setWorkflowDataAttributes<W extends AnyWorkflow>(
    workflow: W,
    workflowId: string,
    values: { [P in DataAttributeKeyOf<SchemaOf<W>>]?: DataAttributeValueOf<SchemaOf<W>, P> },
    runId = '',
  ): Promise<void> {
    const wf = this.registry.registered(workflow);
    await this.unregistered.setDataAttributes(
      workflowId,
      runId,
      encodeDataAttributes(wf, values, this.unregistered.encoder),
    );
  }

  /** Reads typed search attributes. */
  async getWorkflowSearchAttributes<W extends AnyWorkflow, K extends SearchAttributeKeyOf<SchemaOf<W>>>(
    workflow: W,
    workflowId: string,
    keys: readonly K[],
    runId = '',
  ): Promise<{ [P in K]?: SearchAttributeValueOf<SchemaOf<W>, P> }> {
    const wf = this.registry.registered(workflow);
    const typed = keys.map((key) => ({ key, valueType: wf.schema.searchAttributeType(key) }));
    return searchAttributeValues(
      await this.unregistered.getSearchAttributes(workflowId, runId, typed),
    ) as never;
  }

  /** Upserts typed search attributes. */
  async setWorkflowSearchAttributes<W extends AnyWorkflow>(
    workflow: W,
    workflowId: string,
    values: { [P in SearchAttributeKeyOf<SchemaOf<W>>]?: SearchAttributeValueOf<SchemaOf<W>, P> },
    runId = '',
  ): Promise<void> {
    const wf = this.registry.registered(workflow);
    await this.unregistered.setSearchAttributes(workflowId, runId, wireSearchAttributes(wf, values));
  }

  /** Fires a pending timer of the n-th execution of a state now (by command id or index). */
  async skipTimer<W extends AnyWorkflow>(
    workflow: W,
    workflowId: string,
    stateId: StateIdOf<SchemaOf<W>>,
    timer: { commandId: string } | { index: number },
    stateExecutionNumber = 1,
  ): Promise<void> {
    this.registry.state(this.registry.registered(workflow).workflowType, stateId);
    const executionId = `${stateId}-${stateExecutionNumber}`;
    if ('commandId' in timer) {
      await this.unregistered.skipTimerByCommandId(workflowId, '', executionId, timer.commandId);
    } else {
      await this.unregistered.skipTimerAtCommandIndex(workflowId, '', executionId, timer.index);
    }
  }

  /** Waits until the n-th execution of a state (registered at start) has completed. */
  async waitForStateExecutionCompletion<W extends AnyWorkflow>(
    workflow: W,
    workflowId: string,
    stateId: StateIdOf<SchemaOf<W>>,
    target: { stateExecutionNumber?: number; waitForKey?: string } = {},
    waitTimeSeconds?: number,
  ): Promise<void> {
    this.registry.state(this.registry.registered(workflow).workflowType, stateId);
    await this.unregistered.waitForStateExecutionCompletion(
      workflowId,
      target.waitForKey !== undefined
        ? { stateId, waitForKey: target.waitForKey }
        : { stateExecutionId: `${stateId}-${target.stateExecutionNumber ?? 1}` },
      waitTimeSeconds,
    );
  }

  /** Lists workflows matching a visibility query (e.g. `IwfWorkflowType='Signup' AND CustomIntField > 3`). */
  async searchWorkflow(
    query: string,
    options: { pageSize?: number; nextPageToken?: string } = {},
  ): Promise<{ workflowExecutions: { workflowId: string; workflowRunId: string }[]; nextPageToken: string }> {
    const response = await this.unregistered.searchWorkflow({ query, ...options });
    return {
      workflowExecutions: response.workflowExecutions ?? [],
      nextPageToken: response.nextPageToken ?? '',
    };
  }

  /** Resets a workflow to its beginning, or to the first execution of a state; returns the new run id. */
  resetWorkflow(workflowId: string, to: ResetPoint, options: ResetOptions = {}): Promise<string> {
    const { runId, ...rest } = options;
    const target = resetPointOf(to);
    return this.unregistered.resetWorkflow({ workflowId, workflowRunId: runId ?? '', ...target, ...rest });
  }

  /** Changes a running workflow's config (e.g. its continue-as-new threshold). */
  updateWorkflowConfig(workflowId: string, config: WorkflowConfig, runId = ''): Promise<void> {
    return this.unregistered.updateWorkflowConfig(workflowId, runId, config);
  }

  /** Asks the workflow to continue as new (a new run id; nothing else changes). */
  triggerContinueAsNew(workflowId: string, runId = ''): Promise<void> {
    return this.unregistered.triggerContinueAsNew(workflowId, runId);
  }
}
