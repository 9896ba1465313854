/**
 * The subscription demo: a 20 s trial, then a charge every 10 s for 6 periods, on the embedded
 * simulator (or IWF_SERVER_URL).
 *
 *   npm run start:subscription
 */
import { Client, fetchTransport, Registry, WorkerService } from 'iwf-ts/sdk';
import { appAddress, runMain, serveApp, startIwfServer, timestampedLog } from '../shared/serve.ts';
import { buildSubscriptionApp } from './app.ts';
import { ConsoleBillingService } from './billing.ts';
import { createSubscriptionWorkflow } from './subscription-workflow.ts';

async function main(): Promise<void> {
  const { port, workerUrl } = appAddress();
  const log = timestampedLog();
  const server = await startIwfServer(log);

  const workflow = createSubscriptionWorkflow({ billing: new ConsoleBillingService(log) });
  const registry = new Registry().addWorkflow(workflow);
  const client = new Client(registry, { transport: fetchTransport(server.url), workerUrl });
  const plan = {
    trialPeriodSeconds: 20,
    billingPeriodSeconds: 10,
    maxBillingPeriods: 6,
    billingPeriodCharge: 10,
  };
  const app = buildSubscriptionApp({ client, workflow, workerService: new WorkerService(registry), plan });
  const appUrl = await serveApp(app, 'the subscription app', port, server);
  log(`subscription app and worker listening on ${appUrl} (trial 20 s, then 6 charges 10 s apart)`);
  console.log(`
Try it:
  curl '${appUrl}/subscription/start?customerId=ada'
  curl '${appUrl}/subscription/updateChargeAmount?customerId=ada&amount=25'
  curl '${appUrl}/subscription/describe?customerId=ada'
  curl '${appUrl}/subscription/cancel?customerId=ada&reason=moving'
`);
}

runMain(main);
