import {
  CommandRequest,
  dataAttribute,
  StateDecision,
  signalChannel,
  stateInput,
  TimerCommand,
  workflowSchema,
} from 'iwf-ts/sdk';
import type { Microservices } from './services.ts';

/**
 * The orchestration's declarations, with the names of the official Java sample (`SomeData`,
 * `Ready`), so both are wire-compatible.
 *
 * @example
 * orchestrationSchema.workflowType; // 'OrchestrationWorkflow'
 */
export const orchestrationSchema = workflowSchema({
  workflowType: 'OrchestrationWorkflow',
  states: {
    State1: stateInput<string>(),
    State2: stateInput(),
    State3: stateInput(),
    State4: stateInput(),
  },
  dataAttributes: { SomeData: dataAttribute<string>() },
  signalChannels: { Ready: signalChannel<void>() },
});

/** What the orchestration needs from outside. */
export interface OrchestrationDependencies {
  services: Microservices;
  /** How long State3 waits for `Ready` before taking the State4 path (default 24 h). */
  readyTimeoutSeconds?: number;
}

/** How the orchestration ended: `Ready` arrived in time (API3), or the wait timed out (API4). */
export type OrchestrationOutcome = 'ready' | 'timed out';

/**
 * Builds the microservice orchestration: State1 stores the input and calls API1, then two threads
 * run in parallel: State2 calls API2 and ends its thread; State3 waits for the `Ready` signal or
 * 24 hours, whichever comes first: `Ready` calls API3, the timer goes on to State4, which calls API4.
 * The `swap` RPC replaces the data the later calls use and returns the old value.
 *
 * @example
 * const Orchestration = createOrchestrationWorkflow({ services: new ConsoleMicroservices() });
 * await client.startWorkflow(Orchestration, 'order-1', 7 * 24 * 3600, 'some data');
 * await client.signalWorkflow(Orchestration, 'order-1', 'Ready');
 */
export function createOrchestrationWorkflow(deps: OrchestrationDependencies) {
  const { services } = deps;
  const readyTimeoutSeconds = deps.readyTimeoutSeconds ?? 24 * 3600;
  const s = orchestrationSchema;
  const dataOf = (value: string | undefined): string => value ?? '';
  const outcome = (value: OrchestrationOutcome) => value;

  const State1 = s.state('State1', {
    async execute({ input, persistence }) {
      persistence.setDataAttribute('SomeData', input);
      await services.call('API1', input);
      return StateDecision.multiNextStates(s.movement('State2'), s.movement('State3'));
    },
  });

  const State2 = s.state('State2', {
    async execute({ persistence }) {
      await services.call('API2', dataOf(persistence.getDataAttribute('SomeData')));
      return StateDecision.deadEnd(); // this thread is done; State3's thread goes on
    },
  });

  const State3 = s.state('State3', {
    waitUntil: () =>
      CommandRequest.forAnyCommandCompleted(
        TimerCommand.bySeconds(readyTimeoutSeconds, 'readyTimeout'),
        s.signalChannelCommand('Ready'),
      ),
    async execute({ commandResults, persistence }) {
      if (commandResults.timerById('readyTimeout')?.status === 'FIRED') return s.nextState('State4');
      await services.call('API3', dataOf(persistence.getDataAttribute('SomeData')));
      return StateDecision.gracefulCompleteWorkflow(outcome('ready'));
    },
  });

  const State4 = s.state('State4', {
    async execute({ persistence }) {
      await services.call('API4', dataOf(persistence.getDataAttribute('SomeData')));
      return StateDecision.gracefulCompleteWorkflow(outcome('timed out'));
    },
  });

  // Under an exclusive lock on SomeData: two concurrent swaps each see the other's value, never the same one.
  const swap = s.rpc<string, string | null>({
    dataAttributesLoadingPolicy: s.loadPartialWithExclusiveLock(['SomeData']),
    handler({ input, persistence }) {
      const old = persistence.getDataAttribute('SomeData') ?? null;
      persistence.setDataAttribute('SomeData', input);
      return old;
    },
  });

  return s.workflow({ startingState: 'State1', states: [State1, State2, State3, State4], rpcs: { swap } });
}

/** The type of the orchestration workflow definition. */
export type OrchestrationWorkflow = ReturnType<typeof createOrchestrationWorkflow>;
