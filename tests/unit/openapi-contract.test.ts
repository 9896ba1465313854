import { describe, expect, it } from 'vitest';
import { OpenApiContract } from '../support/openapi-contract.ts';

const contract = OpenApiContract.load();

describe.skipIf(!contract)('the OpenAPI contract check (needs ../shared/iwf-idl/iwf.yaml)', () => {
  it('accepts an exchange that follows the spec', () => {
    expect(
      contract!.violations({
        kind: 'api',
        path: '/api/v1/workflow/get',
        request: { workflowId: 'a' },
        status: 200,
        response: { workflowRunId: 'r', workflowStatus: 'RUNNING' },
      }),
    ).toEqual([]);
  });

  it('reports a missing required field, a wrong enum value and a wrong type', () => {
    const problems = contract!.violations({
      kind: 'worker',
      path: '/api/v1/workflowState/decide',
      request: {
        context: { workflowId: 'a', workflowRunId: 'r', workflowStartedTimestamp: 1 },
        workflowType: 'T',
      },
      status: 200,
      response: { stateDecision: { nextStates: [{ stateId: 5 }] }, upsertDataObjects: 'x' },
    });
    expect(problems.join('\n')).toMatch(/must have required property 'workflowStateId'/);
    expect(problems.join('\n')).toMatch(/nextStates\/0\/stateId must be string/);
    expect(problems.join('\n')).toMatch(/upsertDataObjects must be array/);
  });

  it('checks error answers against ErrorResponse', () => {
    const problems = contract!.violations({
      kind: 'api',
      path: '/api/v1/workflow/get',
      request: { workflowId: 'a' },
      status: 400,
      response: { detail: 'x', subStatus: 'NOT_A_SUB_STATUS' },
    });
    expect(problems.join('\n')).toMatch(/subStatus must be equal to one of the allowed values/);
  });
});
