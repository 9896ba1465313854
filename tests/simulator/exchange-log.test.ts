import { describe, expect, it } from 'vitest';
import type { WorkerTransport } from '../../simulator/contracts.ts';
import { Simulator } from '../../simulator/simulator.ts';

// A worker that answers over "HTTP": its answers come as text, as from a real socket.
const textWorker: WorkerTransport = {
  async call(_url, path) {
    const json = path.endsWith('/start')
      ? { commandRequest: { deciderTriggerType: 'ALL_COMMAND_COMPLETED' } }
      : { stateDecision: { nextStates: [{ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW' }] } };
    return { status: 200, text: JSON.stringify(json), contentType: 'application/json' };
  },
};

function startBody(workflowIdKey: string, workflowId: string): string {
  return JSON.stringify({
    [workflowIdKey]: workflowId,
    iwfWorkflowType: 'Greeting',
    workflowTimeoutSeconds: 60,
    iwfWorkerUrl: 'http://worker.test',
    startStateId: 'S1',
  });
}

describe('the exchange log behind the timeline page', () => {
  it('files each raw request and worker answer under its workflow id, parsed when read', async () => {
    const simulator = new Simulator({ workerTransport: textWorker, recordExchanges: true });
    const rawBody = startBody('workflowId', 'ada');
    const start = await simulator.handle({ method: 'POST', path: '/api/v1/workflow/start', rawBody });
    expect(start.status).toBe(200);
    await simulator.runUntilIdle();

    const exchanges = simulator.exchangesOf('ada');
    const paths = exchanges.map((exchange) => `${exchange.kind} ${exchange.path}`);
    expect(paths).toEqual([
      'api /api/v1/workflow/start',
      'worker /api/v1/workflowState/start',
      'worker /api/v1/workflowState/decide',
    ]);
    expect(exchanges[0]!.request).toEqual(JSON.parse(rawBody));
    expect(exchanges[2]!.response).toEqual({
      stateDecision: { nextStates: [{ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW' }] },
    });
    expect(exchanges[2]!.executionId).toBe('S1-1');
    await simulator.close();
  });

  it('files a request by the workflow id Go reads, even written WorkflowId, and keeps its text as sent', async () => {
    const simulator = new Simulator({ workerTransport: textWorker, recordExchanges: true });
    const rawBody = startBody('WorkflowId', 'grace');
    expect((await simulator.handle({ method: 'POST', path: '/api/v1/workflow/start', rawBody })).status).toBe(
      200,
    );
    await simulator.runUntilIdle();
    expect(simulator.exchangesOf('grace')[0]!.request).toEqual(JSON.parse(rawBody));
    await simulator.close();
  });

  it('keeps a refused request that names a workflow, with the refusal', async () => {
    const simulator = new Simulator({ workerTransport: textWorker, recordExchanges: true });
    const rawBody = JSON.stringify({ workflowId: 'lin', workflowTimeoutSeconds: 'soon' });
    const answer = await simulator.handle({ method: 'POST', path: '/api/v1/workflow/start', rawBody });
    expect(answer.status).toBe(400);
    expect(simulator.exchangesOf('lin').map((exchange) => exchange.status)).toEqual([400]);
    await simulator.close();
  });
});
