import type { ChannelInfo, EncodedObject } from '../../../sdk/wire/types.ts';
import { setOwn } from '../../schema/own-property.ts';
import { NonShrinkingList } from '../support/non-shrinking-list.ts';

/**
 * A command waiting on a channel; `owner` is re-evaluated once a delivery batch is complete.
 *
 * @example
 * const waiter: ChannelWaiter = { receive: (v) => {}, owner: { evaluate: () => {} } };
 */
export interface ChannelWaiter {
  receive(value: EncodedObject | undefined): void;
  readonly owner: { evaluate(): void };
}

let nextVersion = 1;

/**
 * Named FIFO buffers (signal channels or internal channels, docs/semantics/execution.md#channels-1, #channels-3) plus the commands
 * waiting on them, served first come first served. Each message is consumed exactly once.
 *
 * @example
 * channels.push('approve', { encoding: 'json', data: 'true' });
 * channels.size('approve'); // 1
 */
export class ChannelSet {
  private buffers: Map<string, (EncodedObject | undefined)[]> | undefined;
  // A channel's waiter list stays when it empties: a state that waits on the same channel step after
  // step would otherwise reallocate the map's table and the list's storage every time.
  private waiters: Map<string, NonShrinkingList<ChannelWaiter>> | undefined;
  /**
   * Changes on every push, take and restore, unique across channel sets: tells a checkpoint whether
   * the buffers changed since it copied them.
   */
  version = nextVersion++;

  push(name: string, value: EncodedObject | undefined): void {
    this.version = nextVersion++;
    this.buffers ??= new Map();
    const buffer = this.buffers.get(name);
    if (buffer) buffer.push(value);
    else this.buffers.set(name, [value]);
  }

  size(name: string): number {
    return this.buffers?.get(name)?.length ?? 0;
  }

  /** Takes the oldest message; `found` is false when the channel is empty. */
  take(name: string): { found: boolean; value: EncodedObject | undefined } {
    const buffer = this.buffers?.get(name);
    if (!buffer || buffer.length === 0) return { found: false, value: undefined };
    this.version = nextVersion++;
    const value = buffer.shift();
    // Channels disappear when emptied, so RPC channel infos list only non-empty ones.
    if (buffer.length === 0) this.buffers!.delete(name);
    return { found: true, value };
  }

  /**
   * Queues a waiter on channel `name`; returns the list it waits in, from which the waiter removes
   * itself (`list.remove(waiter)`) without another lookup.
   */
  addWaiter(name: string, waiter: ChannelWaiter): NonShrinkingList<ChannelWaiter> {
    this.waiters ??= new Map();
    let list = this.waiters.get(name);
    if (!list) {
      list = new NonShrinkingList();
      this.waiters.set(name, list);
    }
    list.push(waiter);
    return list;
  }

  /** Hands buffered messages of `name` to waiting commands in FIFO order; collects their owners. */
  pump(name: string, touched: Set<{ evaluate(): void }>): void {
    const list = this.waiters?.get(name);
    if (!list) return;
    while (list.size > 0) {
      const { found, value } = this.take(name);
      if (!found) break;
      const waiter = list.shift()!;
      waiter.receive(value);
      touched.add(waiter.owner);
    }
  }

  /** Sizes of non-empty channels, as RPC requests carry them (always an object). */
  infos(): Record<string, ChannelInfo> {
    const out: Record<string, ChannelInfo> = {};
    if (this.buffers) for (const [name, buffer] of this.buffers) setOwn(out, name, { size: buffer.length });
    return out;
  }

  /** A copy of every buffer (for a reset checkpoint); later pushes and takes do not change it. */
  copyBuffers(): Map<string, (EncodedObject | undefined)[]> | undefined {
    if (!this.buffers || this.buffers.size === 0) return undefined;
    const copy = new Map<string, (EncodedObject | undefined)[]>();
    for (const [name, buffer] of this.buffers) copy.set(name, buffer.slice());
    return copy;
  }

  /** Replaces the buffers with a copy of a checkpoint's (waiters are untouched). */
  restoreBuffers(buffers: ReadonlyMap<string, readonly (EncodedObject | undefined)[]> | undefined): void {
    this.version = nextVersion++;
    this.buffers = undefined;
    if (!buffers) return;
    this.buffers = new Map();
    for (const [name, buffer] of buffers) this.buffers.set(name, buffer.slice());
  }

  clearWaiters(): void {
    this.waiters = undefined;
  }
}
