import type {
  CommandRequest,
  PersistenceLoadingPolicy,
  StateMovement,
  WorkflowStateDecideResponse,
} from '../../sdk/wire/types.ts';
import type { RecordedCall } from './fake-worker.ts';

// Small builders of wire answers and readers of replies, shared by the rule-named behaviour tests.

/** State options of a state without waitUntil. @example { stateId: 'S2', stateOptions: noWait } */
export const noWait = { skipWaitUntil: true };

/** An execute answer moving to these states. @example decide({ stateId: 'S2' }) */
export const decide = (...nextStates: StateMovement[]): WorkflowStateDecideResponse => ({
  stateDecision: { nextStates },
});

/** An execute answer moving to states (without waitUntil) by id. @example to('A', 'B') */
export const to = (...ids: string[]) => decide(...ids.map((stateId) => ({ stateId, stateOptions: noWait })));

/** An execute answer ending this thread. @example S1: { execute: deadEnd } */
export const deadEnd = () => decide({ stateId: '_SYS_DEAD_END' });

/** Start-request fields for a workflow without a starting state. @example start('wf', noState) */
export const noState = { startStateId: undefined };

/** The state execution id of a recorded worker call. @example calls.map(execId) */
export const execId = (c: RecordedCall) => (c.body.context as { stateExecutionId: string }).stateExecutionId;

/** The run id in a start/get reply. @example runIdOf(await start('wf')) */
export const runIdOf = (reply: { body: unknown }) => (reply.body as { workflowRunId: string }).workflowRunId;

/** A waitUntil answer waiting on these commands. @example S1: { waitUntil: waitOn({ ... }) } */
export const waitOn = (commandRequest: CommandRequest) => () => ({ commandRequest });

/** A waitUntil answer waiting for one signal on `channel`. @example waitSignal('go') */
export const waitSignal = (channel: string) =>
  waitOn({
    commandWaitingType: 'ALL_COMPLETED',
    signalCommands: [{ commandId: channel, signalChannelName: channel }],
  });

/** Load everything and lock key `k`. @example { dataAttributesLoadingPolicy: lockK } */
export const lockK: PersistenceLoadingPolicy = {
  persistenceLoadingType: 'LOAD_ALL_WITH_PARTIAL_LOCK',
  lockingKeys: ['k'],
};
