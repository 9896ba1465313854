import type { IncomingMessage, ServerResponse } from 'node:http';
import { WorkerPaths } from '../wire/paths.ts';
import type { WorkerHandler } from './worker-service.ts';

/**
 * Options of {@link workerRequestListener}.
 *
 * @example
 * const options: WorkerRequestListenerOptions = { workerService, prefix: '/worker' };
 */
export interface WorkerRequestListenerOptions {
  workerService: WorkerHandler;
  /** A path the worker URL has before the iWF paths, as the Java samples' `/worker` (default none). */
  prefix?: string;
  /** Largest request body accepted, in bytes (default 10 MiB: the server sends values up to 2 MB each). */
  bodyLimit?: number;
}

/**
 * What the listener does with a request that is not for the worker: Express/Connect's `next`.
 *
 * @example
 * expressApp.use(workerRequestListener({ workerService })); // other paths go on to the next handler
 */
export type NextHandler = (error?: unknown) => void;

const workerPaths: ReadonlySet<string> = new Set(Object.values(WorkerPaths));

/**
 * Serves a WorkerService's three endpoints with nothing but `node:http`. Other paths get a 404, or
 * go to `next` when it is given, so the listener also mounts as Express/Connect middleware.
 *
 * @example
 * import { createServer } from 'node:http';
 * createServer(workerRequestListener({ workerService: new WorkerService(registry) })).listen(8802);
 */
export function workerRequestListener(
  options: WorkerRequestListenerOptions,
): (request: IncomingMessage, response: ServerResponse, next?: NextHandler) => void {
  const prefix = (options.prefix ?? '').replace(/\/+$/, '');
  const bodyLimit = options.bodyLimit ?? 10 * 1024 * 1024;
  return (request, response, next) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const workerPath = path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
    if (request.method !== 'POST' || workerPath === undefined || !workerPaths.has(workerPath)) {
      if (next) return next();
      return answer(response, 404, { detail: `no worker endpoint at ${request.method} ${path}` });
    }
    readBody(request, bodyLimit)
      .then(
        async (text) => {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch (error) {
            return answer(response, 400, {
              detail: `the request body is not JSON: ${(error as Error).message}`,
            });
          }
          const reply = await options.workerService.handle(workerPath, body);
          answer(response, reply.status, reply.body);
        },
        (error: unknown) => answer(response, 413, { detail: (error as Error).message }),
      )
      .catch((error: unknown) => {
        if (!response.headersSent) answer(response, 500, { detail: String(error) });
      });
  };
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the 413 can still be answered.
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > limit) reject(new Error(`the request body is larger than bodyLimit (${limit} bytes)`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
