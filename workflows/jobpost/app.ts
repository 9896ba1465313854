import type { FastifyInstance } from 'fastify';
import type { WorkerService } from 'iwf-ts/sdk';
import { buildSampleApp, type Query, requiredQuery } from '../shared/sample-app.ts';
import type { JobInfo } from './job-board.ts';
import type { JobPosts } from './job-posts.ts';

/** What the job board app is built from. */
export interface JobPostAppOptions {
  posts: JobPosts;
  workerService: WorkerService;
  logger?: boolean;
}

const jobFrom = (query: Query): JobInfo => ({
  title: requiredQuery(query, 'title'),
  description: query.description ?? '',
  notes: query.notes ?? '',
});

/**
 * The job board web app: create, update, read, search and close posts; plus the iWF worker endpoints.
 *
 * @example
 * const app = buildJobPostApp({ posts: new JobPosts(client, JobPost), workerService });
 * await app.listen({ port: 8802 });
 */
export function buildJobPostApp(options: JobPostAppOptions): FastifyInstance {
  const { posts } = options;
  const app = buildSampleApp({
    workerService: options.workerService,
    logger: options.logger,
    messages: { notFound: () => 'no such open job post', alreadyStarted: () => 'job post exists' },
  });

  app.get<{ Querystring: Query }>('/jobpost/create', async (request) => {
    const id = requiredQuery(request.query, 'id');
    await posts.create(id, jobFrom(request.query));
    return 'created';
  });
  app.get<{ Querystring: Query }>('/jobpost/update', async (request) => {
    await posts.update(requiredQuery(request.query, 'id'), jobFrom(request.query));
    return 'updated';
  });
  app.get<{ Querystring: Query }>('/jobpost/get', async (request) =>
    posts.get(requiredQuery(request.query, 'id')),
  );
  app.get<{ Querystring: Query }>('/jobpost/search', async (request) =>
    request.query.title ? posts.searchByTitle(request.query.title) : posts.search(request.query.query ?? ''),
  );
  app.get<{ Querystring: Query }>('/jobpost/close', async (request) => {
    await posts.close(requiredQuery(request.query, 'id'));
    return 'closed';
  });

  return app;
}
