import type { StateMovement } from './decision.ts';
import type { OptionalIfVoid } from './declarations.ts';
import type { ObjectEncoder } from './encoder.ts';
import { InvalidArgumentError } from './errors.ts';
import type {
  InternalChannelNameOf,
  InternalChannelValueOf,
  SchemaIndex,
  SignalChannelNameOf,
} from './schema-spec.ts';
import type { ChannelInfo, InterStateChannelPublishing } from './wire/types.ts';

/**
 * Messages between parts of a workflow: publish to internal channels; in RPCs also read channel
 * sizes and start new state executions.
 *
 * @example
 * communication.publishToInternalChannel('verify');
 */
export interface Communication<S = unknown> {
  publishToInternalChannel<K extends InternalChannelNameOf<S>>(
    channelName: K,
    ...value: OptionalIfVoid<InternalChannelValueOf<S, K>>
  ): void;
  /** RPC only: start these states as new threads when the RPC returns. */
  triggerStateMovements(...movements: StateMovement[]): void;
  /** RPC only: messages waiting on an internal channel, including this call's own publishes. */
  getInternalChannelSize(channelName: InternalChannelNameOf<S>): number;
  /** RPC only: signals waiting on a signal channel. */
  getSignalChannelSize(channelName: SignalChannelNameOf<S>): number;
}

/** Channel sizes the server sends with an RPC request. */
export interface RpcChannelInfos {
  internal: Record<string, ChannelInfo>;
  signal: Record<string, ChannelInfo>;
}

/**
 * The SDK's Communication: buffers publishes and movements for the response.
 *
 * @example
 * const c = new CommunicationImpl(index, jsonEncoder, undefined); // in a state API
 */
export class CommunicationImpl implements Communication<unknown> {
  // Created on first use: most calls publish nothing and move nowhere.
  private publishList: InterStateChannelPublishing[] | undefined;
  private movementList: StateMovement[] | undefined;

  constructor(
    private readonly schema: SchemaIndex,
    private readonly encoder: ObjectEncoder,
    private readonly rpcInfos: RpcChannelInfos | undefined,
  ) {}

  /** The publishes of this call, in order. */
  get publishes(): InterStateChannelPublishing[] {
    this.publishList ??= [];
    return this.publishList;
  }
  /** The state movements this RPC triggered, in order. */
  get movements(): StateMovement[] {
    this.movementList ??= [];
    return this.movementList;
  }
  /** Whether this call published anything (without creating the list). @internal */
  get hasPublishes(): boolean {
    return this.publishList !== undefined && this.publishList.length > 0;
  }
  /** Whether this RPC triggered movements (without creating the list). @internal */
  get hasMovements(): boolean {
    return this.movementList !== undefined && this.movementList.length > 0;
  }

  publishToInternalChannel(channelName: string, value?: unknown): void {
    this.schema.requireInternalChannel(channelName);
    const publishing: InterStateChannelPublishing = { channelName };
    const encoded = this.encoder.encode(value);
    if (encoded) publishing.value = encoded;
    this.publishes.push(publishing);
  }
  triggerStateMovements(...movements: StateMovement[]): void {
    this.requireRpc('triggerStateMovements');
    this.movements.push(...movements);
  }
  getInternalChannelSize(channelName: string): number {
    const infos = this.requireRpc('getInternalChannelSize');
    this.schema.requireInternalChannel(channelName);
    let own = 0;
    for (const p of this.publishList ?? []) if (p.channelName === channelName) own++;
    return (infos.internal[channelName]?.size ?? 0) + own;
  }
  getSignalChannelSize(channelName: string): number {
    const infos = this.requireRpc('getSignalChannelSize');
    this.schema.requireSignalChannel(channelName);
    return infos.signal[channelName]?.size ?? 0;
  }

  private requireRpc(what: string): RpcChannelInfos {
    if (!this.rpcInfos) {
      throw new InvalidArgumentError(
        `${what} is only available in RPCs; in a state, return the next states from execute instead`,
      );
    }
    return this.rpcInfos;
  }
}
