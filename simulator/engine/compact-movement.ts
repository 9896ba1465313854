import type { StateMovement, WorkflowStateOptions } from '../../sdk/wire/types.ts';

/**
 * The movement a thread keeps (for its life and in reset checkpoints), as one small flat object:
 * only the fields the engine reads, and the state options of `previous` when they are equal (a state
 * that moves to itself, as a reminder loop does, sends equal options every time).
 *
 * @example
 * const kept = compactMovement(decided, finishedThread.movement);
 */
export function compactMovement(movement: StateMovement, previous?: StateMovement): StateMovement {
  const options = movement.stateOptions ?? undefined;
  const previousOptions = previous?.stateOptions ?? undefined;
  return {
    stateId: movement.stateId,
    stateInput: movement.stateInput ?? undefined,
    stateOptions:
      options !== undefined && previousOptions !== undefined && sameJson(options, previousOptions)
        ? previousOptions
        : (options as WorkflowStateOptions | undefined),
    waitForKey: movement.waitForKey ?? undefined,
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
