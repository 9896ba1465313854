/**
 * The resource control demo: five controllers (resources), each running at most five requests at a
 * time, 1–30 s each, on the embedded simulator (or IWF_SERVER_URL).
 *
 *   npm run start:resourcecontrol
 */
import { Client, fetchTransport, Registry, WorkerService } from 'iwf-ts/sdk';
import { appAddress, runMain, serveApp, startIwfServer, timestampedLog } from '../shared/serve.ts';
import { buildResourceControlApp } from './app.ts';
import { ResourceRequests } from './requests.ts';
import { createResourceControlWorkflows } from './resourcecontrol-workflows.ts';

const CONTROLLERS = 5;

/** A stable controller per request id, so a retried request goes to the same resource. */
function controllerIdFor(requestId: string): string {
  let hash = 0;
  for (const ch of requestId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `controller_workflow_${(hash % CONTROLLERS) + 1}`;
}

async function main(): Promise<void> {
  const { port, workerUrl } = appAddress();
  const log = timestampedLog();
  const server = await startIwfServer(log);

  let client: Client | undefined;
  const workflows = createResourceControlWorkflows({
    client: () => {
      if (!client) throw new Error('the client is not ready yet');
      return client;
    },
    processingSeconds: () => 1 + Math.floor(Math.random() * 30),
    log,
  });
  const registry = new Registry().addWorkflows(workflows.Controller, workflows.Processing);
  client = new Client(registry, { transport: fetchTransport(server.url), workerUrl });
  const requests = new ResourceRequests(client, workflows, (r) => controllerIdFor(r.id));
  const app = buildResourceControlApp({ requests, workerService: new WorkerService(registry) });
  const appUrl = await serveApp(app, 'the resource control app', port, server);
  log(`resource control app and worker listening on ${appUrl}`);
  console.log(`
Try it:
  for i in $(seq 1 40); do curl -s "${appUrl}/controller/request?id=$i"; echo; done
  curl '${appUrl}/controller/processing/describe?id=1'
`);
}

runMain(main);
