import type { WorkerReply, WorkerTransport } from '../contracts.ts';

/**
 * Calls workers over HTTP at their `iwfWorkerUrl`, as the real server does. Failures without an
 * answer become errors worded like the Go client's, since they end up in `errorMessage`.
 *
 * @example
 * new Simulator({ clock: 'wall', workerTransport: httpWorkerTransport() });
 */
export function httpWorkerTransport(): WorkerTransport {
  return {
    async call(workerUrl, path, body, { timeoutMs }) {
      const url = workerUrl.replace(/\/+$/, '') + path;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
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
      const reply: WorkerReply = { status: response.status, text };
      if (response.statusText) reply.statusText = response.statusText;
      const contentType = response.headers.get('content-type');
      if (contentType) reply.contentType = contentType;
      return reply;
    },
  };
}

function describeFetchFailure(url: string, error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'context deadline exceeded';
  const code = e?.cause?.code;
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
