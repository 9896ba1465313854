import { createServer, type Server } from 'node:http';
import { WorkerPaths } from '../sdk/wire/paths.ts';
import type { WorkerReply, WorkerTransport } from '../simulator/contracts.ts';

/** A worker answer as raw HTTP: status and body text (sent as JSON). */
export interface RawAnswer {
  status: number;
  text: string;
}

/** The channel a parked state waits on; no fuzzed request publishes to it. */
export const PARK_CHANNEL = 'fuzz-never';

const PARK: RawAnswer = {
  status: 200,
  text: JSON.stringify({
    commandRequest: {
      interStateChannelCommands: [{ commandId: 'park', channelName: PARK_CHANNEL }],
      deciderTriggerType: 'ALL_COMMAND_COMPLETED',
    },
  }),
};
const EMPTY: RawAnswer = { status: 200, text: '{}' };
const COMPLETE: RawAnswer = {
  status: 200,
  text: JSON.stringify({ stateDecision: { nextStates: [{ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW' }] } }),
};

/**
 * The worker every fuzzed workflow calls. Stateless and deterministic, so two servers calling it
 * see the same answers: state `Park` waits forever on a channel no request publishes to, `Done`
 * completes, and `answer:<key>` states and RPCs give an answer the fuzzer registered under that key
 * (generated from the worker-answer schemas, well-formed or not). Other RPCs answer `{}`.
 *
 * @example
 * const worker = new FuzzWorker();
 * worker.register('k1', { status: 200, text: '{"output":{"encoding":"json","data":"1"}}' });
 */
export class FuzzWorker implements WorkerTransport {
  private readonly answers = new Map<string, RawAnswer>();

  /** Registers the answer given to state `answer:<key>` (waitUntil and execute) and RPC `answer:<key>`. */
  register(key: string, answer: RawAnswer): void {
    this.answers.set(`answer:${key}`, answer);
  }

  /** The answer to one call, by path and body. */
  answer(path: string, body: Record<string, unknown>): RawAnswer {
    const name = String((path === WorkerPaths.rpc ? body.rpcName : body.workflowStateId) ?? '');
    const registered = this.answers.get(name);
    if (registered) return registered;
    if (path === WorkerPaths.rpc) return EMPTY;
    if (name === 'Done') return path === WorkerPaths.waitUntil ? EMPTY : COMPLETE;
    if (path === WorkerPaths.waitUntil) return PARK;
    return COMPLETE;
  }

  /** In-process transport: answers as text, so the server parses it as it parses HTTP answers. */
  async call(_url: string, path: string, body: object): Promise<WorkerReply> {
    const answer = this.answer(path, body as Record<string, unknown>);
    return { status: answer.status, text: answer.text, contentType: 'application/json' };
  }

  /** The same worker on a loopback port, for servers in other processes. */
  listen(): Promise<{ url: string; server: Server }> {
    const server = createServer((request, response) => {
      let text = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        text += chunk;
      });
      request.on('end', () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // An unreadable call gets the default answers.
        }
        const answer = this.answer((request.url ?? '').split('?')[0]!, body);
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.text);
      });
    });
    return new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () =>
        resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server }),
      ),
    );
  }
}
