/**
 * Errors raised by the SDK itself, for mistakes in workflow code or definitions.
 *
 * @example
 * throw new WorkflowDefinitionError('state SubmitState is declared twice in workflow UserSignupWorkflow');
 */
export class WorkflowDefinitionError extends Error {
  override name = 'WorkflowDefinitionError';
}

/**
 * A call with arguments the SDK cannot send, e.g. an undeclared key or a workflow that is not registered.
 *
 * @example
 * throw new InvalidArgumentError('workflow Foo is not registered; add it with registry.addWorkflow(...)');
 */
export class InvalidArgumentError extends Error {
  override name = 'InvalidArgumentError';
}
