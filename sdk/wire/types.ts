/**
 * The iWF REST protocol as JSON types, named after the official IDL (`iwf.yaml`): shared values and
 * options, the client API, and the worker API.
 *
 * @example
 * import type { EncodedObject, WorkflowStartRequest } from './types.ts';
 */
export * from './client-api-types.ts';
export * from './common-types.ts';
export * from './worker-api-types.ts';
