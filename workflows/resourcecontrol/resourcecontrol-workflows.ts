import type { Client } from 'iwf-ts/sdk';
import {
  CommandRequest,
  dataAttribute,
  internalChannel,
  internalChannelPrefix,
  StateDecision,
  stateInput,
  TimerCommand,
  WorkflowAlreadyStartedError,
  WorkflowNotExistsError,
  workflowSchema,
} from 'iwf-ts/sdk';

/** A unit of work for the resource. */
export interface Request {
  id: string;
  data: string;
}

/** Prefix of the channels on which the controller learns that a child finished. */
export const CHILD_COMPLETE_PREFIX = 'ChildComplete_';

/**
 * The controller's declarations: a request queue (an internal channel used as a buffer), one
 * completion channel per child (a prefix declaration), and the children it waits for.
 *
 * @example
 * controllerSchema.workflowType; // 'ControllerWorkflow'
 */
export const controllerSchema = workflowSchema({
  workflowType: 'ControllerWorkflow',
  states: { InitState: stateInput<Request>(), LoopForNextRequestState: stateInput() },
  dataAttributes: { CurrentWaitChildWfs: dataAttribute<string[]>() },
  internalChannels: {
    RequestQueue: internalChannel<Request>(),
    [CHILD_COMPLETE_PREFIX]: internalChannelPrefix<void>(),
  },
});

/**
 * The processing (child) workflow's declarations.
 *
 * @example
 * processingSchema.workflowType; // 'ProcessingWorkflow'
 */
export const processingSchema = workflowSchema({
  workflowType: 'ProcessingWorkflow',
  states: { ProcessState: stateInput<Request>(), CompleteState: stateInput() },
  dataAttributes: { ParentWorkflowId: dataAttribute<string>(), Status: dataAttribute<string>() },
});

/** What the two workflows need from outside. */
export interface ResourceControlDependencies {
  /** The client the states use to start children and report back; a getter, as it is made after the workflows. */
  client: () => Client;
  /** Children running at once per controller (default 5). */
  concurrency?: number;
  /** Requests buffered per controller before new ones are rejected (default 20). */
  maxBufferedRequests?: number;
  /** How long processing a request takes (a timer stands in for the work). */
  processingSeconds: (request: Request) => number;
  log?: (line: string) => void;
}

/** The workflow id of a request's child. @example childWorkflowId('42'); // 'processing-42' */
export const childWorkflowId = (requestId: string): string => `processing-${requestId}`;

/**
 * Builds the controller and the processing workflows. A controller owns one resource: it takes
 * requests from its queue and runs each in a child workflow, at most `concurrency` at a time; each
 * child calls the controller's `completeChildWorkflow` RPC when done. When no child runs and the
 * queue is empty the controller completes, atomically with respect to new requests.
 *
 * @example
 * let env: TestEnvironment;
 * const { Controller, Processing } = createResourceControlWorkflows({ client: () => env.client, processingSeconds: () => 10 });
 * env = await createTestEnvironment({ workflows: [Controller, Processing] });
 */
