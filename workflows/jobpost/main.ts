/**
 * The job board demo on the embedded simulator (or IWF_SERVER_URL).
 *
 *   npm run start:jobpost
 */
import { Client, fetchTransport, Registry, WorkerService } from 'iwf-ts/sdk';
import { appAddress, runMain, serveApp, startIwfServer, timestampedLog } from '../shared/serve.ts';
import { buildJobPostApp } from './app.ts';
import { ConsoleJobBoard } from './job-board.ts';
import { JobPosts } from './job-posts.ts';
import { createJobPostWorkflow } from './jobpost-workflow.ts';

async function main(): Promise<void> {
  const { port, workerUrl } = appAddress();
  const log = timestampedLog();
  const workflow = createJobPostWorkflow({ board: new ConsoleJobBoard(log), now: Date.now });
  const server = await startIwfServer(log, [workflow]);

  const registry = new Registry().addWorkflow(workflow);
  const client = new Client(registry, { transport: fetchTransport(server.url), workerUrl });
  const app = buildJobPostApp({
    posts: new JobPosts(client, workflow),
    workerService: new WorkerService(registry),
  });
  const appUrl = await serveApp(app, 'the job board app', port, server);
  log(`job board app and worker listening on ${appUrl}`);
  console.log(`
Try it:
  curl '${appUrl}/jobpost/create?id=job-1&title=Engineer&description=TypeScript&notes=remote'
  curl '${appUrl}/jobpost/update?id=job-1&title=Senior%20Engineer&description=TypeScript'
  curl '${appUrl}/jobpost/get?id=job-1'
  curl '${appUrl}/jobpost/search?title=Senior%20Engineer'
  curl '${appUrl}/jobpost/close?id=job-1'
`);
}

runMain(main);
