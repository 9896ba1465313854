import { describe, expect, it } from 'vitest';
import {
  dataAttribute,
  LoadingPolicy,
  Registry,
  StateDecision,
  stateInput,
  WorkflowDefinitionError,
  workflowSchema,
} from '../../sdk/index.ts';

const schema = workflowSchema({
  workflowType: 'RegistryCheck',
  states: { A: stateInput(), B: stateInput() },
  dataAttributes: { count: dataAttribute<number>() },
});
const A = schema.state('A', { execute: () => schema.nextState('B') });
const B = schema.state('B', { execute: () => StateDecision.deadEnd() });

describe('the registry', () => {
  it('accepts a complete workflow and reports its types', () => {
    const registry = new Registry().addWorkflow(schema.workflow({ startingState: 'A', states: [A, B] }));
    expect(registry.workflowTypes()).toEqual(['RegistryCheck']);
  });

  it('rejects a workflow type registered twice', () => {
    const wf = schema.workflow({ startingState: 'A', states: [A, B] });
    expect(() => new Registry().addWorkflows(wf, wf)).toThrow(
      'workflow type RegistryCheck is registered twice',
    );
  });

  it('rejects a state defined twice, naming the workflow and the state', () => {
    expect(() => new Registry().addWorkflow(schema.workflow({ states: [A, B, A] }))).toThrow(
      'state A is defined twice in workflow RegistryCheck',
    );
  });

  it('rejects a declared state that has no definition, saying how to define it', () => {
    expect(() => new Registry().addWorkflow(schema.workflow({ states: [A] }))).toThrow(
      /state B is declared in the schema of workflow RegistryCheck but has no definition: define it with schema.state\('B'/,
    );
  });

  it('rejects state ids with the reserved _SYS_ prefix', () => {
    const sys = workflowSchema({ workflowType: 'Sys', states: { _SYS_X: stateInput() } });
    const X = sys.state('_SYS_X', { execute: () => StateDecision.deadEnd() });
    expect(() => new Registry().addWorkflow(sys.workflow({ states: [X] }))).toThrow(WorkflowDefinitionError);
  });

  it('rejects a starting state that is not one of the workflow’s states', () => {
    const wf = { ...schema.workflow({ states: [A, B] }), startingStateId: 'C' };
    expect(() => new Registry().addWorkflow(wf)).toThrow(
      'starting state C of workflow RegistryCheck is not one of its states',
    );
  });

  it('rejects an RPC that locks an undeclared data attribute', () => {
    const rpc = schema.rpc({
      dataAttributesLoadingPolicy: LoadingPolicy.partialWithExclusiveLock(['cuont']),
      handler: () => {},
    });
    expect(() => new Registry().addWorkflow(schema.workflow({ states: [A, B], rpcs: { rpc } }))).toThrow(
      /RPC rpc of workflow RegistryCheck: data attribute 'cuont' is not declared/,
    );
  });

  it('rejects a failure-proceed state option whose retry policy never ends', () => {
    const C = schema.state('A', {
      options: { proceedToStateWhenExecuteRetryExhausted: 'B' },
      execute: () => schema.nextState('B'),
    });
    expect(() => new Registry().addWorkflow(schema.workflow({ states: [C, B] }))).toThrow(
      /executeApiRetryPolicy never ends: set maximumAttempts or maximumAttemptsDurationSeconds/,
    );
  });

  it('fills in the proceed state’s own options on the wire, as the official SDKs do', () => {
    const C = schema.state('A', {
      options: {
        executeApiRetryPolicy: { maximumAttempts: 2 },
        proceedToStateWhenExecuteRetryExhausted: 'B',
      },
      execute: () => schema.nextState('B'),
    });
    const registry = new Registry().addWorkflow(schema.workflow({ startingState: 'A', states: [C, B] }));
    expect(registry.stateOptions('RegistryCheck', 'A')).toEqual({
      skipWaitUntil: true,
      executeApiRetryPolicy: { maximumAttempts: 2 },
      executeApiFailurePolicy: 'PROCEED_TO_CONFIGURED_STATE',
      executeApiFailureProceedStateId: 'B',
      executeApiFailureProceedStateOptions: { skipWaitUntil: true },
    });
  });
});
