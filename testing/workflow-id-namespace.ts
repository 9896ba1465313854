import type { ClientTransport } from '../sdk/client/transport.ts';
import { ApiPaths } from '../sdk/wire/paths.ts';
import type { WorkerHandler } from '../sdk/worker/worker-service.ts';

/**
 * Keeps tests apart on a shared real server: the client's workflow ids get a per-environment prefix
 * on the way out, searches see only this environment's workflows, and the worker sees ids without
 * the prefix, so tests keep using plain ids like "ada".
 *
 * @example
 * const ns = new WorkflowIdNamespace('t1a2b-');
 * const client = new Client(registry, { transport: ns.client(fetchTransport(url)) });
 */
export class WorkflowIdNamespace {
  constructor(readonly prefix: string) {}

  client(inner: ClientTransport): ClientTransport {
    return {
      post: async (path, body) => {
        const request = body as { workflowId?: unknown; query?: unknown };
        let outgoing: object = body;
        if (typeof request.workflowId === 'string')
          outgoing = { ...body, workflowId: this.prefix + request.workflowId };
        if (path === ApiPaths.search && typeof request.query === 'string') {
          outgoing = { ...body, query: this.scope(request.query) };
        }
        const reply = await inner.post(path, outgoing);
        const result = reply.body as { workflowExecutions?: { workflowId: string }[] } | undefined;
        if (result?.workflowExecutions) {
          result.workflowExecutions = result.workflowExecutions
            .filter((e) => e.workflowId.startsWith(this.prefix))
            .map((e) => ({ ...e, workflowId: this.strip(e.workflowId) }));
        }
        return reply;
      },
    };
  }

  worker(inner: WorkerHandler): WorkerHandler {
    return {
      handle: (path, body) => {
        const request = body as { context?: { workflowId?: string } };
        const context = request.context;
        if (context?.workflowId === undefined) return inner.handle(path, body);
        return inner.handle(path, {
          ...request,
          context: { ...context, workflowId: this.strip(context.workflowId) },
        });
      },
    };
  }

  /** Limits a visibility query to this environment's workflows. */
  private scope(query: string): string {
    const own = `WorkflowId STARTS_WITH '${this.prefix}'`;
    if (query.trim() === '') return own;
    const [where, orderBy] = query.split(/\s+ORDER\s+BY\s+/i);
    return `(${where}) AND ${own}${orderBy ? ` ORDER BY ${orderBy}` : ''}`;
  }

  private strip(id: string): string {
    return id.startsWith(this.prefix) ? id.slice(this.prefix.length) : id;
  }
}
