import { jsonEncoder, type ObjectEncoder } from '../sdk/encoder.ts';
import { Registry } from '../sdk/registry.ts';
import { searchAttributeValue, toWireSearchAttribute } from '../sdk/search-attribute-codec.ts';
import type {
  ChannelRequestStatus,
  Context,
  InterStateChannelPublishing,
  KeyValue,
  SearchAttribute,
  TimerStatus,
  CommandRequest as WireCommandRequest,
  CommandResults as WireCommandResults,
  StateDecision as WireStateDecision,
} from '../sdk/wire/types.ts';
import { WorkerService } from '../sdk/worker/worker-service.ts';
import type { AnyWorkflow } from '../sdk/workflow.ts';

/** The attributes a tested state or RPC sees, as plain values. */
export interface TestPersistence {
  dataAttributes?: Record<string, unknown>;
  searchAttributes?: Record<string, unknown>;
  stateLocals?: Record<string, unknown>;
}

/** How the commands of a waitUntil ended, in command order, for a tested execute. */
export interface TestCommandResults {
  timers?: TimerStatus[];
  internalChannels?: { status: ChannelRequestStatus; value?: unknown; channelName?: string }[];
  signals?: { status: ChannelRequestStatus; value?: unknown; channelName?: string }[];
  /** False to test the path after a tolerated waitUntil failure. */
  waitUntilSucceeded?: boolean;
}

/** What a tested call did: its writes, publishes and (for execute/RPC) decision, decoded. */
export interface TestCallResult {
  upsertedDataAttributes: Record<string, unknown>;
  upsertedSearchAttributes: Record<string, unknown>;
  upsertedStateLocals: Record<string, unknown>;
  published: { channelName: string; value: unknown }[];
  decision?: WireStateDecision;
}

/**
 * Runs one state's waitUntil or execute, or one RPC, with no server: the call goes through the
 * worker service's real wire path, with attributes and command results you choose — as Temporal's
 * MockActivityEnvironment does for activities. Writes are applied to the tester's attributes, so
 * consecutive calls see each other's effects.
 *
 * @example
 * const tester = new StateTester(UserSignupWorkflow, { dataAttributes: { form, status: 'waiting' } });
 * const result = await tester.execute('VerifyState', undefined, { internalChannels: [{ status: 'RECEIVED' }] });
 * expect(result.decision?.nextStates?.[0]?.stateId).toBe('_SYS_GRACEFUL_COMPLETING_WORKFLOW');
 */
export class StateTester {
  private readonly worker: WorkerService;
  private readonly encoder: ObjectEncoder;
  private readonly data = new Map<string, KeyValue>();
  private readonly search = new Map<string, SearchAttribute>();
  private readonly locals = new Map<string, KeyValue>();
  private lastCommands: WireCommandRequest | undefined;
  private executionCount = 0;

  constructor(
    private readonly workflow: AnyWorkflow,
    initial: TestPersistence = {},
    options: { encoder?: ObjectEncoder; workflowId?: string } = {},
  ) {
    this.encoder = options.encoder ?? jsonEncoder;
    this.worker = new WorkerService(new Registry().addWorkflow(workflow), { encoder: this.encoder });
    this.workflowId = options.workflowId ?? 'tested-workflow';
    for (const [key, value] of Object.entries(initial.dataAttributes ?? {}))
      this.data.set(key, this.kv(key, value));
    for (const [key, value] of Object.entries(initial.searchAttributes ?? {})) {
      this.search.set(key, toWireSearchAttribute(key, workflow.schema.searchAttributeType(key), value));
    }
    for (const [key, value] of Object.entries(initial.stateLocals ?? {}))
      this.locals.set(key, this.kv(key, value));
  }
  private readonly workflowId: string;

  /** The data attributes now, decoded (initial values plus every write so far). */
  get dataAttributes(): Record<string, unknown> {
    return Object.fromEntries([...this.data].map(([k, kv]) => [k, this.encoder.decode(kv.value)]));
  }
  /** The search attributes now. */
  get searchAttributes(): Record<string, unknown> {
    return Object.fromEntries([...this.search].map(([k, sa]) => [k, searchAttributeValue(sa)]));
  }

  /** Runs a state's waitUntil; returns the commands it asked for (wire form), plus its writes. */
  async waitUntil(
    stateId: string,
    input?: unknown,
  ): Promise<TestCallResult & { commandRequest: WireCommandRequest }> {
    if (!this.findState(stateId).spec.waitUntil) throw new Error(`state ${stateId} has no waitUntil`);
    this.executionCount++;
    const response = await this.worker.handleWaitUntil({
      context: this.context(stateId),
      workflowType: this.workflow.workflowType,
      workflowStateId: stateId,
      ...this.encodedInput(input),
      dataObjects: this.sorted(this.data),
      searchAttributes: [...this.search.values()],
    });
    this.lastCommands = response.commandRequest;
    this.locals.clear();
    for (const kv of response.upsertStateLocals ?? []) if (kv.key) this.locals.set(kv.key, kv);
    return {
      ...this.apply(
        response.upsertDataObjects,
        response.upsertSearchAttributes,
        response.publishToInterStateChannel,
        response.upsertStateLocals,
      ),
      commandRequest: response.commandRequest ?? {},
    };
  }

