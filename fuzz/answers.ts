import http from 'node:http';
import type { Simulator } from '../simulator/simulator.ts';

/** A server's answer to one fuzzed request. */
export interface Answer {
  status: number;
  text: string;
  /** Real ms it took. */
  ms: number;
}

/** Sends one request somewhere and reads the whole answer. */
export type Send = (request: { method: string; path: string; rawBody: string }) => Promise<Answer>;

/**
 * Sends over HTTP with any method (`FOO` included), the path as is, no redirect followed; a
 * connection that fails answers status 0 with the error's text.
 *
 * @example
 * const send = httpSender('http://127.0.0.1:8811');
 */
export function httpSender(baseUrl: string, timeoutMs = 30_000): Send {
  // A fresh connection per request: a kept-alive socket the server closes while idle would fail the
  // next request with ECONNRESET, which is no answer of the server's.
  const agent = new http.Agent({ keepAlive: false });
  return (request) =>
    new Promise<Answer>((resolve) => {
      const started = Date.now();
      const done = (status: number, text: string) => resolve({ status, text, ms: Date.now() - started });
      const outgoing = http.request(
        `${baseUrl.replace(/\/+$/, '')}${request.path}`,
        {
          method: request.method,
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(request.rawBody),
          },
          timeout: timeoutMs,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => done(response.statusCode ?? 0, text));
          response.on('error', (error) => done(0, `connection error: ${error.message}`));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      outgoing.on('error', (error) => done(0, `connection error: ${error.message}`));
      outgoing.end(request.method === 'HEAD' ? undefined : request.rawBody);
    });
}

/**
 * Sends to a simulator in this process, as its HTTP server would hand the request over.
 *
 * @example
 * const send = inProcessSender(simulator);
 */
export function inProcessSender(simulator: Simulator): Send {
  return async (request) => {
    const started = Date.now();
    const queryAt = request.path.indexOf('?');
    const reply = await simulator.handle({
      method: request.method,
      path: queryAt >= 0 ? request.path.slice(0, queryAt) : request.path,
      rawBody: request.rawBody,
    });
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return { status: reply.status, text, ms: Date.now() - started };
  };
}
