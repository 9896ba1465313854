import type { EncodedObject } from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import type { Engine } from '../../engine/engine.ts';
import { BLOB_LIMIT_BYTES } from '../../engine/worker-calls/blob-limit.ts';
import { Replies } from '../replies.ts';

/** Temporal's gRPC message limit (docs/semantics/faults.md#a27): 4 MB. */
const GRPC_LIMIT_BYTES = 4 * 1024 * 1024;
/** How long the real server's SDK client retries an over-size request before giving up (docs/semantics/faults.md#a27). */
const GRPC_GIVE_UP_MS = 10_000;

/**
 * The real server's answer to a client request carrying these values when they are too big:
 * over 4 MB, 500 `context deadline exceeded` after 10 s (docs/semantics/faults.md#a27, on the simulator's clock); over
 * 2 MB, 500 `Blob data size exceeds limit.` at once (docs/semantics/faults.md#a28, #a30); else undefined.
 *
 * @example
 * const refused = sizeLimitReply(engine, [request.signalValue]);
 * const tooMany = sizeLimitReply(engine, messages.map((m) => m.value), messages);
 * if (refused) return refused;
 */
export function sizeLimitReply(
  engine: Engine,
  values: readonly (EncodedObject | undefined | null)[],
  whole?: readonly unknown[],
): ApiReply | Promise<ApiReply> | undefined {
  // A list travels as one payload: its entries' keys and names count too (40,000 tiny messages
  // are over the limit on a real server, measured).
  const size = whole && whole.length > 1 ? JSON.stringify(whole).length : payloadSize(values);
  if (size > GRPC_LIMIT_BYTES) return deadlineExceeded(engine);
  if (size > BLOB_LIMIT_BYTES) return Replies.internal('Blob data size exceeds limit.');
  return undefined;
}

/**
 * The real server's answer to a request Temporal keeps failing until the server's 10 s deadline:
 * 500 `context deadline exceeded`, after 10 s on the simulator's clock.
 *
 * @example
 * if (tooDeep) return deadlineExceeded(engine);
 */
export function deadlineExceeded(engine: Engine): Promise<ApiReply> {
  const deadline = engine.runtime.clock.now() + GRPC_GIVE_UP_MS;
  return engine.longPoll(deadline, () => () => {}).then(() => Replies.internal('context deadline exceeded'));
}

function payloadSize(values: readonly (EncodedObject | undefined | null)[]): number {
  let total = 0;
  for (const value of values) if (value) total += (value.data?.length ?? 0) + (value.encoding?.length ?? 0);
  return total;
}
