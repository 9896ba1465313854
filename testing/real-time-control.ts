import type { ClientTransport } from '../sdk/client/transport.ts';
import { ApiPaths, WorkerPaths } from '../sdk/wire/paths.ts';
import type { WorkflowStateStartRequest, WorkflowStateStartResponse } from '../sdk/wire/types.ts';
import type { WorkerHandler, WorkerServiceReply } from '../sdk/worker/worker-service.ts';

const realSetTimeout = globalThis.setTimeout;
const sleep = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

interface PendingTimer {
  workflowId: string;
  stateExecutionId: string;
  index: number;
  due: number;
}

/**
 * Time control against a real iWF server, which has no clock to move: it watches the timers the
 * worker returns and skips (`timer/skip`), in order, those that fall due within an advance.
 *
 * @example
 * const control = new RealTimeControl(rawTransport, workerService);
 * await control.advanceBy(hours(24));
 */
export class RealTimeControl implements WorkerHandler {
  private readonly timers = new Map<string, PendingTimer[]>();
  private offset = 0;
  private inFlight = 0;
  private lastActivity = Date.now();
  /** While an advance skips a timer, "now" for timers registered in reaction to it (no real-time drift). */
  private cursor: number | undefined;

  constructor(
    private readonly server: ClientTransport,
    private readonly worker: WorkerHandler,
    private readonly quietMs = 300,
  ) {}

  now(): number {
    return Date.now() + this.offset;
  }

  /** Serves the worker while recording its timers and its activity. */
  async handle(path: string, body: unknown): Promise<WorkerServiceReply> {
    this.inFlight++;
    this.lastActivity = Date.now();
    try {
      const request = body as { context?: { workflowId?: string; stateExecutionId?: string } };
      const key = `${request.context?.workflowId}/${request.context?.stateExecutionId}`;
      if (path === WorkerPaths.execute) this.timers.delete(key);
      const reply = await this.worker.handle(path, body);
      if (path === WorkerPaths.waitUntil && reply.status === 200)
        this.record(key, body as WorkflowStateStartRequest, reply);
      return reply;
    } finally {
      this.inFlight--;
      this.lastActivity = Date.now();
    }
  }

  /** Counts a client call as activity: the server may call the worker a moment later. */
  touch(): void {
    this.lastActivity = Date.now();
  }

  /** Wraps the client transport so its calls count as activity. */
  client(inner: ClientTransport): ClientTransport {
    return {
      post: async (path, body) => {
        this.touch();
        try {
          return await inner.post(path, body);
        } finally {
          this.touch();
        }
      },
    };
  }

  /** Waits until the worker has been quiet for a moment (bounded, so a busy workflow cannot hang a test). */
  async settle(maxMs = 15_000): Promise<void> {
    const start = Date.now();
    while (Date.now() - start < maxMs) {
      if (this.inFlight === 0 && Date.now() - this.lastActivity >= this.quietMs) return;
      await sleep(25);
    }
  }

  /** Skips, in due order, every recorded timer that falls due within `ms`; then moves "now" by `ms`. */
  async advanceBy(ms: number): Promise<void> {
    const target = this.now() + ms;
    this.lastActivity = Math.max(this.lastActivity, Date.now() - this.quietMs / 2);
    for (;;) {
      await this.settle();
      const next = [...this.timers.values()].flat().sort((a, b) => a.due - b.due)[0];
      if (!next || next.due > target) break;
      if (next.due > this.now()) this.offset += next.due - this.now();
      this.cursor = next.due;
      await this.skip(next);
      // The server reacts to the skip a moment later: give it a quiet period to start calling the worker.
      this.lastActivity = Date.now();
      const list = this.timers.get(`${next.workflowId}/${next.stateExecutionId}`);
      list?.splice(list.indexOf(next), 1);
    }
    this.cursor = undefined;
    if (target > this.now()) this.offset += target - this.now();
  }

  private record(key: string, request: WorkflowStateStartRequest, reply: WorkerServiceReply): void {
    const timers = (reply.body as WorkflowStateStartResponse).commandRequest?.timerCommands ?? [];
    if (timers.length === 0) return;
    const now = this.cursor ?? this.now();
    this.timers.set(
      key,
      timers.map((t, index) => ({
        workflowId: request.context.workflowId,
        stateExecutionId: request.context.stateExecutionId ?? '',
        index,
        due:
          t.durationSeconds !== undefined
            ? now + t.durationSeconds * 1000
            : (t.firingUnixTimestampSeconds ?? 0) * 1000 + this.offset,
      })),
    );
  }

  /** The server registers a state's timers a moment after waitUntil returns: retry its 400 briefly. */
  private async skip(timer: PendingTimer): Promise<void> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const reply = await this.server.post(ApiPaths.skipTimer, {
        workflowId: timer.workflowId,
        workflowStateExecutionId: timer.stateExecutionId,
        timerCommandIndex: timer.index,
      });
      if (reply.status === 200) return;
      const detail = JSON.stringify(reply.body);
      if (detail.includes('WORKFLOW_NOT_EXISTS_SUB_STATUS')) {
        // The workflow closed (e.g. force-completed): its other threads' timers will never fire.
        for (const key of [...this.timers.keys()])
          if (key.startsWith(`${timer.workflowId}/`)) this.timers.delete(key);
        return;
      }
      if (!detail.includes("doesn't exist"))
        throw new Error(`timer/skip answered ${reply.status}: ${detail}`);
      // Already fired by itself, or not registered yet: a fired timer's state moves on to execute.
      if (!this.timers.get(`${timer.workflowId}/${timer.stateExecutionId}`)) return;
      await sleep(50);
    }
  }
}
