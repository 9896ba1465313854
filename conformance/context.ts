import { ApiPaths } from '../sdk/wire/paths.ts';
import type { WorkflowGetResponse, WorkflowStartRequest } from '../sdk/wire/types.ts';
import { CheckFailure, expectStatus, SkipScenario } from './checks.ts';
import type { RawClient, RawResponse } from './client.ts';
import type { ScenarioWorker, WorkflowScript } from './kit/index.ts';
import { sleep } from './kit/index.ts';

/** Fields of a start request; loose on purpose, scenarios also send what the IDL forbids. */
export type StartFields = Partial<WorkflowStartRequest> | Record<string, unknown>;

/** The workflow type the scenarios use unless they test the type itself. */
export const WORKFLOW_TYPE = 'ConformanceWorkflow';

/**
 * What a scenario gets: the raw client, the scripted worker, unique ids and a few shortcuts.
 *
 * @example
 * const id = ctx.id('main');
 * ctx.worker.script(id, { states: { S1: { execute: () => gracefulComplete() } } });
 * await ctx.start(id, { startStateId: 'S1' });
 */
export class ScenarioContext {
  private readonly cleanups: Array<() => Promise<unknown>> = [];
  private readonly started = new Set<string>();

  constructor(
    readonly client: RawClient,
    readonly worker: ScenarioWorker,
    /** Run-unique prefix plus the scenario name. */
    readonly prefix: string,
  ) {}

  /** The worker URL given to the server. Example: `ctx.workerUrl + '/api/v1/workflowWorker/rpc'`. */
  get workerUrl(): string {
    return this.worker.url;
  }

  /** A workflow id unique to this run and scenario. Example: `ctx.id('a')`. */
  id(suffix = 'wf'): string {
    return `${this.prefix}-${suffix}`;
  }

  /** POSTs JSON to a client API path. Example: `await ctx.post(ApiPaths.signal, {...})`. */
  post(path: string, body: unknown, timeoutMs?: number): Promise<RawResponse> {
    return this.client.post(path, body, timeoutMs);
  }

  /**
   * Scripts the worker for `workflowId` and starts it (200 expected), filling type, timeout and
   * worker URL; returns the run id. The workflow is terminated after the scenario if still running.
   *
   * @example
   * const runId = await ctx.start(id, { startStateId: 'S1' }, script);
   */
  async start(
    workflowId: string,
    request: Partial<WorkflowStartRequest> = {},
    script?: WorkflowScript,
  ): Promise<string> {
    if (script) this.worker.script(workflowId, script);
    const res = await this.post(ApiPaths.start, this.startRequest(workflowId, request));
    expectStatus(`start ${workflowId}`, res, 200);
    this.track(workflowId);
    return (res.json as { workflowRunId: string }).workflowRunId;
  }

  /** The start request `start` would send. Example: `ctx.startRequest(id, { startStateId: 'S1' })`. */
  startRequest(workflowId: string, request: StartFields = {}): StartFields {
    return {
      workflowId,
      iwfWorkflowType: WORKFLOW_TYPE,
      workflowTimeoutSeconds: 30,
      iwfWorkerUrl: this.workerUrl,
      ...request,
    };
  }

  /** Terminates `workflowId` after the scenario if it is still running. Example: `ctx.track(id)`. */
  track(workflowId: string): void {
    if (this.started.has(workflowId)) return;
    this.started.add(workflowId);
    this.cleanups.push(() =>
      this.post(ApiPaths.stop, { workflowId, stopType: 'TERMINATE', reason: 'conformance cleanup' }, 5_000),
    );
  }

  /** getWithWait that must answer 200. Example: `const r = await ctx.result(id, 5)`. */
  async result(
    workflowId: string,
    waitTimeSeconds = 10,
    workflowRunId?: string,
  ): Promise<WorkflowGetResponse> {
    const res = await this.post(
      ApiPaths.getWithWait,
      { workflowId, waitTimeSeconds, ...(workflowRunId ? { workflowRunId } : {}) },
      (waitTimeSeconds + 10) * 1000,
    );
    expectStatus(`getWithWait ${workflowId}`, res, 200);
    return res.json as WorkflowGetResponse;
  }

  /** `/get` that must answer 200. Example: `(await ctx.describe(id)).workflowStatus`. */
  async describe(workflowId: string, extra: Record<string, unknown> = {}): Promise<WorkflowGetResponse> {
    const res = await this.post(ApiPaths.get, { workflowId, ...extra });
    expectStatus(`get ${workflowId}`, res, 200);
    return res.json as WorkflowGetResponse;
  }

  /** Signals a workflow (200 expected). Example: `await ctx.signal(id, 'go', enc(1))`. */
  async signal(workflowId: string, signalChannelName: string, signalValue?: unknown): Promise<void> {
    const res = await this.post(ApiPaths.signal, {
      workflowId,
      signalChannelName,
      ...(signalValue === undefined ? {} : { signalValue }),
    });
    expectStatus(`signal ${signalChannelName}`, res, 200);
  }

  /** Retries `check` until it passes or `timeoutMs` passes, then rethrows its last failure. Example: `await ctx.eventually(async () => …)`. */
  async eventually(check: () => Promise<void>, timeoutMs = 5_000, intervalMs = 100): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await check();
        return;
      } catch (error) {
        if (!(error instanceof CheckFailure) || Date.now() > deadline) throw error;
      }
      await sleep(intervalMs);
    }
  }

  /** Skips the scenario. Example: `ctx.skip('needs locking RPCs')`. */
  skip(reason: string): never {
    throw new SkipScenario(reason);
  }

  /** Runs the registered cleanups, ignoring their errors. */
  async cleanup(): Promise<void> {
    await Promise.allSettled(this.cleanups.map((c) => c()));
  }
}
