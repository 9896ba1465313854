/**
 * Compile-time checks of the SDK's typing, run by `npm run typecheck` (tsc): every line marked
 * `@ts-expect-error` must fail to compile, so a mistake a user could make stays a compile error.
 */
import {
  type Client,
  dataAttribute,
  dataAttributePrefix,
  internalChannel,
  Registry,
  StateDecision,
  signalChannel,
  stateInput,
  workflowSchema,
} from '../../sdk/index.ts';

interface Order {
  id: string;
  amount: number;
}

const schema = workflowSchema({
  workflowType: 'TypeCheckWorkflow',
  states: { Start: stateInput<Order>(), Wait: stateInput() },
  dataAttributes: { order: dataAttribute<Order>(), 'note-': dataAttributePrefix<string>() },
  internalChannels: { done: internalChannel<number>(), ping: internalChannel<void>() },
  signalChannels: { cancel: signalChannel<string>() },
});

const Start = schema.state('Start', {
  execute({ input, persistence, communication }) {
    const amount: number = input.amount;
    persistence.setDataAttribute('order', input);
    persistence.setDataAttribute('note-1', 'a note under a prefix key');
    // @ts-expect-error: undeclared data attribute key
    persistence.setDataAttribute('orders', input);
    // @ts-expect-error: wrong value type for a declared key
    persistence.setDataAttribute('order', 'not an order');
    communication.publishToInternalChannel('done', amount);
    communication.publishToInternalChannel('ping');
    // @ts-expect-error: a channel that carries a number needs one
    communication.publishToInternalChannel('done');
    // @ts-expect-error: undeclared channel
    communication.publishToInternalChannel('dome', 1);
    // @ts-expect-error: undeclared state id
    schema.nextState('Wiat');
    // @ts-expect-error: the Start state needs an Order input
    schema.nextState('Start');
    return schema.nextState('Wait');
  },
});
const Wait = schema.state('Wait', {
  waitUntil: () => {
    // @ts-expect-error: undeclared channel in a command
    schema.internalChannelCommand('nope');
    return schema.internalChannelCommand('done') && StateDecision.deadEnd() && undefined!;
  },
  execute: ({ commandResults }) => {
    const value: number | undefined = commandResults.internalChannel('done')?.value;
    return value === undefined ? StateDecision.deadEnd() : StateDecision.gracefulCompleteWorkflow(value);
  },
});

const echo = schema.rpc<string, number>({ handler: ({ input }) => input.length });
const TypeCheckWorkflow = schema.workflow({ startingState: 'Start', states: [Start, Wait], rpcs: { echo } });

export async function typedClientCalls(client: Client): Promise<void> {
  new Registry().addWorkflow(TypeCheckWorkflow);
  await client.startWorkflow(TypeCheckWorkflow, 'id', 60, { id: 'o1', amount: 3 });
  // @ts-expect-error: the starting state's input type is Order
  await client.startWorkflow(TypeCheckWorkflow, 'id', 60, 'not an order');
  const length: number = await client.invokeRpc(TypeCheckWorkflow, 'id', 'echo', 'abc');
  // @ts-expect-error: RPC input is a string
  await client.invokeRpc(TypeCheckWorkflow, 'id', 'echo', 42);
  // @ts-expect-error: no such RPC
  await client.invokeRpc(TypeCheckWorkflow, 'id', 'ehco', 'abc');
  await client.signalWorkflow(TypeCheckWorkflow, 'id', 'cancel', 'because');
  // @ts-expect-error: signal value is a string
  await client.signalWorkflow(TypeCheckWorkflow, 'id', 'cancel', 1);
  const attrs = await client.getWorkflowDataAttributes(TypeCheckWorkflow, 'id', ['order']);
  const order: Order | undefined = attrs.order;
  // @ts-expect-error: undeclared key
  await client.getWorkflowDataAttributes(TypeCheckWorkflow, 'id', ['orderz']);
  void length;
  void order;
}
