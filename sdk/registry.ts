import { InvalidArgumentError, WorkflowDefinitionError } from './errors.ts';
import type { StateDefinition } from './state.ts';
import {
  type StateOptions,
  type StateWireInfo,
  toWireStateOptions,
  validateStateOptions,
} from './state-options.ts';
import type { PersistenceLoadingPolicy, WorkflowStateOptions } from './wire/types.ts';
import type { AnyWorkflow } from './workflow.ts';

interface RegisteredWorkflow {
  readonly workflow: AnyWorkflow;
  // biome-ignore lint/suspicious/noExplicitAny: states of one workflow take different inputs
  readonly states: ReadonlyMap<string, StateDefinition<any, any>>;
  /** Each state's wire options without an override, resolved once when the workflow is added. */
  readonly wireOptions: Map<string, WorkflowStateOptions>;
}

/**
 * The workflows a worker serves and a client starts, validated when added: mistakes in a
 * definition fail here, with a message naming the workflow, the state and the fix.
 *
 * @example
 * const registry = new Registry().addWorkflows(UserSignupWorkflow);
 */
export class Registry {
  private readonly workflows = new Map<string, RegisteredWorkflow>();

  /**
   * @param options.howToRegister what the error for an unregistered workflow tells the caller to
   *   do (default: `add it with registry.addWorkflow(...)`); a harness that builds the registry
   *   names its own option instead.
   */
  constructor(private readonly options: { howToRegister?: string } = {}) {}

  /** Adds and validates a workflow. */
  addWorkflow(workflow: AnyWorkflow): this {
    const type = workflow.workflowType;
    if (!type) throw new WorkflowDefinitionError('a workflow needs a non-empty workflowType');
    if (this.workflows.has(type)) {
      throw new WorkflowDefinitionError(
        `workflow type ${type} is registered twice: give each workflow its own type`,
      );
    }
    const wireOptions = new Map<string, WorkflowStateOptions>();
    this.workflows.set(type, { workflow, states: validateStates(workflow), wireOptions });
    validateRpcs(workflow);
    for (const state of workflow.states) {
      validateStateOptions(type, state.stateId, state.spec.options);
      // Resolves proceed states, so a missing one fails now.
      wireOptions.set(state.stateId, this.stateOptions(type, state.stateId));
    }
    return this;
  }

  /** Adds and validates several workflows. */
  addWorkflows(...workflows: AnyWorkflow[]): this {
    for (const w of workflows) this.addWorkflow(w);
    return this;
  }

  /** The registered workflow types. */
  workflowTypes(): string[] {
    return [...this.workflows.keys()];
  }

  /** The workflow of a type, or an error that says how to register it. */
  workflow(workflowType: string): AnyWorkflow {
    return this.entry(workflowType).workflow;
  }

  /** The registered definition itself, or an error when another definition of its type is registered. */
  registered<W extends AnyWorkflow>(workflow: W): W {
    const wf = this.workflow(workflow.workflowType);
    if (wf !== workflow) {
      throw new InvalidArgumentError(
        `a different definition of workflow ${workflow.workflowType} is registered: pass the registered one`,
      );
    }
    return workflow;
  }

  /** A state of a workflow, or an error naming both. */
  // biome-ignore lint/suspicious/noExplicitAny: callers decode the input at run time
  state(workflowType: string, stateId: string): StateDefinition<any, any> {
    const state = this.entry(workflowType).states.get(stateId);
    if (!state) {
      throw new InvalidArgumentError(
        `state ${stateId} is not registered in workflow ${workflowType}: add it to the workflow's states`,
      );
    }
    return state;
  }

  /** The wire options for moving to a state, with `override` replacing the state's own options. */
  stateOptions(workflowType: string, stateId: string, override?: StateOptions): WorkflowStateOptions {
    const lookup = (id: string): StateWireInfo => {
      const s = this.state(workflowType, id);
      return { skipWaitUntil: s.skipWaitUntil, options: s.spec.options };
    };
    const info = lookup(stateId);
    return toWireStateOptions(stateId, override ? { ...info, options: override } : info, lookup);
  }

  /**
   * The wire options for moving to a state without an override: one object per state, resolved when
   * the workflow was added and shared by every movement to it (the server never changes them). Throws
   * like `state` for an unknown workflow or state.
   *
   * @internal the worker's path; `stateOptions` returns a fresh object.
   */
  sharedStateOptions(workflowType: string, stateId: string): WorkflowStateOptions {
    const options = this.workflows.get(workflowType)?.wireOptions.get(stateId);
    return options ?? this.stateOptions(workflowType, stateId);
  }

  private entry(workflowType: string): RegisteredWorkflow {
    const entry = this.workflows.get(workflowType);
    if (!entry) {
      throw new InvalidArgumentError(
        `workflow type ${workflowType} is not registered: ${this.options.howToRegister ?? 'add it with registry.addWorkflow(...)'} ` +
          `(registered: ${this.workflowTypes().join(', ') || 'none'})`,
      );
    }
    return entry;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see RegisteredWorkflow
function validateStates(workflow: AnyWorkflow): Map<string, StateDefinition<any, any>> {
  const type = workflow.workflowType;
  // biome-ignore lint/suspicious/noExplicitAny: see RegisteredWorkflow
  const states = new Map<string, StateDefinition<any, any>>();
  for (const state of workflow.states) {
    const id: string = state.stateId;
    if (!id) {
      throw new WorkflowDefinitionError(`workflow ${type} has a state without an id`);
    }
    if (id.startsWith('_SYS_')) {
      throw new WorkflowDefinitionError(
        `state ${id} of workflow ${type} uses the reserved prefix _SYS_: rename it`,
      );
    }
    if (states.has(id)) {
      throw new WorkflowDefinitionError(
        `state ${id} is defined twice in workflow ${type}: keep one definition`,
      );
    }
    if (!workflow.schema.hasState(id)) {
      throw new WorkflowDefinitionError(
        `state ${id} of workflow ${type} is not declared in its schema: add it to states`,
      );
    }
    if (typeof state.spec?.execute !== 'function') {
      throw new WorkflowDefinitionError(`state ${id} of workflow ${type} has no execute function`);
    }
    states.set(id, state);
  }
  for (const declared of Object.keys(workflow.schema.spec.states)) {
    if (!states.has(declared)) {
      throw new WorkflowDefinitionError(
        `state ${declared} is declared in the schema of workflow ${type} but has no definition: ` +
          `define it with schema.state('${declared}', {...}) and add it to the workflow's states`,
      );
    }
  }
  const start = workflow.startingStateId;
  if (start !== undefined && !states.has(start)) {
    throw new WorkflowDefinitionError(`starting state ${start} of workflow ${type} is not one of its states`);
  }
  return states;
}

function validateRpcs(workflow: AnyWorkflow): void {
  const check = (rpcName: string, policy: PersistenceLoadingPolicy | undefined) => {
    for (const key of [...(policy?.partialLoadingKeys ?? []), ...(policy?.lockingKeys ?? [])]) {
      try {
        workflow.schema.requireDataAttribute(key);
      } catch (error) {
        throw new WorkflowDefinitionError(
          `RPC ${rpcName} of workflow ${workflow.workflowType}: ${(error as Error).message}`,
        );
      }
    }
  };
  for (const [name, rpc] of Object.entries(workflow.rpcs)) {
    if (typeof rpc?.spec?.handler !== 'function') {
      throw new WorkflowDefinitionError(`RPC ${name} of workflow ${workflow.workflowType} has no handler`);
    }
    check(name, rpc.spec.dataAttributesLoadingPolicy);
  }
}
