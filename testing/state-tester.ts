import { jsonEncoder, type ObjectEncoder } from '../sdk/encoder.ts';
import { Registry } from '../sdk/registry.ts';
import type { RpcInput, RpcOutput } from '../sdk/rpc.ts';
import type { StateIdOf, StateInputOf } from '../sdk/schema-spec.ts';
import { searchAttributeValue, toWireSearchAttribute } from '../sdk/search-attribute-codec.ts';
import type {
  Context,
  InterStateChannelPublishing,
  KeyValue,
  SearchAttribute,
  CommandRequest as WireCommandRequest,
  StateDecision as WireStateDecision,
} from '../sdk/wire/types.ts';
import { WorkerService } from '../sdk/worker/worker-service.ts';
import type { AnyWorkflow, RpcsOf, SchemaOf } from '../sdk/workflow.ts';
import { matchCommandResults } from './state-tester-results.ts';
import type {
  TestCallResult,
  TestChannelSizes,
  TestCommandResults,
  TestDataAttributes,
  TestPersistence,
  TestSearchAttributes,
} from './state-tester-types.ts';

/** Arguments after the state id or RPC name: the input, optional when the type allows `undefined`. */
type InputThen<In, Rest> = undefined extends In ? [input?: In, rest?: Rest] : [input: In, rest?: Rest];

/**
 * Runs one state's waitUntil or execute, or one RPC, with no server: the call goes through the
 * worker service's real wire path, with attributes and command results you choose — as Temporal's
 * MockActivityEnvironment does for activities. Writes are applied to the tester's attributes, so
 * consecutive calls see each other's effects. State ids, attribute keys, channel names, inputs and
 * RPC signatures are typed from the workflow.
 *
 * @example
 * const tester = new StateTester(UserSignupWorkflow, { dataAttributes: { form, status: 'waiting' } });
 * await tester.waitUntil('VerifyState'); // a timer and the verify channel
 * const result = await tester.execute('VerifyState', undefined, { timers: ['SCHEDULED'], internalChannels: [{ status: 'RECEIVED' }] });
 * expect(result.decision?.nextStates?.[0]?.stateId).toBe('_SYS_GRACEFUL_COMPLETING_WORKFLOW');
 */
export class StateTester<W extends AnyWorkflow, S = SchemaOf<W>> {
  private readonly worker: WorkerService;
  private readonly encoder: ObjectEncoder;
  private readonly data = new Map<string, KeyValue>();
  private readonly search = new Map<string, SearchAttribute>();
  private readonly locals = new Map<string, KeyValue>();
  /** Each state's last waitUntil commands, to match the results given to its execute. */
  private readonly commandsByState = new Map<string, WireCommandRequest>();
  private executionCount = 0;

  constructor(
    private readonly workflow: W,
    initial: TestPersistence<S> = {},
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
  get dataAttributes(): TestDataAttributes<S> {
    return Object.fromEntries(
      [...this.data].map(([k, kv]) => [k, this.encoder.decode(kv.value)]),
    ) as TestDataAttributes<S>;
  }
  /** The search attributes now. */
  get searchAttributes(): TestSearchAttributes<S> {
    return Object.fromEntries(
      [...this.search].map(([k, sa]) => [k, searchAttributeValue(sa)]),
    ) as TestSearchAttributes<S>;
  }

  /** Runs a state's waitUntil; returns the commands it asked for (wire form), plus its writes. */
  async waitUntil<Id extends StateIdOf<S>>(
    stateId: Id,
    ...[input]: InputThen<StateInputOf<S, Id>, never>
  ): Promise<TestCallResult<S> & { commandRequest: WireCommandRequest }> {
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
    this.commandsByState.set(stateId, response.commandRequest ?? {});
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

  /**
   * Runs a state's execute with the command results you give, matched in order to the commands of
   * this state's last `waitUntil` (run it first); a result that matches no command throws.
   */
  async execute<Id extends StateIdOf<S>>(
    stateId: Id,
    ...[input, results]: InputThen<StateInputOf<S, Id>, TestCommandResults<S>>
  ): Promise<TestCallResult<S> & { decision: WireStateDecision }> {
    const state = this.findState(stateId);
    if (results && !state.spec.waitUntil && (results.timers || results.internalChannels || results.signals)) {
      throw new Error(
        `StateTester.execute('${stateId}'): ${stateId} has no waitUntil, so its execute gets no command ` +
          'results: leave the results argument out',
      );
    }
    const commandResults = results
      ? matchCommandResults(stateId, this.commandsByState.get(stateId), results, this.encoder)
      : undefined;
    const response = await this.worker.handleExecute({
      context: this.context(stateId),
      workflowType: this.workflow.workflowType,
      workflowStateId: stateId,
      ...this.encodedInput(input),
      DataObjects: this.sorted(this.data),
      searchAttributes: [...this.search.values()],
      stateLocals: [...this.locals.values()],
      ...(commandResults ? { commandResults } : {}),
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
  async rpc<N extends keyof RpcsOf<W> & string>(
    rpcName: N,
    ...[input, channelSizes = {}]: InputThen<RpcInput<RpcsOf<W>[N]>, TestChannelSizes<S>>
  ): Promise<TestCallResult<S> & { output: RpcOutput<RpcsOf<W>[N]> }> {
    const sizes = (m: Record<string, number | undefined> = {}) =>
      Object.fromEntries(Object.entries(m).map(([k, size]) => [k, { size: size ?? 0 }]));
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
      output: this.encoder.decode(response.output) as RpcOutput<RpcsOf<W>[N]>,
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

  private apply(
    data: KeyValue[] | undefined,
    search: SearchAttribute[] | undefined,
    publishes: InterStateChannelPublishing[] | undefined,
    locals: KeyValue[] | undefined,
  ): TestCallResult<S> {
    for (const kv of data ?? []) if (kv.key) this.data.set(kv.key, kv);
    for (const sa of search ?? []) if (sa.key) this.search.set(sa.key, sa);
    const decode = (list: KeyValue[] | undefined) =>
      Object.fromEntries((list ?? []).map((kv) => [kv.key ?? '', this.encoder.decode(kv.value)]));
    // The worker wrote what the schema allows (it checks keys and channel names), so the casts hold.
    return {
      upsertedDataAttributes: decode(data) as TestDataAttributes<S>,
      upsertedSearchAttributes: Object.fromEntries(
        (search ?? []).map((sa) => [sa.key ?? '', searchAttributeValue(sa)]),
      ) as TestSearchAttributes<S>,
      upsertedStateLocals: decode(locals),
      published: (publishes ?? []).map((p) => ({
        channelName: p.channelName as TestCallResult<S>['published'][number]['channelName'],
        value: this.encoder.decode(p.value),
      })),
    };
  }
}
