import { WorkflowNotExistsError } from 'iwf-ts/sdk';
import { backend, createTestEnvironment, hours, type TestEnvironment } from 'iwf-ts/testing';
import { afterEach, describe, expect, it, type TestContext, vi } from 'vitest';
import { RecordingJobBoard } from './job-board.ts';
import { JobPosts } from './job-posts.ts';
import { createJobPostWorkflow } from './jobpost-workflow.ts';

const engineer = { title: 'Software Engineer', description: 'Build iWF samples', notes: 'remote ok' };
const designer = { title: 'Designer', description: 'Design the job board', notes: '' };

let env: TestEnvironment | undefined;
afterEach(async () => {
  // Let the worker finish what the server is asking of it: a worker call still in flight at close
  // keeps its keep-alive connection, and with it the close of a real-mode worker, open for ~72 s.
  await env?.settle();
  await env?.close();
  env = undefined;
});

/**
 * An environment serving the job post workflow, with the board recorded and times from `clock`: the
 * simulator's virtual clock, or on a real server the real clock (which `advanceBy` does not move).
 */
async function jobPostEnvironment(ctx: TestContext) {
  let now = () => Date.now();
  const board = new RecordingJobBoard();
  const workflow = createJobPostWorkflow({ board, now: () => now() });
  env = await createTestEnvironment({ workflows: [workflow] });
  if (env.missingSearchAttributes.length > 0) {
    ctx.skip(
      `the server has not registered the search attributes ${env.missingSearchAttributes.join(', ')}: register them ` +
        '(npm run simulator -- --search-attribute Title=TEXT …, or temporal operator search-attribute create …)',
    );
  }
  const sim = env.simulator;
  if (sim) now = () => sim.now();
  const clock = () => now();
  return { env, board, workflow, clock, posts: new JobPosts(env.client, workflow, clock) };
}

/** Search is immediately consistent on the simulator; a real server's visibility lags a little. */
async function eventually<T>(read: () => Promise<T>, until: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = await read();
    if (until(value) || backend.mode !== 'real' || attempt >= 20) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('job post', () => {
  it('creates a post that reads back and is synced to the external board in the background', async (ctx) => {
    const { env, board, posts } = await jobPostEnvironment(ctx);
    await posts.create('job-1', engineer);
    expect(await posts.get('job-1')).toMatchObject(engineer);
    // The sync runs in the background after the RPC: wait for it.
    await vi.waitFor(() => expect(board.posts.get('job-1')).toEqual(engineer));
    expect((await env.client.describeWorkflow('job-1')).workflowStatus).toBe('RUNNING');
  });

  it('applies an update at once, records its time and syncs the board again', async (ctx) => {
    const { env, board, posts, clock } = await jobPostEnvironment(ctx);
    await posts.create('job-1', engineer);
    const createdAt = (await posts.get('job-1')).lastUpdateTimeMillis ?? 0;
    await env.advanceBy(hours(3));
    // The workflow's clock, not env.now(): on a real server advanceBy moves env.now() but not the
    // clock the workflow code reads.
    const before = clock();
    await posts.update('job-1', { ...engineer, title: 'Senior Software Engineer' });
    const after = clock();
    const view = await posts.get('job-1');
    expect(view.title).toBe('Senior Software Engineer');
    expect(view.lastUpdateTimeMillis).toBeGreaterThanOrEqual(before);
    expect(view.lastUpdateTimeMillis).toBeLessThanOrEqual(after);
    expect(view.lastUpdateTimeMillis).toBeGreaterThan(createdAt);
    await vi.waitFor(() => expect(board.posts.get('job-1')?.title).toBe('Senior Software Engineer'));
    await env.settle();
    expect(board.syncs).toBe(2);
  });

  it('stays open with no state running between updates', async (ctx) => {
    const { env, posts } = await jobPostEnvironment(ctx);
    await posts.create('job-1', engineer);
    await env.advanceBy(hours(24 * 30));
    expect((await env.client.describeWorkflow('job-1')).workflowStatus).toBe('RUNNING');
    expect((await posts.get('job-1')).notes).toBe('remote ok');
  });

  it('finds posts by exact title and lists every open post', async (ctx) => {
    const { posts } = await jobPostEnvironment(ctx);
    await posts.create('job-1', engineer);
    await posts.create('job-2', designer);
    expect(
      await eventually(
        () => posts.searchByTitle('Designer'),
        (ids) => ids.length > 0,
      ),
    ).toEqual(['job-2']);
    const all = await eventually(
      () => posts.search(''),
      (ids) => ids.length === 2,
    );
    expect([...all].sort()).toEqual(['job-1', 'job-2']);
  });

  it('finds a post by its new title after an update, and no longer by the old one', async (ctx) => {
    const { posts } = await jobPostEnvironment(ctx);
    await posts.create('job-1', engineer);
    // No word in common with "Software Engineer": Temporal matches TEXT attributes word by word.
    await posts.update('job-1', { ...engineer, title: 'Principal Architect' });
    expect(
      await eventually(
        () => posts.searchByTitle('Principal Architect'),
        (ids) => ids.length > 0,
      ),
    ).toEqual(['job-1']);
    expect(
      await eventually(
        () => posts.searchByTitle('Software Engineer'),
        (ids) => ids.length === 0,
      ),
    ).toEqual([]);
  });

  // Temporal matches a TEXT attribute word by word ("Title = 'Engineer'" finds "Software Engineer").
  it('finds a post by one word of its title (TEXT attributes match by word)', async (ctx) => {
    const { posts } = await jobPostEnvironment(ctx);
    await posts.create('job-1', engineer);
    await posts.create('job-2', designer);
    expect(
      await eventually(
        () => posts.searchByTitle('Engineer'),
        (ids) => ids.length > 0,
      ),
    ).toEqual(['job-1']);
  });

  it('closes a post: it is removed from the board, leaves the search results and refuses updates', async (ctx) => {
    const { env, board, posts } = await jobPostEnvironment(ctx);
    await posts.create('job-1', engineer);
    await posts.close('job-1');
    expect(await env.client.waitForWorkflowCompletion('job-1')).toBe('closed');
    expect(board.posts.has('job-1')).toBe(false);
    expect(
      await eventually(
        () => posts.search(''),
        (ids) => ids.length === 0,
      ),
    ).toEqual([]);
    await expect(posts.update('job-1', designer)).rejects.toBeInstanceOf(WorkflowNotExistsError);
  });
});
