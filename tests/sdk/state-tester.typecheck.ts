/**
 * Compile-time checks of StateTester's typing, run by `npm run typecheck`: every line marked
 * `@ts-expect-error` must fail to compile, so a test that names a state, key, channel or input
 * the workflow does not have is caught before it runs.
 */
import { dataAttribute, internalChannel, StateDecision, stateInput, workflowSchema } from 'iwf-ts/sdk';
import { StateTester } from 'iwf-ts/testing';

const schema = workflowSchema({
  workflowType: 'TesterTypes',
  states: { Start: stateInput<{ id: string }>(), Wait: stateInput() },
  dataAttributes: { count: dataAttribute<number>() },
  internalChannels: { done: internalChannel<number>() },
});
const Start = schema.state('Start', { execute: () => schema.nextState('Wait') });
const Wait = schema.state('Wait', { execute: () => StateDecision.deadEnd() });
const echo = schema.rpc<string, number>({ handler: ({ input }) => input.length });
const Workflow = schema.workflow({ startingState: 'Start', states: [Start, Wait], rpcs: { echo } });

export async function typedStateTester(): Promise<void> {
  const tester = new StateTester(Workflow, { dataAttributes: { count: 1 } });
  // @ts-expect-error: undeclared data attribute key
  new StateTester(Workflow, { dataAttributes: { cont: 1 } });
  // @ts-expect-error: wrong value type for a declared key
  new StateTester(Workflow, { dataAttributes: { count: 'one' } });
  await tester.execute('Start', { id: 'a' });
  // @ts-expect-error: unknown state id
  await tester.execute('Strat', { id: 'a' });
  // @ts-expect-error: Start needs an { id } input
  await tester.execute('Start', 'a');
  await tester.execute('Wait');
  await tester.execute('Wait', undefined, {
    internalChannels: [{ status: 'RECEIVED', value: 3, channelName: 'done' }],
  });
  // @ts-expect-error: the done channel carries numbers
  await tester.execute('Wait', undefined, { internalChannels: [{ status: 'RECEIVED', value: 'x' }] });
  await tester.execute('Wait', undefined, {
    // @ts-expect-error: undeclared channel
    internalChannels: [{ status: 'RECEIVED', channelName: 'dome' }],
  });
  // @ts-expect-error: the workflow has no signal channels
  await tester.execute('Wait', undefined, { signals: [{ status: 'RECEIVED' }] });
  const length: number = (await tester.rpc('echo', 'abc')).output;
  // @ts-expect-error: RPC input is a string
  await tester.rpc('echo', 3);
  // @ts-expect-error: no such RPC
  await tester.rpc('ehco', 'abc');
  const count: number | undefined = tester.dataAttributes.count;
  // @ts-expect-error: undeclared key read
  void tester.dataAttributes.cont;
  void length;
  void count;
}
