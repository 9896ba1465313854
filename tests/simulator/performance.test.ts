import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { WorkerReply, WorkerTransport } from '../../simulator/contracts.ts';
import { Simulator } from '../../simulator/index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const worker: WorkerTransport = {
  async call(_url, path, body): Promise<WorkerReply> {
    if (path.endsWith('/decide')) {
      const n = Number(
        (body as { context: { stateExecutionId: string } }).context.stateExecutionId.split('-')[1],
      );
      const next = n >= 100 ? '_SYS_GRACEFUL_COMPLETING_WORKFLOW' : 'S1';
      return {
        status: 200,
        json: { stateDecision: { nextStates: [{ stateId: next, stateOptions: { skipWaitUntil: true } }] } },
      };
    }
    return {
      status: 200,
      json: {
        commandRequest: {
          commandWaitingType: 'ANY_COMPLETED',
          timerCommands: [{ durationSeconds: 3600 }],
          interStateChannelCommands: [{ channelName: 'c' }],
        },
      },
    };
  },
};

const start = (simulator: Simulator, workflowId: string, skipWaitUntil: boolean) =>
  simulator.handle({
    method: 'POST',
    path: '/api/v1/workflow/start',
    body: {
      workflowId,
      iwfWorkflowType: 'T',
      workflowTimeoutSeconds: 0,
      iwfWorkerUrl: 'x',
      startStateId: 'S1',
      stateOptions: { skipWaitUntil },
    },
  });

describe('performance (design §6)', () => {
  it('runs well over 50,000 state executions per second in-process with a trivial worker', async () => {
    const simulator = new Simulator({ workerTransport: worker, recordHistory: false });
    const started = performance.now();
    for (let i = 0; i < 300; i++) await start(simulator, `w${i}`, true);
    await simulator.runUntilIdle();
    const perSecond = (300 * 100) / ((performance.now() - started) / 1000);
    expect(simulator.listWorkflows().every((w) => w.status === 'COMPLETED')).toBe(true);
    // Measured ~230,000/s on a 2-core machine; the bound leaves room for slow CI.
    expect(perSecond).toBeGreaterThan(50_000);
  });

  it('keeps 10,000 idle workflows waiting on a timer and a channel well under 15 KB of heap each', async () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const simulator = new Simulator({ workerTransport: worker });
    for (let i = 0; i < 10_000; i++) await start(simulator, `w${i}`, false);
    await simulator.runUntilIdle();
    gc();
    const perWorkflow = (process.memoryUsage().heapUsed - before) / 10_000;
    expect(simulator.listWorkflows()).toHaveLength(10_000);
    expect(perWorkflow).toBeLessThan(15 * 1024);
  });
});
