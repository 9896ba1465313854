/**
 * The two boundaries of the simulator: how a transport hands it a client request, and how it calls
 * a worker. In-process, msw and HTTP transports all meet the engine here.
 *
 * @example
 * const reply = await simulator.handle({ method: 'POST', path: '/api/v1/workflow/get', body: { workflowId: 'a' } });
 */

/** A client request as a transport hands it over. */
export interface ApiRequest {
  method: string;
  /** Path without query string, e.g. `/api/v1/workflow/start`. */
  path: string;
  /** The parsed JSON body (in-process callers pass objects; nothing is serialised). */
  body?: unknown;
  /**
   * The raw body text, when the transport has not parsed it (HTTP, msw). Parsed by the simulator so
   * malformed JSON gets the real server's `400 {"detail":"invalid request schema"}`. Wins over `body`.
   */
  rawBody?: string;
}

/** The simulator's answer; `body` is a JSON value, or a string when `contentType` is text. */
export interface ApiReply {
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A worker's answer. In-process workers give `json`; HTTP workers give the raw `text`. */
export interface WorkerReply {
  status: number;
  /** Parsed body, when the worker is in-process. */
  json?: unknown;
  /** Raw body text, when it came over HTTP. */
  text?: string;
  contentType?: string;
  /** The connection closed before the body ended (`text` holds what arrived): Go reads `unexpected EOF`. */
  truncated?: boolean;
  /** The HTTP reason phrase the worker sent (e.g. `INTERNAL SERVER ERROR` from Flask); the real server quotes it. */
  statusText?: string;
}

/**
 * Calls a worker endpoint. Throws an Error when no answer came (connection refused or dropped,
 * timeout); its message becomes the `errMsg` part of the failure text, as on the real server.
 */
export interface WorkerTransport {
  call(workerUrl: string, path: string, body: object, options: { timeoutMs: number }): Promise<WorkerReply>;
}
