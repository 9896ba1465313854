import type { SearchAttributeValueType } from '../sdk/wire/types.ts';
import type { AnyWorkflow } from '../sdk/workflow.ts';
import { DEFAULT_SEARCH_ATTRIBUTES } from '../simulator/engine/attributes/search-attribute-registry.ts';

/**
 * The search attributes a simulator should register for these workflows: the default set plus
 * every one their schemas declare (a real server needs them registered too).
 *
 * @example
 * new Simulator({ workerTransport, searchAttributes: searchAttributesFor([JobPostWorkflow]) });
 */
export function searchAttributesFor(
  workflows: readonly AnyWorkflow[],
): Record<string, SearchAttributeValueType> {
  const registered: Record<string, SearchAttributeValueType> = { ...DEFAULT_SEARCH_ATTRIBUTES };
  for (const workflow of workflows) {
    for (const [key, decl] of Object.entries(workflow.schema.spec.searchAttributes ?? {})) {
      registered[key] = decl.valueType;
    }
  }
  return registered;
}
