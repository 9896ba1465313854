import type {
  EncodedObject,
  WorkflowStateDecideResponse,
  WorkflowStateStartResponse,
} from '../../../sdk/wire/types.ts';

/** Temporal's default blob size limit (docs/semantics/faults.md#a28, #b23): 2 MB. */
export const BLOB_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Whether a state API answer is over the blob limit, so Temporal refuses the activity result
 * (docs/semantics/faults.md#b23: `Complete result exceeds size limit.`, not retried). Counts the payload text.
 *
 * @example
 * answerExceedsBlobLimit({ upsertDataObjects: [{ key: 'big', value: { data: 'x'.repeat(3e6) } }] }); // true
 */
export function answerExceedsBlobLimit(
  answer: WorkflowStateStartResponse & WorkflowStateDecideResponse,
): boolean {
  // Plain loops over what is present: this runs on every answer, so it allocates nothing.
  let total = answer.localActivityInput?.length ?? 0;
  total += keyedLength(answer.upsertDataObjects);
  total += keyedLength(answer.upsertStateLocals);
  total += keyedLength(answer.recordEvents);
  const published = answer.publishToInterStateChannel;
  if (published) for (const message of published) total += payloadLength(message.value);
  const next = answer.stateDecision?.nextStates;
  if (next) for (const movement of next) total += payloadLength(movement.stateInput);
  return total > BLOB_LIMIT_BYTES;
}

function keyedLength(list: readonly { value?: EncodedObject | null }[] | undefined | null): number {
  let total = 0;
  if (list) for (const kv of list) total += payloadLength(kv.value);
  return total;
}

function payloadLength(value: EncodedObject | undefined | null): number {
  return value ? (value.data?.length ?? 0) + (value.encoding?.length ?? 0) : 0;
}
