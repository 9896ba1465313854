import type { StateDecision, StateMovement } from '../decision.ts';
import type { ObjectEncoder } from '../encoder.ts';
import { WorkflowDefinitionError } from '../errors.ts';
import type { Registry } from '../registry.ts';
import type {
  StateDecision as WireStateDecision,
  StateMovement as WireStateMovement,
} from '../wire/types.ts';

/**
 * Turns a user's state movement into its wire form, attaching the target state's options.
 *
 * @example
 * movementToWire(registry, jsonEncoder, 'UserSignupWorkflow', StateMovement.create('VerifyState'));
 */
export function movementToWire(
  registry: Registry,
  encoder: ObjectEncoder,
  workflowType: string,
  m: StateMovement,
): WireStateMovement {
  const wire: WireStateMovement = { stateId: m.stateId };
  const input = encoder.encode(m.input);
  if (input) wire.stateInput = input;
  if (m.isSystem) return wire;
  const options = m.options;
  const override = options?.stateOptionsOverride;
  wire.stateOptions = override
    ? registry.stateOptions(workflowType, m.stateId, override)
    : registry.sharedStateOptions(workflowType, m.stateId);
  if (options?.waitForKey) wire.waitForKey = options.waitForKey;
  return wire;
}

/**
 * Turns movements into their wire form (an exact-size array, no callback).
 *
 * @example
 * movementsToWire(registry, jsonEncoder, 'UserSignupWorkflow', [StateMovement.create('VerifyState')]);
 */
export function movementsToWire(
  registry: Registry,
  encoder: ObjectEncoder,
  workflowType: string,
  movements: readonly StateMovement[],
): WireStateMovement[] {
  const n = movements.length;
  const wire = new Array<WireStateMovement>(n);
  for (let i = 0; i < n; i++) wire[i] = movementToWire(registry, encoder, workflowType, movements[i]!);
  return wire;
}

/**
 * Turns a state decision into its wire form; an empty decision is a mistake in the workflow code.
 *
 * @example
 * decisionToWire(registry, jsonEncoder, 'UserSignupWorkflow', 'VerifyState', StateDecision.deadEnd());
 */
export function decisionToWire(
  registry: Registry,
  encoder: ObjectEncoder,
  workflowType: string,
  fromStateId: string,
  decision: StateDecision,
): WireStateDecision {
  if (!decision || !Array.isArray(decision.nextStates)) {
    throw new WorkflowDefinitionError(
      `execute of state ${fromStateId} in workflow ${workflowType} must return a StateDecision, got ${String(decision)}`,
    );
  }
  if (decision.nextStates.length === 0) {
    throw new WorkflowDefinitionError(
      `execute of state ${fromStateId} in workflow ${workflowType} returned no next state: ` +
        'return StateDecision.deadEnd() to end this thread, or a closing decision to end the workflow',
    );
  }
  const wire: WireStateDecision = {
    nextStates: movementsToWire(registry, encoder, workflowType, decision.nextStates),
  };
  const close = decision.conditionalClose;
  if (close) {
    wire.conditionalClose = { conditionalCloseType: close.type, channelName: close.channelName };
    const output = encoder.encode(close.output);
    if (output) wire.conditionalClose.closeInput = output;
  }
  return wire;
}
