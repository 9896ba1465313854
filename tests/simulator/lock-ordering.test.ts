import { describe, expect, it } from 'vitest';
import { enc, gracefulComplete } from '../../conformance/kit/index.ts';
import type { PersistenceLoadingPolicy, WorkflowStateDecideResponse } from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const lockOf = (key: string): PersistenceLoadingPolicy => ({
  persistenceLoadingType: 'LOAD_PARTIAL_WITH_EXCLUSIVE_LOCK',
  partialLoadingKeys: [key],
  lockingKeys: [key],
});
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('a state API call locks search attribute keys, then data attribute keys (measured on the real server)', () => {
  it('holds its search key while it waits for a data key, so a locking RPC on that search key gets 450', async () => {
    let releaseH: (response: WorkflowStateDecideResponse) => void = () => {};
    const worker = new FakeWorker(
      {
        Fork: {
          execute: () => ({
            stateDecision: {
              nextStates: [
                {
                  stateId: 'H',
                  stateOptions: { skipWaitUntil: true, executeApiDataAttributesLoadingPolicy: lockOf('d') },
                },
                {
                  stateId: 'W',
                  stateOptions: {
                    executeApiSearchAttributesLoadingPolicy: lockOf('CustomKeywordField'),
                    executeApiDataAttributesLoadingPolicy: lockOf('d'),
                  },
                },
              ],
            },
          }),
        },
        H: { execute: () => new Promise((resolve) => (releaseH = resolve)) },
        W: { waitUntil: () => ({}), execute: () => gracefulComplete(enc('done')) },
      },
      { probe: () => ({ output: enc('ran') }) },
    );
    const { post, start, result } = setup(worker);
    await start('wf', { startStateId: 'Fork', stateOptions: { skipWaitUntil: true } });
    for (let i = 0; i < 10; i++) await turn();
    expect(worker.callsOf('waitUntil', 'W')).toHaveLength(1);
    expect(worker.callsOf('execute', 'W')).toHaveLength(0);
    const onSearchKey = await post('rpc', {
      workflowId: 'wf',
      rpcName: 'probe',
      searchAttributesLoadingPolicy: lockOf('CustomKeywordField'),
    });
    expect(onSearchKey.status).toBe(450);
    releaseH({ stateDecision: { nextStates: [{ stateId: '_SYS_DEAD_END' }] } });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expect(worker.callsOf('execute', 'W')).toHaveLength(1);
    const afterwards = await post('rpc', {
      workflowId: 'wf',
      rpcName: 'probe',
      searchAttributesLoadingPolicy: lockOf('CustomKeywordField'),
    });
    expect(afterwards.status).toBe(400);
  });
});
