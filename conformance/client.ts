/**
 * Raw JSON calls to an iWF server: no SDK, no retries, no redirects followed, so every scenario
 * sees exactly what the server answered.
 *
 * @example
 * const client = new RawClient('http://127.0.0.1:8801');
 * const res = await client.post('/api/v1/workflow/get', { workflowId: 'wf-1' });
 */

/** One answer of the server: status, headers, raw text, and the JSON value when the text parses. */
export interface RawResponse {
  status: number;
  text: string;
  /** The parsed JSON body, or `undefined` when the body is not JSON. */
  json: unknown;
  contentType: string;
  location: string | null;
  ms: number;
}

/** Options of a raw request. */
export interface RawRequestOptions {
  method?: string;
  /** A body sent as is (no JSON encoding); `undefined` sends no body. */
  rawBody?: string;
  contentType?: string;
  timeoutMs?: number;
}

/**
 * A client that posts JSON to an iWF server and reports what came back, errors included.
 *
 * @example
 * const { status, json } = await new RawClient(url).post('/api/v1/workflow/signal', { workflowId: 'x' });
 */
export class RawClient {
  constructor(readonly serverUrl: string) {}

  /** POSTs `body` as JSON. Example: `await client.post(ApiPaths.get, { workflowId })`. */
  post(path: string, body: unknown, timeoutMs = 30_000): Promise<RawResponse> {
    return this.request(path, { rawBody: JSON.stringify(body), timeoutMs });
  }

  /** Sends any method/body. Example: `await client.request('/', { method: 'GET' })`. */
  async request(path: string, options: RawRequestOptions = {}): Promise<RawResponse> {
    const started = Date.now();
    const method = options.method ?? 'POST';
    const headers: Record<string, string> = {};
    if (options.rawBody !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(this.serverUrl.replace(/\/+$/, '') + path, {
      method,
      headers,
      ...(options.rawBody !== undefined ? { body: options.rawBody } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      text,
      json,
      contentType: response.headers.get('content-type') ?? '',
      location: response.headers.get('location'),
      ms: Date.now() - started,
    };
  }
}