export function createResourceControlWorkflows(deps: ResourceControlDependencies) {
  const concurrency = deps.concurrency ?? 5;
  const maxBuffered = deps.maxBufferedRequests ?? 20;
  const log = deps.log ?? (() => {});
  const c = controllerSchema;
  const p = processingSchema;

  // ---- controller ----------------------------------------------------------------------------

  const InitState = c.state('InitState', {
    execute({ input, persistence, communication }) {
      communication.publishToInternalChannel('RequestQueue', input);
      persistence.setDataAttribute('CurrentWaitChildWfs', []);
      return c.nextState('LoopForNextRequestState');
    },
  });

  const LoopForNextRequestState = c.state('LoopForNextRequestState', {
    waitUntil({ persistence }) {
      const waiting = persistence.getDataAttribute('CurrentWaitChildWfs') ?? [];
      const commands = waiting.map((id) => c.internalChannelCommand(`${CHILD_COMPLETE_PREFIX}${id}`));
      // At the concurrency limit, leave new requests in the queue.
      if (waiting.length < concurrency) commands.unshift(c.internalChannelCommand('RequestQueue'));
      return CommandRequest.forAnyCommandCompleted(...commands);
    },
    async execute({ context, commandResults, persistence }) {
      const waiting = [...(persistence.getDataAttribute('CurrentWaitChildWfs') ?? [])];
      for (const result of commandResults.internalChannelCommands) {
        if (result.status !== 'RECEIVED') continue;
        if (result.channelName === 'RequestQueue') {
          const request = result.value as Request;
          const childId = childWorkflowId(request.id);
          try {
            // Idempotent: a retry of this execute (same request id) does not fail on its own start.
            await deps.client().startWorkflow(Processing, childId, 3600, request, {
              initialDataAttributes: { ParentWorkflowId: context.workflowId },
              idReusePolicy: 'DISALLOW_REUSE',
              workflowAlreadyStartedOptions: {
                ignoreAlreadyStartedError: true,
                requestId: context.childWorkflowRequestId,
              },
            });
            waiting.push(childId);
          } catch (error) {
            if (!(error instanceof WorkflowAlreadyStartedError)) throw error;
            log(`request ${request.id} was already processed by another run: not waiting for it`);
          }
        } else if (result.channelName.startsWith(CHILD_COMPLETE_PREFIX)) {
          const childId = result.channelName.slice(CHILD_COMPLETE_PREFIX.length);
          waiting.splice(waiting.indexOf(childId), 1);
        }
      }
      persistence.setDataAttribute('CurrentWaitChildWfs', waiting);
      if (waiting.length === 0) {
        // Closes only if no request arrived meanwhile; else loops on, losing nothing.
        return c.forceCompleteIfInternalChannelEmptyOrElse(
          'RequestQueue',
          'done',
          c.movement('LoopForNextRequestState'),
        );
      }
      return c.nextState('LoopForNextRequestState');
    },
  });

  const enqueue = c.rpc<Request, boolean>({
    handler({ input, communication }) {
      if (communication.getInternalChannelSize('RequestQueue') + 1 > maxBuffered) return false;
      communication.publishToInternalChannel('RequestQueue', input);
      return true;
    },
  });

  const completeChildWorkflow = c.rpc<string, void>({
    handler({ input, persistence, communication }) {
      // A duplicate or late report (e.g. after a retry) must not leave garbage in the channels.
      if (!(persistence.getDataAttribute('CurrentWaitChildWfs') ?? []).includes(input)) return;
      communication.publishToInternalChannel(`${CHILD_COMPLETE_PREFIX}${input}`);
    },
  });

  const Controller = c.workflow({
    startingState: 'InitState',
    states: [InitState, LoopForNextRequestState],
    rpcs: { enqueue, completeChildWorkflow },
  });

  // ---- processing (child) ---------------------------------------------------------------------

  const ProcessState = p.state('ProcessState', {
    waitUntil({ input, persistence }) {
      persistence.setDataAttribute('Status', 'started');
      return CommandRequest.forAllCommandCompleted(TimerCommand.bySeconds(deps.processingSeconds(input)));
    },
    execute({ persistence }) {
      persistence.setDataAttribute('Status', 'completed');
      return p.nextState('CompleteState');
    },
  });

  const CompleteState = p.state('CompleteState', {
    async execute({ context, persistence }) {
      const parent = persistence.getDataAttribute('ParentWorkflowId');
      if (parent) {
        try {
          await deps.client().invokeRpc(Controller, parent, 'completeChildWorkflow', context.workflowId);
        } catch (error) {
          if (!(error instanceof WorkflowNotExistsError)) throw error;
          log(`controller ${parent} has already completed: ignoring`);
        }
      }
      return StateDecision.gracefulCompleteWorkflow();
    },
  });

  const describe = p.rpc<void, string | null>({
    handler: ({ persistence }) => persistence.getDataAttribute('Status') ?? null,
  });

  const Processing = p.workflow({
    startingState: 'ProcessState',
    states: [ProcessState, CompleteState],
    rpcs: { describe },
  });

  return { Controller, Processing };
}

/** The two workflow definitions. */
export type ResourceControlWorkflows = ReturnType<typeof createResourceControlWorkflows>;