  /** Runs a state's execute with the command results you give (channel names default to the last waitUntil's). */
  async execute(
    stateId: string,
    input?: unknown,
    results?: TestCommandResults,
  ): Promise<TestCallResult & { decision: WireStateDecision }> {
    const response = await this.worker.handleExecute({
      context: this.context(stateId),
      workflowType: this.workflow.workflowType,
      workflowStateId: stateId,
      ...this.encodedInput(input),
      DataObjects: this.sorted(this.data),
      searchAttributes: [...this.search.values()],
      stateLocals: [...this.locals.values()],
      ...(results ? { commandResults: this.commandResults(results) } : {}),
    });
    const result = this.apply(
      response.upsertDataObjects,
      response.upsertSearchAttributes,
      response.publishToInterStateChannel,
      response.upsertStateLocals,
    );
    return { ...result, decision: response.stateDecision ?? {} };
  }

  /** Runs an RPC; returns its decoded output, writes and triggered state movements. */
  async rpc(
    rpcName: string,
    input?: unknown,
    channelSizes: { internal?: Record<string, number>; signal?: Record<string, number> } = {},
  ): Promise<TestCallResult & { output: unknown }> {
    const sizes = (m: Record<string, number> = {}) =>
      Object.fromEntries(Object.entries(m).map(([k, size]) => [k, { size }]));
    const encoded = this.encoder.encode(input);
    const response = await this.worker.handleRpc({
      context: { workflowId: this.workflowId, workflowRunId: 'tested-run', workflowStartedTimestamp: 0 },
      workflowType: this.workflow.workflowType,
      rpcName,
      ...(encoded ? { input: encoded } : {}),
      dataAttributes: this.sorted(this.data),
      searchAttributes: [...this.search.values()],
      internalChannelInfos: sizes(channelSizes.internal),
      signalChannelInfos: sizes(channelSizes.signal),
    });
    const result = this.apply(
      response.upsertDataAttributes,
      response.upsertSearchAttributes,
      response.publishToInterStateChannel,
      undefined,
    );
    return {
      ...result,
      ...(response.stateDecision ? { decision: response.stateDecision } : {}),
      output: this.encoder.decode(response.output),
    };
  }

  private findState(stateId: string) {
    const state = this.workflow.states.find((s) => s.stateId === stateId);
    if (!state) throw new Error(`workflow ${this.workflow.workflowType} has no state ${stateId}`);
    return state;
  }

  private context(stateId: string): Context {
    return {
      workflowId: this.workflowId,
      workflowRunId: 'tested-run',
      workflowStartedTimestamp: 0,
      stateExecutionId: `${stateId}-${Math.max(1, this.executionCount)}`,
      attempt: 1,
      firstAttemptTimestamp: 0,
    };
  }

  private encodedInput(input: unknown) {
    const stateInput = this.encoder.encode(input);
    return stateInput ? { stateInput } : {};
  }

  private kv(key: string, value: unknown): KeyValue {
    const encoded = this.encoder.encode(value);
    return encoded ? { key, value: encoded } : { key };
  }

  private sorted(map: Map<string, KeyValue>): KeyValue[] {
    return [...map.values()].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  }

  private commandResults(results: TestCommandResults): WireCommandResults {
    const wire = this.lastCommands;
    const succeeded = results.waitUntilSucceeded ?? true;
    const out: WireCommandResults = { stateStartApiSucceeded: succeeded, stateWaitUntilFailed: !succeeded };
    if (results.timers) {
      out.timerResults = results.timers.map((timerStatus, i) => ({
        commandId: wire?.timerCommands?.[i]?.commandId ?? '',
        timerStatus,
      }));
    }
    if (results.internalChannels) {
      out.interStateChannelResults = results.internalChannels.map((r, i) => {
        const command = wire?.interStateChannelCommands?.[i];
        const value = r.status === 'RECEIVED' ? this.encoder.encode(r.value) : undefined;
        return {
          commandId: command?.commandId ?? '',
          channelName: r.channelName ?? command?.channelName ?? '',
          requestStatus: r.status,
          ...(value ? { value } : {}),
        };
      });
    }
    if (results.signals) {
      out.signalResults = results.signals.map((r, i) => {
        const command = wire?.signalCommands?.[i];
        const signalValue = r.status === 'RECEIVED' ? (this.encoder.encode(r.value) ?? {}) : undefined;
        return {
          commandId: command?.commandId ?? '',
          signalChannelName: r.channelName ?? command?.signalChannelName ?? '',
          signalRequestStatus: r.status,
          ...(signalValue ? { signalValue } : {}),
        };
      });
    }
    return out;
  }

  private apply(
    data: KeyValue[] | undefined,
    search: SearchAttribute[] | undefined,
    publishes: InterStateChannelPublishing[] | undefined,
    locals: KeyValue[] | undefined,
  ): TestCallResult {
    for (const kv of data ?? []) if (kv.key) this.data.set(kv.key, kv);
    for (const sa of search ?? []) if (sa.key) this.search.set(sa.key, sa);
    const decode = (list: KeyValue[] | undefined) =>
      Object.fromEntries((list ?? []).map((kv) => [kv.key ?? '', this.encoder.decode(kv.value)]));
    return {
      upsertedDataAttributes: decode(data),
      upsertedSearchAttributes: Object.fromEntries(
        (search ?? []).map((sa) => [sa.key ?? '', searchAttributeValue(sa)]),
      ),
      upsertedStateLocals: decode(locals),
      published: (publishes ?? []).map((p) => ({
        channelName: p.channelName,
        value: this.encoder.decode(p.value),
      })),
    };
  }
}
