import type {
  EncodedObject,
  WorkflowStateDecideResponse,
  WorkflowStateStartResponse,
} from '../../sdk/wire/types.ts';

/** Temporal's default blob size limit (faults doc A28, B23): 2 MB. */
export const BLOB_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Whether a state API answer is over the blob limit, so Temporal refuses the activity result
 * (faults doc B23: `Complete result exceeds size limit.`, not retried). Counts the payload text.
 *
 * @example
 * answerExceedsBlobLimit({ upsertDataObjects: [{ key: 'big', value: { data: 'x'.repeat(3e6) } }] }); // true
 */
export function answerExceedsBlobLimit(
  answer: WorkflowStateStartResponse & WorkflowStateDecideResponse,
): boolean {
  let total = 0;
  const add = (value: EncodedObject | undefined | null): void => {
    if (value) total += (value.data?.length ?? 0) + (value.encoding?.length ?? 0);
  };
  for (const kv of answer.upsertDataObjects ?? []) add(kv.value);
  for (const kv of answer.upsertStateLocals ?? []) add(kv.value);
  for (const kv of answer.recordEvents ?? []) add(kv.value);
  for (const message of answer.publishToInterStateChannel ?? []) add(message.value);
  for (const movement of answer.stateDecision?.nextStates ?? []) add(movement.stateInput);
  total += answer.localActivityInput?.length ?? 0;
  return total > BLOB_LIMIT_BYTES;
}
