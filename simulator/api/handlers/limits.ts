import type { EncodedObject } from '../../../sdk/wire/types.ts';
import type { ApiReply } from '../../contracts.ts';
import type { Engine } from '../../engine/runs/engine.ts';
import { BLOB_LIMIT_BYTES } from '../../engine/worker-calls/blob-limit.ts';
import { Replies } from '../replies.ts';

/** Temporal's gRPC message limit (docs/semantics/faults.md#a27): 4 MB. */
const GRPC_LIMIT_BYTES = 4 * 1024 * 1024;
/** How long the real server's SDK client retries an over-size request before giving up (A27). */
const GRPC_GIVE_UP_MS = 10_000;

/**
 * The real server's answer to a client request carrying these values when they are too big:
 * over 4 MB, 500 `context deadline exceeded` after 10 s (A27, on the simulator's clock); over
 * 2 MB, 500 `Blob data size exceeds limit.` at once (A28, A30); else undefined.
 *
 * @example
 * const refused = sizeLimitReply(engine, [request.signalValue]);
 * if (refused) return refused;
 */
export function sizeLimitReply(
  engine: Engine,
  values: readonly (EncodedObject | undefined | null)[],
): ApiReply | Promise<ApiReply> | undefined {
  const size = payloadSize(values);
  if (size > GRPC_LIMIT_BYTES) {
    const deadline = engine.runtime.clock.now() + GRPC_GIVE_UP_MS;
    return engine
      .longPoll(deadline, () => () => {})
      .then(() => Replies.internal('context deadline exceeded'));
  }
  if (size > BLOB_LIMIT_BYTES) return Replies.internal('Blob data size exceeds limit.');
  return undefined;
}

function payloadSize(values: readonly (EncodedObject | undefined | null)[]): number {
  let total = 0;
  for (const value of values) if (value) total += (value.data?.length ?? 0) + (value.encoding?.length ?? 0);
  return total;
}
