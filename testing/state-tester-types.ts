import type {
  DataAttributeKeyOf,
  DataAttributeValueOf,
  InternalChannelNameOf,
  InternalChannelValueOf,
  SearchAttributeKeyOf,
  SearchAttributeValueOf,
  SignalChannelNameOf,
  SignalChannelValueOf,
} from '../sdk/schema-spec.ts';
import type {
  ChannelRequestStatus,
  TimerStatus,
  StateDecision as WireStateDecision,
} from '../sdk/wire/types.ts';

/**
 * A workflow's data attributes as plain values, keyed and typed by its schema.
 *
 * @example
 * const status: string | undefined = tester.dataAttributes.status;
 */
export type TestDataAttributes<S> = { [K in DataAttributeKeyOf<S>]?: DataAttributeValueOf<S, K> };

/**
 * A workflow's search attributes as plain values, keyed and typed by its schema.
 *
 * @example
 * const title: string | undefined = tester.searchAttributes.Title;
 */
export type TestSearchAttributes<S> = { [K in SearchAttributeKeyOf<S>]?: SearchAttributeValueOf<S, K> };

/**
 * The attributes a tested state or RPC sees, as plain values typed by the workflow's schema.
 *
 * @example
 * const initial: TestPersistence<SchemaOf<typeof Signup>> = { dataAttributes: { status: 'waiting' } };
 */
export interface TestPersistence<S = unknown> {
  dataAttributes?: TestDataAttributes<S>;
  searchAttributes?: TestSearchAttributes<S>;
  stateLocals?: Record<string, unknown>;
}

/**
 * How one internal channel command ended; `channelName`, when given, must match the command's.
 *
 * @example
 * const verified: TestInternalChannelResult<SchemaOf<typeof Signup>> = { status: 'RECEIVED', channelName: 'verify' };
 */
export type TestInternalChannelResult<S> = {
  [N in InternalChannelNameOf<S>]: {
    status: ChannelRequestStatus;
    value?: InternalChannelValueOf<S, N>;
    channelName?: N;
  };
}[InternalChannelNameOf<S>];

/**
 * How one signal channel command ended; `channelName`, when given, must match the command's.
 *
 * @example
 * const paid: TestSignalResult<SchemaOf<typeof Subscription>> = { status: 'RECEIVED', value: 30 };
 */
export type TestSignalResult<S> = {
  [N in SignalChannelNameOf<S>]: {
    status: ChannelRequestStatus;
    value?: SignalChannelValueOf<S, N>;
    channelName?: N;
  };
}[SignalChannelNameOf<S>];

/**
 * How the commands of the state's last waitUntil ended, one entry per command of each kind, in
 * the order waitUntil returned them.
 *
 * @example
 * const results: TestCommandResults<SchemaOf<typeof Signup>> = { timers: ['FIRED'], internalChannels: [{ status: 'WAITING' }] };
 */
export interface TestCommandResults<S = unknown> {
  timers?: TimerStatus[];
  internalChannels?: TestInternalChannelResult<S>[];
  signals?: TestSignalResult<S>[];
  /** False to test the path after a tolerated waitUntil failure. */
  waitUntilSucceeded?: boolean;
}

/**
 * What a tested call did: its writes, publishes and (for execute/RPC) decision, decoded.
 *
 * @example
 * expect(result.upsertedDataAttributes).toEqual({ status: 'verified' });
 */
export interface TestCallResult<S = unknown> {
  upsertedDataAttributes: TestDataAttributes<S>;
  upsertedSearchAttributes: TestSearchAttributes<S>;
  upsertedStateLocals: Record<string, unknown>;
  published: { channelName: InternalChannelNameOf<S>; value: unknown }[];
  decision?: WireStateDecision;
}

/**
 * Channel sizes an RPC sees, by channel name.
 *
 * @example
 * await tester.rpc('describe', undefined, { internal: { queue: 3 } });
 */
export interface TestChannelSizes<S = unknown> {
  internal?: { [N in InternalChannelNameOf<S>]?: number };
  signal?: { [N in SignalChannelNameOf<S>]?: number };
}
