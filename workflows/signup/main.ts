/**
 * The sign-up demo: the iWF simulator as the server (or a real one at IWF_SERVER_URL), the sign-up
 * app with its worker, and example requests to try.
 *
 *   npm start                                   # embedded simulator on 127.0.0.1:8801, app on :8802
 *   IWF_SERVER_URL=http://localhost:8801 npm start   # use a running iWF server instead
 *   SIGNUP_REMINDER_SECONDS=3600 npm start      # remind every hour instead of every 10 s
 *   npm start -- --quiet                        # no live log of workflow events (--log json: JSON lines)
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
  const log = timestampedLog();
  const server = await startIwfServer(log);

  const workflow = createSignupWorkflow({ emails: new ConsoleEmailSender(log), reminderIntervalSeconds });
  const registry = new Registry().addWorkflow(workflow);
  const client = new Client(registry, { transport: fetchTransport(server.url), workerUrl });
  const app = buildSignupApp({ client, workflow, workerService: new WorkerService(registry) });
  const appUrl = await serveApp(app, 'the sign-up app', port, server);
  log(`sign-up app and worker listening on ${appUrl} (reminder every ${reminderIntervalSeconds} s)`);
  console.log(`
Try it:
  curl '${appUrl}/signup/submit?username=alice&email=alice@example.com'
  curl '${appUrl}/signup/describe?username=alice'
  curl '${appUrl}/signup/verify?username=alice&source=email'
${server.pageUrl ? `\nWatch it: open ${server.pageUrl} (the workflows and their timelines)\n` : ''}`);
}

runMain(main);
