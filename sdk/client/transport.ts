import { toHttpError } from './errors.ts';

/** A server answer: status and parsed body. */
export interface TransportReply {
  status: number;
  body: unknown;
}

/**
 * How a client reaches an iWF server. Over HTTP by default; the test harness plugs the simulator in
 * directly, with no sockets and no JSON.
 *
 * @example
 * const transport = fetchTransport('http://localhost:8801');
 */
export interface ClientTransport {
  post(path: string, body: object): Promise<TransportReply>;
}

/** Options of the HTTP transport. */
export interface FetchTransportOptions {
  /** Defaults to `globalThis.fetch`, looked up at call time so msw can intercept it. */
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

/**
 * Sends client requests with `fetch` to a server URL.
 *
 * @example
 * new Client(registry, { transport: fetchTransport('http://127.0.0.1:8801') });
 */
export function fetchTransport(serverUrl: string, options: FetchTransportOptions = {}): ClientTransport {
  const base = serverUrl.replace(/\/+$/, '');
  return {
    async post(path, body) {
      const doFetch = options.fetch ?? globalThis.fetch;
      const response = await doFetch(base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      if (text !== '' && (response.headers.get('content-type') ?? '').includes('json')) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
      }
      return { status: response.status, body: parsed };
    },
  };
}

/**
 * Posts and returns the body of a 200 answer; any other status becomes a typed error.
 *
 * @example
 * const body = await postOrThrow(transport, '/api/v1/workflow/get', { workflowId: 'a' });
 */
export async function postOrThrow<T>(transport: ClientTransport, path: string, body: object): Promise<T> {
  const reply = await transport.post(path, body);
  if (reply.status !== 200) throw toHttpError(reply.status, reply.body, path);
  return reply.body as T;
}
