import type { Client } from 'iwf-ts/sdk';
import type { JobInfo } from './job-board.ts';
import type { JobPostView, JobPostWorkflow } from './jobpost-workflow.ts';

/**
 * The job board's operations on top of the iWF client: one workflow per job post, found again by
 * search attributes.
 *
 * @example
 * const posts = new JobPosts(client, JobPost);
 * await posts.create('job-1', { title: 'Engineer', description: 'TypeScript', notes: '' });
 * await posts.searchByTitle('Engineer'); // ['job-1']
 */
export class JobPosts {
  constructor(
    private readonly client: Client,
    private readonly workflow: JobPostWorkflow,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts the post's workflow (searchable at once), then updates it so the board syncs it. */
  async create(jobId: string, job: JobInfo): Promise<void> {
    // Timeout 0: the post lives until it is closed.
    await this.client.startWorkflow(this.workflow, jobId, 0, undefined, {
      initialSearchAttributes: {
        Title: job.title,
        JobDescription: job.description,
        LastUpdateTimeMillis: this.now(),
      },
      initialDataAttributes: { Notes: job.notes },
    });
    await this.update(jobId, job);
  }

  update(jobId: string, job: JobInfo): Promise<void> {
    return this.client.invokeRpc(this.workflow, jobId, 'update', job);
  }

  get(jobId: string): Promise<JobPostView> {
    return this.client.invokeRpc(this.workflow, jobId, 'get');
  }

  close(jobId: string): Promise<void> {
    return this.client.invokeRpc(this.workflow, jobId, 'close');
  }

  /** Ids of the open posts with this title. */
  searchByTitle(title: string): Promise<string[]> {
    return this.search(`Title = '${title.replaceAll("'", "\\'")}'`);
  }

  /** Ids of the open posts matching a visibility query (ANDed with "running job posts"). */
  async search(query: string): Promise<string[]> {
    const scope = `IwfWorkflowType = '${this.workflow.workflowType}' AND ExecutionStatus = 'Running'`;
    const response = await this.client.unregistered.searchWorkflow({
      query: query ? `${scope} AND ${query}` : scope,
      pageSize: 100,
    });
    return (response.workflowExecutions ?? []).map((e) => e.workflowId);
  }
}
