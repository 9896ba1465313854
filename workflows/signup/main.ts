/**
 * The sign-up demo: the iWF simulator as the server (or a real one at IWF_SERVER_URL), the sign-up
 * app with its worker, and example requests to try.
 *
 *   npm start                                   # embedded simulator on 127.0.0.1:8801, app on :8802
 *   IWF_SERVER_URL=http://localhost:8801 npm start   # use a running iWF server instead
 *   SIGNUP_REMINDER_SECONDS=3600 npm start      # remind every hour instead of every 10 s
 *   npm start -- --quiet                        # no live log of workflow events (--log json: JSON lines)
 *   SIMULATOR_CLOCK=skip SIGNUP_REMINDER_SECONDS=86400 SIGNUP_TIMEOUT_SECONDS=2592000 npm start
 *                                               # a day per reminder, 30 days, skipped while /signup/result waits
 */
import { Client, fetchTransport, Registry, WorkerService } from 'iwf-ts/sdk';
import {
  appAddress,
  numberFromEnv,
  runMain,
  serveApp,
  startIwfServer,
  timestampedLog,
} from '../shared/serve.ts';
import { buildSignupApp } from './app.ts';
import { ConsoleEmailSender } from './emails.ts';
import { createSignupWorkflow } from './signup-workflow.ts';

async function main(): Promise<void> {
  const { port, workerUrl } = appAddress();
  const reminderIntervalSeconds = numberFromEnv('SIGNUP_REMINDER_SECONDS', 10);
  const workflowTimeoutSeconds = numberFromEnv('SIGNUP_TIMEOUT_SECONDS', 3600);
  let now: () => number = Date.now;
  const log = timestampedLog(() => now());
  const server = await startIwfServer(log);
  now = server.now;

  const workflow = createSignupWorkflow({ emails: new ConsoleEmailSender(log), reminderIntervalSeconds });
  const registry = new Registry().addWorkflow(workflow);
  const client = new Client(registry, { transport: fetchTransport(server.url), workerUrl });
  const app = buildSignupApp({
    client,
    workflow,
    workerService: new WorkerService(registry),
    workflowTimeoutSeconds,
  });
  const appUrl = await serveApp(app, 'the sign-up app', port, server);
  log(`sign-up app and worker listening on ${appUrl} (reminder every ${reminderIntervalSeconds} s)`);
  console.log(`
Try it:
  curl '${appUrl}/signup/submit?username=alice&email=alice@example.com'
  curl '${appUrl}/signup/describe?username=alice'
  curl '${appUrl}/signup/verify?username=alice&source=email'
  curl '${appUrl}/signup/result?username=alice'    # waits for the outcome
${server.pageUrl ? `\nWatch it: open ${server.pageUrl} (the workflows and their timelines)\n` : ''}`);
}

runMain(main);
