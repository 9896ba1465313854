import type { ClientTransport } from '../../sdk/client/transport.ts';
import type { WorkerHandler } from '../../sdk/worker/worker-service.ts';

/**
 * Keeps tests apart on a shared real server: the client's workflow ids get a per-environment prefix
 * on the way out, and the worker sees them without it, so tests keep using plain ids like "ada".
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
        const request = body as { workflowId?: unknown };
        const outgoing =
          typeof request.workflowId === 'string'
            ? { ...body, workflowId: this.prefix + request.workflowId }
            : body;
        const reply = await inner.post(path, outgoing);
        const executions = (reply.body as { workflowExecutions?: { workflowId: string }[] } | undefined)
          ?.workflowExecutions;
        for (const e of executions ?? []) e.workflowId = this.strip(e.workflowId);
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

  private strip(id: string): string {
    return id.startsWith(this.prefix) ? id.slice(this.prefix.length) : id;
  }
}
