/**
 * The money transfer demo: the iWF simulator (or IWF_SERVER_URL), the app with its worker, an
 * in-memory bank whose calls can be made to fail.
 *
 *   npm run start:moneytransfer
 */
import { Client, fetchTransport, Registry, WorkerService } from 'iwf-ts/sdk';
import { appAddress, runMain, serveApp, startIwfServer, timestampedLog } from '../shared/serve.ts';
import { buildMoneyTransferApp } from './app.ts';
import { InMemoryBank } from './bank.ts';
import { createMoneyTransferWorkflow } from './moneytransfer-workflow.ts';

async function main(): Promise<void> {
  const { port, workerUrl } = appAddress();
  const log = timestampedLog();
  const server = await startIwfServer(log);

  const bank = new InMemoryBank({ alice: 1000, bob: 100 }, log);
  // Short retries for the demo: 3 attempts per step (1 s, 2 s apart), then compensation.
  const workflow = createMoneyTransferWorkflow({ bank, stepRetryPolicy: { maximumAttempts: 3 } });
  const registry = new Registry().addWorkflow(workflow);
  const client = new Client(registry, { transport: fetchTransport(server.url), workerUrl });
  const app = buildMoneyTransferApp({ client, workflow, workerService: new WorkerService(registry), bank });
  const appUrl = await serveApp(app, 'the money transfer app', port, server);
  log(`money transfer app and worker listening on ${appUrl}`);
  console.log(`
Try it:
  curl '${appUrl}/moneytransfer/start?fromAccount=alice&toAccount=bob&amount=100&notes=rent'
  curl '${appUrl}/moneytransfer/result?workflowId=<id from start>'
  curl '${appUrl}/moneytransfer/accounts'
  curl '${appUrl}/moneytransfer/fail?operation=credit&times=always'   # then start again: compensation
  curl '${appUrl}/moneytransfer/fail?operation=credit&times=0'        # heal
`);
}

runMain(main);
