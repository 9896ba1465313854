import type { CommandRequest, DeciderTriggerType } from '../../../sdk/wire/types.ts';
import { sharedAttributes } from '../../history/history.ts';

const LEGACY_TRIGGERS: Record<string, DeciderTriggerType> = {
  ALL_COMPLETED: 'ALL_COMMAND_COMPLETED',
  ANY_COMPLETED: 'ANY_COMMAND_COMPLETED',
  ANY_COMBINATION_COMPLETED: 'ANY_COMMAND_COMBINATION_COMPLETED',
};

/**
 * The trigger of a command request; `commandWaitingType` wins over `deciderTriggerType` (docs/semantics/worker-api.md#worker-3).
 *
 * @example
 * triggerTypeOf({ commandWaitingType: 'ANY_COMPLETED' }); // 'ANY_COMMAND_COMPLETED'
 */
export function triggerTypeOf(request: CommandRequest): DeciderTriggerType | undefined {
  if (request.commandWaitingType) return LEGACY_TRIGGERS[request.commandWaitingType];
  return request.deciderTriggerType ?? undefined;
}

const TRIGGER_ATTRIBUTES: Record<string, { trigger: DeciderTriggerType | undefined }> = {
  '': sharedAttributes({ trigger: undefined }),
  ALL_COMMAND_COMPLETED: sharedAttributes({ trigger: 'ALL_COMMAND_COMPLETED' }),
  ANY_COMMAND_COMPLETED: sharedAttributes({ trigger: 'ANY_COMMAND_COMPLETED' }),
  ANY_COMMAND_COMBINATION_COMPLETED: sharedAttributes({ trigger: 'ANY_COMMAND_COMBINATION_COMPLETED' }),
};

/**
 * The attributes of a CommandsCompleted history event: one shared object per trigger.
 *
 * @example
 * history.add('CommandsCompleted', executionId, triggerAttributes('ANY_COMMAND_COMPLETED'));
 */
export function triggerAttributes(trigger: DeciderTriggerType | undefined): {
  trigger: DeciderTriggerType | undefined;
} {
  return TRIGGER_ATTRIBUTES[trigger ?? ''] ?? { trigger };
}

const NONE: readonly never[] = [];

/**
 * Whether the completed commands (counts by command id) cover one of the combinations. A
 * combination may repeat an id: [T, S, S] needs two completed commands with id S (docs/semantics/execution.md#commands-1).
 *
 * @example
 * isCombinationCovered([['t', 's']], new Map([['t', 1], ['s', 1]])); // true
 */
export function isCombinationCovered(
  combinations: readonly (readonly string[])[] | undefined,
  completed: ReadonlyMap<string, number> | undefined,
): boolean {
  if (!completed) return false;
  for (const combination of combinations ?? NONE) {
    const needed = new Map<string, number>();
    for (const id of combination) needed.set(id, (needed.get(id) ?? 0) + 1);
    let covered = true;
    for (const [id, count] of needed) {
      if ((completed.get(id) ?? 0) < count) {
        covered = false;
        break;
      }
    }
    if (covered) return true;
  }
  return false;
}
