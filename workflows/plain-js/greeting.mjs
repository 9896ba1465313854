// A workflow and its test run in plain JavaScript: no TypeScript, no build step of your own.
// Run it with `node workflows/plain-js/greeting.mjs` (after `npm install`, which builds dist/).
import {
  CommandRequest,
  StateDecision,
  signalChannel,
  stateInput,
  TimerCommand,
  workflowSchema,
} from 'iwf-ts/sdk';
import { createTestEnvironment } from 'iwf-ts/testing';

const greeting = workflowSchema({
  workflowType: 'GreetingWorkflow',
  states: { Greet: stateInput() },
  signalChannels: { name: signalChannel() },
});

const Greet = greeting.state('Greet', {
  // Wait for a name, or give up after an hour.
  waitUntil: () =>
    CommandRequest.forAnyCommandCompleted(
      TimerCommand.bySeconds(3600),
      greeting.signalChannelCommand('name'),
    ),
  execute: ({ commandResults }) => {
    const name = commandResults.signalChannel('name');
    return StateDecision.gracefulCompleteWorkflow(
      name?.status === 'RECEIVED' ? `hello, ${name.value}` : 'nobody came',
    );
  },
});

export const GreetingWorkflow = greeting.workflow({ startingState: 'Greet', states: [Greet] });

const env = await createTestEnvironment({ workflows: [GreetingWorkflow], mode: 'sim' });
try {
  await env.client.startWorkflow(GreetingWorkflow, 'greet-1', 7200);
  await env.client.signalWorkflow(GreetingWorkflow, 'greet-1', 'name', 'Ada');
  console.log(await env.client.waitForWorkflowCompletion('greet-1'));

  await env.client.startWorkflow(GreetingWorkflow, 'greet-2', 7200);
  console.log(await env.client.waitForWorkflowCompletion('greet-2')); // an hour of virtual time, instantly
} finally {
  await env.close();
}
