import { jsonEncoder, type ObjectEncoder } from '../encoder.ts';
import { ApiPaths } from '../wire/paths.ts';
import type {
  InterStateChannelPublishing,
  KeyValue,
  SearchAttribute,
  SearchAttributeKeyAndType,
  StateCompletionOutput,
  WorkflowConfig,
  WorkflowGetDataObjectsResponse,
  WorkflowGetResponse,
  WorkflowGetSearchAttributesResponse,
  WorkflowResetRequest,
  WorkflowResetResponse,
  WorkflowRpcResponse,
  WorkflowSearchRequest,
  WorkflowSearchResponse,
  WorkflowStartRequest,
  WorkflowStartResponse,
  WorkflowStatus,
  WorkflowStopType,
  WorkflowWaitForStateCompletionResponse,
} from '../wire/types.ts';
import type { ClientOptions, RpcCallOptions, UnregisteredStartOptions } from './client-types.ts';
import { outputsOrThrow } from './errors.ts';
import { type ClientTransport, fetchTransport, postOrThrow } from './transport.ts';

/**
 * The untyped client: every endpoint of the iWF API by string names and wire values. The typed
 * `Client` builds on it; use it directly for workflows this process does not define.
 *
 * @example
 * const client = new UnregisteredClient({ serverUrl: 'http://localhost:8801' });
 * const runId = await client.startWorkflow('UserSignupWorkflow', 'alice', 3600, 'SubmitState', form);
 */
export class UnregisteredClient {
  readonly transport: ClientTransport;
  readonly workerUrl: string;
  readonly encoder: ObjectEncoder;

  constructor(options: ClientOptions = {}) {
    this.transport = options.transport ?? fetchTransport(options.serverUrl ?? 'http://localhost:8801');
    this.workerUrl = options.workerUrl ?? 'http://localhost:8802';
    this.encoder = options.encoder ?? jsonEncoder;
  }

  /** Starts a workflow; returns its run id. */
  async startWorkflow(
    workflowType: string,
    workflowId: string,
    timeoutSeconds: number,
    startStateId?: string,
    input?: unknown,
    options: UnregisteredStartOptions = {},
  ): Promise<string> {
    const request: WorkflowStartRequest = {
      workflowId,
      iwfWorkflowType: workflowType,
      workflowTimeoutSeconds: timeoutSeconds,
      iwfWorkerUrl: this.workerUrl,
    };
    if (startStateId !== undefined) {
      request.startStateId = startStateId;
      const stateInput = this.encoder.encode(input);
      if (stateInput) request.stateInput = stateInput;
      request.stateOptions = options.startStateOptions ?? {};
    }
    if (options.waitForCompletionStateIds?.length)
      request.waitForCompletionStateIds = options.waitForCompletionStateIds;
    if (options.waitForCompletionStateExecutionIds?.length)
      request.waitForCompletionStateExecutionIds = options.waitForCompletionStateExecutionIds;
    request.workflowStartOptions = options.workflowStartOptions ?? {};
    const response = await postOrThrow<WorkflowStartResponse>(this.transport, ApiPaths.start, request);
    return response.workflowRunId ?? '';
  }

  /** The workflow's status (and, with `needsResults`, its results once closed). */
  async getWorkflow(workflowId: string, runId = '', needsResults = false): Promise<WorkflowGetResponse> {
    return postOrThrow(this.transport, ApiPaths.get, { workflowId, workflowRunId: runId, needsResults });
  }

  /** Long-polls until the workflow closes or the wait ends (then LongPollTimeoutError). */
  async getWorkflowWithWait(
    workflowId: string,
    runId = '',
    waitTimeSeconds?: number,
  ): Promise<WorkflowGetResponse> {
    const body: Record<string, unknown> = { workflowId, workflowRunId: runId, needsResults: true };
    if (waitTimeSeconds !== undefined) body.waitTimeSeconds = waitTimeSeconds;
    return postOrThrow(this.transport, ApiPaths.getWithWait, body);
  }

  /**
   * Waits for the workflow to complete and returns its state completion outputs; a workflow that
   * closed otherwise throws WorkflowFailedError / WorkflowTimeoutError / … .
   */
  async waitForWorkflowCompletionOutputs(
    workflowId: string,
    runId = '',
    waitTimeSeconds?: number,
  ): Promise<StateCompletionOutput[]> {
    const response = await this.getWorkflowWithWait(workflowId, runId, waitTimeSeconds);
    return outputsOrThrow(workflowId, response);
  }

  /** Status and run id of a workflow. */
  async describeWorkflow(
    workflowId: string,
    runId = '',
  ): Promise<{ workflowStatus: WorkflowStatus; runId: string }> {
    const r = await this.getWorkflow(workflowId, runId);
    return { workflowStatus: r.workflowStatus, runId: r.workflowRunId };
  }

  /** Sends a signal; it is buffered until a state consumes it. */
  async signalWorkflow(
    workflowId: string,
    runId: string,
    signalChannelName: string,
    value?: unknown,
  ): Promise<void> {
    const body: Record<string, unknown> = { workflowId, workflowRunId: runId, signalChannelName };
    const encoded = this.encoder.encode(value);
    if (encoded) body.signalValue = encoded;
    await postOrThrow(this.transport, ApiPaths.signal, body);
  }

