import type { StateMovement, WorkflowStateOptions } from '../../../sdk/wire/types.ts';

/**
 * The movement a thread keeps (for its life and in reset checkpoints), as one small flat object:
 * only the fields the engine reads. A state that moves to itself (a reminder loop) sends an equal
 * movement every time: then `previous` itself is kept, else its equal state options and input.
 *
 * @example
 * const kept = threadMovement(decided, finishedThread.movement);
 */
export function threadMovement(movement: StateMovement, previous?: StateMovement): StateMovement {
  const options = (movement.stateOptions ?? undefined) as WorkflowStateOptions | undefined;
  const input = movement.stateInput ?? undefined;
  const waitForKey = movement.waitForKey ?? undefined;
  if (!previous) return { stateId: movement.stateId, stateInput: input, stateOptions: options, waitForKey };
  const sameOptions = sameJson(options, previous.stateOptions ?? undefined);
  const sameInput = sameJson(input, previous.stateInput ?? undefined);
  if (sameOptions && sameInput && movement.stateId === previous.stateId && waitForKey === previous.waitForKey)
    return previous;
  return {
    stateId: movement.stateId,
    stateInput: sameInput ? previous.stateInput : input,
    stateOptions: sameOptions ? previous.stateOptions : options,
    waitForKey,
  };
}

/**
 * Deep equality of two JSON values (objects, arrays, primitives).
 *
 * @example
 * sameJson({ a: [1] }, { a: [1] }); // true
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (left[key] === undefined) continue;
    count++;
    if (!sameJson(left[key], right[key])) return false;
  }
  for (const key in right) if (right[key] !== undefined) count--;
  return count === 0;
}
