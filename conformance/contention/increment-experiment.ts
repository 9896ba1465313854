import { ApiPaths } from '../../sdk/wire/paths.ts';
import type { PersistenceLoadingPolicy, WorkflowWorkerRpcRequest } from '../../sdk/wire/types.ts';
import type { RawClient } from '../client.ts';
import { WORKFLOW_TYPE } from '../context.ts';
import { enc, type ScenarioWorker, waitFor } from '../kit/index.ts';

/**
 * What one run of the increment experiment counted.
 *
 * @example
 * const { statuses, finalCount } = await runIncrementExperiment(options); // finalCount === statuses[200]
 */
export interface IncrementOutcome {
  concurrency: number;
  /** Answers by HTTP status, e.g. `{ 200: 21, 450: 79 }`. */
  statuses: Record<number, number>;
  /** The counter read back at the end (the number of increments that landed). */
  finalCount: number;
  ms: number;
}

/**
 * How to run the experiment.
 *
 * @example
 * const options: IncrementOptions = { client, worker, workflowId: 'c-1', rpcs: 100, concurrency: 10 };
 */
export interface IncrementOptions {
  client: RawClient;
  worker: ScenarioWorker;
  workflowId: string;
  /** RPCs in total (the experiment sends 100). */
  rpcs: number;
  /** RPCs in flight at once: each of this many callers sends its next RPC when the last answered. */
  concurrency: number;
}

/**
 * The locking policy of every increment: an exclusive lock on `counter`.
 *
 * @example
 * await client.post(ApiPaths.rpc, { workflowId, rpcName: 'increment', dataAttributesLoadingPolicy: lockCounter });
 */
export const lockCounter: PersistenceLoadingPolicy = {
  persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
  partialLoadingKeys: ['counter'],
  lockingKeys: ['counter'],
};

/**
 * Starts a workflow whose only state waits on a channel nobody publishes to (so no state holds a
 * lock), then sends `rpcs` locking RPCs, `concurrency` at a time, each incrementing the data
 * attribute `counter` under an exclusive lock, and counts the answers. A refused RPC is not
 * retried: the point is how many the server refuses.
 *
 * @example
 * const outcome = await runIncrementExperiment({ client, worker, workflowId: 'c-1', rpcs: 100, concurrency: 10 });
 * // outcome.statuses: { 200: 21, 450: 79 }, outcome.finalCount: 21 on a real server
 */
export async function runIncrementExperiment(options: IncrementOptions): Promise<IncrementOutcome> {
  const { client, worker, workflowId } = options;
  worker.script(workflowId, {
    states: {
      Idle: {
        waitUntil: () =>
          waitFor({
            commandWaitingType: 'ALL_COMPLETED',
            interStateChannelCommands: [{ commandId: 'never', channelName: 'never' }],
          }),
      },
    },
    rpc: (request) => ({
      output: enc('incremented'),
      upsertDataAttributes: [{ key: 'counter', value: enc(counterOf(request) + 1) }],
    }),
  });
  const started = await client.post(ApiPaths.start, {
    workflowId,
    iwfWorkflowType: WORKFLOW_TYPE,
    workflowTimeoutSeconds: 600,
    iwfWorkerUrl: worker.url,
    startStateId: 'Idle',
  });
  if (started.status !== 200) throw new Error(`start ${workflowId}: ${started.status} ${started.text}`);
  const began = Date.now();
  const statuses: Record<number, number> = {};
  let sent = 0;
  const caller = async () => {
    while (sent < options.rpcs) {
      sent++;
      const res = await client.post(ApiPaths.rpc, {
        workflowId,
        rpcName: 'increment',
        dataAttributesLoadingPolicy: lockCounter,
      });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, caller));
  const ms = Date.now() - began;
  const read = await client.post(ApiPaths.dataObjectsGet, { workflowId, keys: ['counter'] });
  const objects = (read.json as { objects?: { value?: { data?: string } }[] }).objects ?? [];
  const finalCount = Number(JSON.parse(objects[0]?.value?.data ?? '0'));
  await client.post(ApiPaths.stop, { workflowId, stopType: 'TERMINATE' });
  return { concurrency: options.concurrency, statuses, finalCount, ms };
}

function counterOf(request: WorkflowWorkerRpcRequest): number {
  const found = request.dataAttributes?.find((a) => a.key === 'counter');
  return found?.value?.data ? Number(JSON.parse(found.value.data)) : 0;
}
