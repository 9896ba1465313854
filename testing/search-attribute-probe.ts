import type { ClientTransport } from '../sdk/client/transport.ts';
import { ApiPaths } from '../sdk/wire/paths.ts';
import type { SearchAttribute, SearchAttributeValueType } from '../sdk/wire/types.ts';
import type { AnyWorkflow } from '../sdk/workflow.ts';
import { DEFAULT_SEARCH_ATTRIBUTES } from '../simulator/engine/attributes/search-attribute-registry.ts';

const SAMPLE_VALUES: Record<SearchAttributeValueType, Omit<SearchAttribute, 'key' | 'valueType'>> = {
  KEYWORD: { stringValue: 'probe' },
  TEXT: { stringValue: 'probe' },
  DATETIME: { stringValue: '2024-01-01T00:00:00+00:00' },
  INT: { integerValue: 0 },
  DOUBLE: { doubleValue: 0 },
  BOOL: { boolValue: false },
  KEYWORD_ARRAY: { stringArrayValue: ['probe'] },
};

/**
 * The search attributes the workflows declare that a server has not registered (a real server
 * refuses to start a workflow that sets one). It starts a stateless probe workflow with them and
 * terminates it; only attributes beyond the default Custom* set are probed.
 *
 * @example
 * const missing = await missingSearchAttributes(transport, 'probe-1', workflows);
 */
export async function missingSearchAttributes(
  server: ClientTransport,
  workflowId: string,
  workflows: readonly AnyWorkflow[],
): Promise<string[]> {
  const declared = new Map<string, SearchAttributeValueType>();
  for (const workflow of workflows) {
    for (const [key, decl] of Object.entries(workflow.schema.spec.searchAttributes ?? {})) {
      if (!(key in DEFAULT_SEARCH_ATTRIBUTES)) declared.set(key, decl.valueType);
    }
  }
  const missing: string[] = [];
  while (declared.size > 0) {
    const searchAttributes = [...declared].map(([key, valueType]) => ({
      key,
      valueType,
      ...SAMPLE_VALUES[valueType],
    }));
    const reply = await server.post(ApiPaths.start, {
      workflowId,
      iwfWorkflowType: '__SearchAttributeProbe',
      workflowTimeoutSeconds: 10,
      iwfWorkerUrl: 'http://127.0.0.1:1',
      workflowStartOptions: { searchAttributes, workflowIDReusePolicy: 'ALLOW_DUPLICATE' },
    });
    if (reply.status === 200) {
      await server.post(ApiPaths.stop, { workflowId, stopType: 'TERMINATE' });
      break;
    }
    const unknown = /search attribute ([A-Za-z0-9_]+)/.exec(JSON.stringify(reply.body))?.[1];
    if (!unknown || !declared.has(unknown)) break;
    missing.push(unknown);
    declared.delete(unknown);
  }
  return missing;
}