  /** Stops a workflow: CANCEL (default), TERMINATE or FAIL. */
  async stopWorkflow(
    workflowId: string,
    runId = '',
    options: { stopType?: WorkflowStopType; reason?: string } = {},
  ): Promise<void> {
    await postOrThrow(this.transport, ApiPaths.stop, { workflowId, workflowRunId: runId, ...options });
  }

  /** Invokes an RPC and returns its decoded output. */
  async invokeRpc(
    workflowId: string,
    runId: string,
    rpcName: string,
    input?: unknown,
    options: RpcCallOptions = {},
  ): Promise<unknown> {
    const body: Record<string, unknown> = { workflowId, workflowRunId: runId, rpcName, ...options };
    const encoded = this.encoder.encode(input);
    if (encoded) body.input = encoded;
    const response = await postOrThrow<WorkflowRpcResponse>(this.transport, ApiPaths.rpc, body);
    return this.encoder.decode(response.output);
  }

  /** Data attributes by key (all when `keys` is empty), as wire key-values. */
  async getDataAttributes(workflowId: string, runId = '', keys: string[] = []): Promise<KeyValue[]> {
    const body: Record<string, unknown> = { workflowId, workflowRunId: runId };
    if (keys.length) body.keys = keys;
    const response = await postOrThrow<WorkflowGetDataObjectsResponse>(
      this.transport,
      ApiPaths.dataObjectsGet,
      body,
    );
    return response.objects ?? [];
  }

  /** Upserts data attributes (ignores locks). */
  async setDataAttributes(workflowId: string, runId: string, objects: KeyValue[]): Promise<void> {
    await postOrThrow(this.transport, ApiPaths.dataObjectsSet, { workflowId, workflowRunId: runId, objects });
  }

  /** Search attributes by key and type. */
  async getSearchAttributes(
    workflowId: string,
    runId: string,
    keys: SearchAttributeKeyAndType[],
  ): Promise<SearchAttribute[]> {
    const response = await postOrThrow<WorkflowGetSearchAttributesResponse>(
      this.transport,
      ApiPaths.searchAttributesGet,
      {
        workflowId,
        workflowRunId: runId,
        keys,
      },
    );
    return response.searchAttributes ?? [];
  }

  /** Upserts search attributes. */
  async setSearchAttributes(
    workflowId: string,
    runId: string,
    searchAttributes: SearchAttribute[],
  ): Promise<void> {
    await postOrThrow(this.transport, ApiPaths.searchAttributesSet, {
      workflowId,
      workflowRunId: runId,
      searchAttributes,
    });
  }

  /** Lists workflows matching a visibility query. */
  async searchWorkflow(request: WorkflowSearchRequest): Promise<WorkflowSearchResponse> {
    return postOrThrow(this.transport, ApiPaths.search, request);
  }

  /** Resets a workflow; returns the new run id. */
  async resetWorkflow(request: WorkflowResetRequest): Promise<string> {
    const r = await postOrThrow<WorkflowResetResponse>(this.transport, ApiPaths.reset, request);
    return r.workflowRunId;
  }

  /** Fires a pending timer of a state execution now, by command id. */
  async skipTimerByCommandId(
    workflowId: string,
    runId: string,
    stateExecutionId: string,
    timerCommandId: string,
  ): Promise<void> {
    await postOrThrow(this.transport, ApiPaths.skipTimer, {
      workflowId,
      workflowRunId: runId,
      workflowStateExecutionId: stateExecutionId,
      timerCommandId,
    });
  }

  /** Fires a pending timer of a state execution now, by its index among the state's timers. */
  async skipTimerAtCommandIndex(
    workflowId: string,
    runId: string,
    stateExecutionId: string,
    index: number,
  ): Promise<void> {
    await postOrThrow(this.transport, ApiPaths.skipTimer, {
      workflowId,
      workflowRunId: runId,
      workflowStateExecutionId: stateExecutionId,
      timerCommandIndex: index,
    });
  }

  /** Waits until a state execution registered at start (`waitForCompletionState…`) has completed. */
  async waitForStateExecutionCompletion(
    workflowId: string,
    target: { stateExecutionId: string } | { stateId: string; waitForKey: string },
    waitTimeSeconds?: number,
  ): Promise<WorkflowWaitForStateCompletionResponse> {
    const body: Record<string, unknown> = { workflowId, ...target };
    if (waitTimeSeconds !== undefined) body.waitTimeSeconds = waitTimeSeconds;
    return postOrThrow(this.transport, ApiPaths.waitForStateCompletion, body);
  }

  /** Publishes messages to internal channels from outside the workflow. */
  async publishToInternalChannel(
    workflowId: string,
    runId: string,
    messages: InterStateChannelPublishing[],
  ): Promise<void> {
    await postOrThrow(this.transport, ApiPaths.publishToInternalChannel, {
      workflowId,
      workflowRunId: runId,
      messages,
    });
  }

  /** Changes a running workflow's config. */
  async updateWorkflowConfig(
    workflowId: string,
    runId: string,
    workflowConfig: WorkflowConfig,
  ): Promise<void> {
    await postOrThrow(this.transport, ApiPaths.configUpdate, {
      workflowId,
      workflowRunId: runId,
      workflowConfig,
    });
  }

  /** Asks the workflow to continue as new at the next opportunity. */
  async triggerContinueAsNew(workflowId: string, runId = ''): Promise<void> {
    await postOrThrow(this.transport, ApiPaths.triggerContinueAsNew, { workflowId, workflowRunId: runId });
  }
}
