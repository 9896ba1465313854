import type { ApiReply, ApiRequest, WorkerReply, WorkerTransport } from '../contracts.ts';

/**
 * One request and its answer, between a client and the simulator or the simulator and a worker,
 * as the timeline page shows it on demand.
 *
 * @example
 * const exchange: RecordedExchange = { at: 0, kind: 'worker', path: '/api/v1/workflowState/decide', request: {}, status: 200, response: {} };
 */
export interface RecordedExchange {
  /** When the answer came, on the simulator's clock (epoch ms). */
  at: number;
  kind: 'api' | 'worker';
  path: string;
  request: unknown;
  status: number;
  response: unknown;
  /** The state execution it belongs to, when it is a worker's waitUntil or execute. */
  executionId?: string;
}

/** Exchanges kept per workflow id: the newest, so a long-running loop stays bounded. */
const PER_WORKFLOW = 200;
/** Workflow ids kept: the oldest are forgotten first. */
const WORKFLOWS = 5_000;

/**
 * The raw exchanges of each workflow id, kept in memory for the timeline page (bounded).
 *
 * @example
 * const exchanges = new ExchangeLog(() => clock.now());
 * const transport = exchanges.observeWorker(httpWorkerTransport());
 */
export class ExchangeLog {
  // Bodies that came as text are kept as text and parsed when the page asks: every HTTP exchange is
  // recorded, few are ever looked at.
  private readonly byWorkflow = new Map<string, StoredExchange[]>();

  constructor(private readonly now: () => number) {}

  /** The exchanges of a workflow id, oldest first. */
  of(workflowId: string): readonly RecordedExchange[] {
    const list = this.byWorkflow.get(workflowId);
    if (!list) return [];
    for (const stored of list) parseStoredTexts(stored);
    return list;
  }

  /**
   * Records a client request and the simulator's answer (requests without a workflow id are not
   * kept). `decoded` is the body as the router decoded it, when it did: its workflow id files the
   * exchange without parsing the text again.
   */
  noteApi(request: ApiRequest, reply: ApiReply, decoded?: unknown): void {
    const text = request.rawBody;
    const workflowId = stringField(
      decoded ?? (text !== undefined ? parseOrText(text) : request.body),
      'workflowId',
    );
    if (workflowId === undefined) return;
    const exchange: StoredExchange = {
      at: this.now(),
      kind: 'api',
      path: request.path,
      request: text === undefined ? request.body : undefined,
      status: reply.status,
      response: reply.body,
    };
    if (text !== undefined) exchange.requestText = text;
    this.add(workflowId, exchange);
  }

  /** Wraps a worker transport so each call and its answer (or its failure) are recorded. */
  observeWorker(inner: WorkerTransport): WorkerTransport {
    // A class with methods, no closure per call: this runs for every worker call of every HTTP test.
    return new ObservedTransport(inner, this);
  }

  /** Records a worker call and its answer (`responseText` when the body came as text). */
  noteWorker(
    path: string,
    body: object,
    status: number,
    response: unknown,
    responseText: string | undefined,
  ): void {
    const context = (body as { context?: { workflowId?: string; stateExecutionId?: string } }).context;
    if (context?.workflowId === undefined) return;
    const exchange: StoredExchange = {
      at: this.now(),
      kind: 'worker',
      path,
      request: body,
      status,
      response,
    };
    if (responseText !== undefined) exchange.responseText = responseText;
    if (context.stateExecutionId !== undefined) exchange.executionId = context.stateExecutionId;
    this.add(context.workflowId, exchange);
  }

  private add(workflowId: string, exchange: StoredExchange): void {
    let list = this.byWorkflow.get(workflowId);
    if (!list) {
      if (this.byWorkflow.size >= WORKFLOWS) {
        const oldest = this.byWorkflow.keys().next().value;
        if (oldest !== undefined) this.byWorkflow.delete(oldest);
      }
      list = [];
      this.byWorkflow.set(workflowId, list);
    }
    if (list.length >= PER_WORKFLOW) list.shift();
    list.push(exchange);
  }
}

/** A worker transport whose calls an exchange log records. */
class ObservedTransport implements WorkerTransport {
  constructor(
    private readonly inner: WorkerTransport,
    private readonly log: ExchangeLog,
  ) {}

  async call(url: string, path: string, body: object, options: { timeoutMs: number }): Promise<WorkerReply> {
    let reply: WorkerReply;
    try {
      reply = await this.inner.call(url, path, body, options);
    } catch (error) {
      this.log.noteWorker(
        path,
        body,
        0,
        { error: error instanceof Error ? error.message : String(error) },
        undefined,
      );
      throw error;
    }
    if (reply.json !== undefined || reply.text === undefined)
      this.log.noteWorker(path, body, reply.status, reply.json, undefined);
    else this.log.noteWorker(path, body, reply.status, undefined, reply.text);
    return reply;
  }
}

/** An exchange as kept: a body that came as text stays text until someone reads it. */
interface StoredExchange extends RecordedExchange {
  requestText?: string;
  responseText?: string;
}

function parseStoredTexts(stored: StoredExchange): void {
  if (stored.requestText !== undefined) {
    stored.request = parseOrText(stored.requestText);
    delete stored.requestText;
  }
  if (stored.responseText !== undefined) {
    stored.response = parseOrText(stored.responseText);
    delete stored.responseText;
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function stringField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
