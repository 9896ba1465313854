import { Registry } from '../sdk/registry.ts';
import type { AnyWorkflow } from '../sdk/workflow.ts';

/**
 * The registry of a test environment: a workflow the test forgot is reported with the option the
 * test controls, not with a registry it never sees.
 *
 * @example
 * const registry = testRegistry(options.workflows);
 */
export function testRegistry(workflows: readonly AnyWorkflow[]): Registry {
  return new Registry({
    howToRegister: 'list it in createTestEnvironment({ workflows: [...] })',
  }).addWorkflows(...workflows);
}
