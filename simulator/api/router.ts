import { hostname } from 'node:os';
import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { ApiReply, ApiRequest } from '../contracts.ts';
import type { Engine } from '../engine/engine.ts';
import { decodeLikeGo } from '../schema/go-decode.ts';
import { readGoJson } from '../schema/go-json-text.ts';
import { RequestSchemas } from '../schema/wire-schemas.ts';
import {
  handleGetDataObjects,
  handleGetSearchAttributes,
  handleSetDataObjects,
  handleSetSearchAttributes,
} from './handlers/attributes.ts';
import {
  handleConfigUpdate,
  handleDump,
  handleStop,
  handleTriggerContinueAsNew,
  handleWaitForStateCompletion,
} from './handlers/control.ts';
import { handleGet, handleGetWithWait } from './handlers/get.ts';
import { handlePublish, handleSignal, handleSkipTimer } from './handlers/messaging.ts';
import { handleReset } from './handlers/reset.ts';
import { handleRpc } from './handlers/rpc.ts';
import { handleSearch } from './handlers/search.ts';
import { handleStart } from './handlers/start.ts';
import { Replies } from './replies.ts';

// biome-ignore lint/suspicious/noExplicitAny: each handler takes its own request type; the schema check ran before.
type Handler = (engine: Engine, body: any) => ApiReply | Promise<ApiReply>;

interface Route {
  handler: Handler;
  /** Empty workflowId → 400 `WorkflowId is not set on request.` (docs/semantics/wire.md#errors-1). */
  requiresWorkflowId: boolean;
}

const route = (handler: Handler, requiresWorkflowId = true): Route => ({ handler, requiresWorkflowId });

const POST_ROUTES: Readonly<Record<string, Route>> = {
  [ApiPaths.start]: route(handleStart, false),
  [ApiPaths.waitForStateCompletion]: route(handleWaitForStateCompletion, false),
  [ApiPaths.signal]: route(handleSignal),
  [ApiPaths.publishToInternalChannel]: route(handlePublish),
  [ApiPaths.stop]: route(handleStop),
  [ApiPaths.get]: route(handleGet),
  [ApiPaths.getWithWait]: route(handleGetWithWait),
  [ApiPaths.dataObjectsGet]: route(handleGetDataObjects),
  [ApiPaths.dataObjectsSet]: route(handleSetDataObjects),
  [ApiPaths.searchAttributesGet]: route(handleGetSearchAttributes),
  [ApiPaths.searchAttributesSet]: route(handleSetSearchAttributes),
  [ApiPaths.search]: route(handleSearch, false),
  [ApiPaths.reset]: route(handleReset),
  [ApiPaths.skipTimer]: route(handleSkipTimer, false),
  [ApiPaths.dump]: route(handleDump),
  [ApiPaths.configUpdate]: route(handleConfigUpdate),
  [ApiPaths.triggerContinueAsNew]: route(handleTriggerContinueAsNew),
  [ApiPaths.rpc]: route(handleRpc),
};

const GET_PATHS = new Set(['/', ApiPaths.healthcheck]);

/**
 * Routes a client request like the real server's gin router (docs/semantics/faults.md#a21 to #a37): unknown path or
 * wrong method → 404 text, trailing slash → redirect, body parsing and schema check → 400
 * `invalid request schema`, missing workflowId → 400, handler crash → 500.
 *
 * @example
 * await routeRequest(engine, { method: 'POST', path: '/api/v1/workflow/get', body: { workflowId: 'wf' } });
 */
export async function routeRequest(
  engine: Engine,
  request: ApiRequest,
  onDecoded?: (body: unknown) => void,
): Promise<ApiReply> {
  try {
    return await answer(engine, request, onDecoded);
  } catch (error) {
    return simulatorFault(engine, request.path, error);
  }
}

async function answer(
  engine: Engine,
  request: ApiRequest,
  onDecoded: ((body: unknown) => void) | undefined,
): Promise<ApiReply> {
  const method = request.method.toUpperCase();
  const queryAt = request.path.indexOf('?');
  const path = queryAt >= 0 ? request.path.slice(0, queryAt) : request.path;
  if (method === 'GET' && GET_PATHS.has(path)) return answerGet(path);
  const target = POST_ROUTES[path];
  if (!target || method !== 'POST') return redirectOrNotFound(method, path);
  const parsed = parseBody(request);
  if (parsed === INVALID) return Replies.invalidSchema();
  // Go matches JSON keys to fields case-insensitively: `WorkflowId` is a workflowId there too.
  const decoded = decodeLikeGo(parsed, RequestSchemas[path]!);
  if (decoded.problem !== undefined) return Replies.invalidSchema();
  const body = decoded.value;
  onDecoded?.(body);
  if (target.requiresWorkflowId && !(body as { workflowId?: string } | null)?.workflowId)
    return Replies.workflowIdNotSet();
  return target.handler(engine, body);
}

const INVALID = Symbol('invalid body');

function parseBody(request: ApiRequest): unknown {
  if (request.rawBody !== undefined) {
    // Go's decoder reads the first JSON value and ignores what follows it (measured).
    const read = readGoJson(request.rawBody, 'first-value');
    return read.problem === undefined ? read.value : INVALID;
  }
  return request.body === undefined ? INVALID : request.body;
}

// A simulator bug, never a JavaScript text for the client: a 500 that says what failed, the
// JavaScript error in the simulator's log.
function simulatorFault(engine: Engine, path: string, error: unknown): ApiReply {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  engine.runtime.log(`simulator fault while answering ${path}: ${detail}`);
  return Replies.internal(
    `the iWF simulator failed to answer ${path} (a simulator bug: its log has the cause)`,
  );
}

function answerGet(path: string): ApiReply {
  if (path === '/')
    return { status: 200, body: 'Hello World from iWF server!', contentType: 'text/plain; charset=utf-8' };
  return Replies.ok({ condition: 'OK', hostname: hostname(), duration: 0 });
}

function redirectOrNotFound(method: string, path: string): ApiReply {
  if (path.length > 1 && path.endsWith('/')) {
    const bare = path.slice(0, -1);
    const known =
      method === 'GET' ? GET_PATHS.has(bare) : method === 'POST' && POST_ROUTES[bare] !== undefined;
    // gin's RedirectTrailingSlash: 301 for GET, 307 for other methods.
    if (known) return { status: method === 'GET' ? 301 : 307, body: '', headers: { Location: bare } };
  }
  return Replies.pageNotFound(method);
}
