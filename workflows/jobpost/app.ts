import Fastify, { type FastifyInstance } from 'fastify';
import { WorkflowAlreadyStartedError, WorkflowNotExistsError } from '../../sdk/client/errors.ts';
import { workerRoutes } from '../../sdk/worker/fastify.ts';
import type { WorkerService } from '../../sdk/worker/worker-service.ts';
import type { JobInfo } from './job-board.ts';
import type { JobPosts } from './job-posts.ts';

/** What the job board app is built from. */
export interface JobPostAppOptions {
  posts: JobPosts;
  workerService: WorkerService;
  logger?: boolean;
}

type Query = Record<string, string | undefined>;

const required = (query: Query, name: string): string => {
  const value = query[name];
  if (!value) throw Object.assign(new Error(`missing query parameter '${name}'`), { statusCode: 400 });
  return value;
};

const jobFrom = (query: Query): JobInfo => ({
  title: required(query, 'title'),
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
  const app = Fastify({ logger: options.logger ?? false });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof WorkflowNotExistsError) return reply.code(404).send('no such open job post');
    if (error instanceof WorkflowAlreadyStartedError) return reply.code(409).send('job post exists');
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send(error instanceof Error ? error.message : String(error));
  });

  app.get('/', async () => 'iwf workflow home');

  app.get<{ Querystring: Query }>('/jobpost/create', async (request) => {
    const id = required(request.query, 'id');
    await posts.create(id, jobFrom(request.query));
    return 'created';
  });
  app.get<{ Querystring: Query }>('/jobpost/update', async (request) => {
    await posts.update(required(request.query, 'id'), jobFrom(request.query));
    return 'updated';
  });
  app.get<{ Querystring: Query }>('/jobpost/get', async (request) =>
    posts.get(required(request.query, 'id')),
  );
  app.get<{ Querystring: Query }>('/jobpost/search', async (request) =>
    request.query.title ? posts.searchByTitle(request.query.title) : posts.search(request.query.query ?? ''),
  );
  app.get<{ Querystring: Query }>('/jobpost/close', async (request) => {
    await posts.close(required(request.query, 'id'));
    return 'closed';
  });

  app.register(workerRoutes, { workerService: options.workerService });
  return app;
}
