// Run: node --expose-gc --import tsx tests/simulator/benchmark.ts (state executions per second, heap per idle workflow).

import type { WorkerReply, WorkerTransport } from '../../simulator/contracts.ts';
import { Simulator } from '../../simulator/index.ts';

const loopWorker: WorkerTransport = {
  async call(_url, path, body): Promise<WorkerReply> {
    const req = body as { stateInput?: { data?: string }; context: { stateExecutionId: string } };
    if (path.endsWith('/decide')) {
      const n = Number(req.context.stateExecutionId.split('-')[1]);
      return {
        status: 200,
        json:
          n >= 100
            ? { stateDecision: { nextStates: [{ stateId: '_SYS_GRACEFUL_COMPLETING_WORKFLOW' }] } }
            : { stateDecision: { nextStates: [{ stateId: 'S1', stateOptions: { skipWaitUntil: true } }] } },
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

async function throughput(recordHistory: boolean) {
  const sim = new Simulator({ workerTransport: loopWorker, recordHistory });
  const t0 = performance.now();
  const n = 500;
  for (let i = 0; i < n; i++) {
    await sim.handle({
      method: 'POST',
      path: '/api/v1/workflow/start',
      body: {
        workflowId: `w${i}`,
        iwfWorkflowType: 'T',
        workflowTimeoutSeconds: 0,
        iwfWorkerUrl: 'x',
        startStateId: 'S1',
        stateOptions: { skipWaitUntil: true },
      },
    });
  }
  await sim.runUntilIdle();
  const ms = performance.now() - t0;
  const done = sim.listWorkflows().filter((w) => w.status === 'COMPLETED').length;
  console.log(
    `history=${recordHistory}: ${n * 100} executions in ${ms.toFixed(0)} ms = ${(((n * 100) / ms) * 1000).toFixed(0)}/s, completed ${done}`,
  );
}

async function idleMemory() {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const sim = new Simulator({ workerTransport: loopWorker });
  const n = 10_000;
  for (let i = 0; i < n; i++) {
    await sim.handle({
      method: 'POST',
      path: '/api/v1/workflow/start',
      body: {
        workflowId: `w${i}`,
        iwfWorkflowType: 'T',
        workflowTimeoutSeconds: 0,
        iwfWorkerUrl: 'x',
        startStateId: 'S1',
      },
    });
  }
  await sim.runUntilIdle();
  globalThis.gc?.();
  const after = process.memoryUsage().heapUsed;
  console.log(
    `idle: ${((after - before) / n / 1024).toFixed(2)} KB per workflow waiting on a timer and a channel (${sim.clock.now()})`,
  );
}

await throughput(true);
await throughput(false);
await idleMemory();
