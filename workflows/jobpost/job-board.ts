/** A job post as users see it. */
export interface JobInfo {
  title: string;
  description: string;
  notes: string;
}

/**
 * The external system each change is synced to in the background (a search index, a partner
 * feed…). A call that throws is retried by the iWF server.
 *
 * @example
 * const board: ExternalJobBoard = new RecordingJobBoard();
 */
export interface ExternalJobBoard {
  sync(jobId: string, job: JobInfo): void | Promise<void>;
  remove(jobId: string): void | Promise<void>;
}

/**
 * Logs each sync, for the demo.
 *
 * @example
 * createJobPostWorkflow({ board: new ConsoleJobBoard(console.log), now: Date.now });
 */
export class ConsoleJobBoard implements ExternalJobBoard {
  constructor(private readonly log: (line: string) => void = (line) => console.log(line)) {}
  sync(jobId: string, job: JobInfo): void {
    this.log(`[board] synced ${jobId}: ${job.title}`);
  }
  remove(jobId: string): void {
    this.log(`[board] removed ${jobId}`);
  }
}

/**
 * Keeps the synced posts in memory, for tests.
 *
 * @example
 * expect(board.posts.get('job-1')?.title).toBe('Engineer');
 */
export class RecordingJobBoard implements ExternalJobBoard {
  readonly posts = new Map<string, JobInfo>();
  syncs = 0;
  sync(jobId: string, job: JobInfo): void {
    this.syncs++;
    this.posts.set(jobId, job);
  }
  remove(jobId: string): void {
    this.posts.delete(jobId);
  }
}
