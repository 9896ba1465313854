/**
 * The microservice orchestration demo: State3 waits 60 s for Ready (instead of 24 h), on the
 * embedded simulator (or IWF_SERVER_URL).
 *
 *   npm run start:microservices
 */
import { Client, fetchTransport, Registry, WorkerService } from 'iwf-ts/sdk';
import { appAddress, runMain, serveApp, startIwfServer, timestampedLog } from '../shared/serve.ts';
import { buildOrchestrationApp } from './app.ts';
import { createOrchestrationWorkflow } from './orchestration-workflow.ts';
import { ConsoleMicroservices } from './services.ts';

async function main(): Promise<void> {
  const { port, workerUrl } = appAddress();
  const log = timestampedLog();
  const server = await startIwfServer(log);

  const workflow = createOrchestrationWorkflow({
    services: new ConsoleMicroservices(log),
    readyTimeoutSeconds: 60,
  });
  const registry = new Registry().addWorkflow(workflow);
  const client = new Client(registry, { transport: fetchTransport(server.url), workerUrl });
  const app = buildOrchestrationApp({ client, workflow, workerService: new WorkerService(registry) });
  const appUrl = await serveApp(app, 'the orchestration app', port, server);
  log(`orchestration app and worker listening on ${appUrl} (Ready times out after 60 s)`);
  console.log(`
Try it:
  curl '${appUrl}/microservices/start?workflowId=order-1&data=hello'
  curl '${appUrl}/microservices/swap?workflowId=order-1&data=world'
  curl '${appUrl}/microservices/ready?workflowId=order-1'     # within 60 s: API3, else API4
`);
}

runMain(main);
