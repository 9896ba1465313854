import type { WorkerReply, WorkerTransport } from '../contracts.ts';
import { keepAliveAgents, postJson } from './node-http-post.ts';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const MAX_TIMER_MS = 2_147_483_647;

/**
 * The engine times a call out with its own timer on the simulator's clock (its own error text);
 * the socket's deadline only ends the request, so it comes a little later and never wins a race.
 */
const BACKSTOP_MS = 250;

/**
 * Calls workers over HTTP at their `iwfWorkerUrl`, as the real server does. Failures without an
 * answer become errors worded like the Go client's, since they end up in `errorMessage`.
 * Requests go through `node:http` with keep-alive (a fifth of `fetch`'s cost per call on loopback);
 * a redirect, which `fetch` would follow, is followed with `fetch`.
 *
 * @example
 * new Simulator({ clock: 'wall', workerTransport: httpWorkerTransport() });
 */
export function httpWorkerTransport(): WorkerTransport {
  const agents = keepAliveAgents();
  return {
    async call(workerUrl, path, body, options) {
      // Node's timers take at most 2^31-1 ms (a longer one fires at once); such a timeout is forever anyway.
      const timeoutMs = Math.min(options.timeoutMs, MAX_TIMER_MS);
      const url = workerUrl.replace(/\/+$/, '') + path;
      const json = JSON.stringify(body);
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        parsed = undefined;
      }
      if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
        return fetchCall(url, url, 'POST', json, timeoutMs);
      const deadline = Date.now() + Math.max(1, timeoutMs);
      let answer: Awaited<ReturnType<typeof postJson>>;
      try {
        answer = await postJson(parsed, json, Math.max(1, timeoutMs) + BACKSTOP_MS, agents);
      } catch (error) {
        throw new Error(`Post "${url}": ${describeFetchFailure(url, error)}`);
      }
      const location = answer.headers.location;
      if (REDIRECTS.has(answer.status) && location) {
        const keepsBody = answer.status === 307 || answer.status === 308;
        return fetchCall(
          url,
          new URL(location, url).href,
          keepsBody ? 'POST' : 'GET',
          keepsBody ? json : undefined,
          deadline - Date.now(),
        );
      }
      // The reason phrase as sent, empty included (Tomcat sends none): it ends up in error texts.
      const reply: WorkerReply = { status: answer.status, text: answer.text, statusText: answer.statusText };
      if (answer.truncated) reply.truncated = true;
      const contentType = answer.headers['content-type'];
      if (contentType) reply.contentType = contentType;
      return reply;
    },
  };
}

// The original fetch path: odd URLs (for fetch's own errors) and redirects.
async function fetchCall(
  url: string,
  target: string,
  method: 'POST' | 'GET',
  json: string | undefined,
  timeoutMs: number,
): Promise<WorkerReply> {
  let response: Response;
  try {
    response = await fetch(target, {
      method,
      ...(json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: json }),
      signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
    });
  } catch (error) {
    throw new Error(`Post "${url}": ${describeFetchFailure(url, error)}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new Error(`Post "${url}": ${describeFetchFailure(url, error)}`);
  }
  const reply: WorkerReply = { status: response.status, text, statusText: response.statusText };
  const contentType = response.headers.get('content-type');
  if (contentType) reply.contentType = contentType;
  return reply;
}

function describeFetchFailure(url: string, error: unknown): string {
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'context deadline exceeded';
  // fetch wraps node's error in `cause`; node:http throws it directly.
  const code = e?.cause?.code ?? e?.code;
  let host = '';
  try {
    const u = new URL(url);
    host = `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return `unsupported protocol scheme ""`;
  }
  if (code === 'ECONNREFUSED') return `dial tcp ${host}: connect: connection refused`;
  if (code === 'ENOTFOUND') return `dial tcp: lookup ${host.split(':')[0]}: no such host`;
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'UND_ERR_CLOSED') return 'EOF';
  return e?.cause?.message ?? e?.message ?? String(error);
}
