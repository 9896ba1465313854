import { describe, expect, it } from 'vitest';
import { Answer, enc } from '../../conformance/kit/index.ts';
import { FakeWorker, lockK, noState, runIdOf, setup } from './fake-worker.ts';

describe('RPC', () => {
  it('a locking RPC applies its mutations before it answers and surfaces worker errors as 420 (rpc-4)', async () => {
    const worker = new FakeWorker(
      {},
      {
        write: () => ({ output: enc('w'), upsertDataAttributes: [{ key: 'k', value: enc(1) }] }),
        bad: () => new Answer({ status: 503, body: { detail: 'd', errorType: 't' } }),
      },
    );
    const { start, post } = setup(worker);
    await start('wf', noState);
    expect(
      await post('rpc', { workflowId: 'wf', rpcName: 'write', dataAttributesLoadingPolicy: lockK }),
    ).toEqual({
      status: 200,
      body: { output: enc('w') },
    });
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({
      objects: [{ key: 'k', value: enc(1) }],
    });
    expect(
      await post('rpc', { workflowId: 'wf', rpcName: 'bad', dataAttributesLoadingPolicy: lockK }),
    ).toEqual({
      status: 420,
      body: {
        detail: 'worker API error, status:503, errorType:t',
        subStatus: 'WORKER_API_ERROR',
        originalWorkerErrorStatus: 503,
        originalWorkerErrorType: 't',
        originalWorkerErrorDetail: 'd',
      },
    });
  });

  it('mutating RPCs count toward the continue-as-new threshold, read-only ones do not (rpc-6)', async () => {
    const worker = new FakeWorker(
      {},
      {
        read: () => ({ output: enc('r') }),
        write: () => ({ upsertDataAttributes: [{ key: 'k', value: enc(1) }] }),
      },
    );
    const { simulator, start, post } = setup(worker);
    const first = runIdOf(
      await start('wf', {
        ...noState,
        workflowStartOptions: { workflowConfigOverride: { continueAsNewThreshold: 3 } },
      }),
    );
    for (let i = 0; i < 5; i++) await post('rpc', { workflowId: 'wf', rpcName: 'read' });
    await simulator.runUntilIdle();
    expect(runIdOf(await post('get', { workflowId: 'wf' }))).toBe(first);
    for (let i = 0; i < 3; i++) await post('rpc', { workflowId: 'wf', rpcName: 'write' });
    await simulator.runUntilIdle();
    expect(runIdOf(await post('get', { workflowId: 'wf' }))).not.toBe(first);
  });

  it('the RPC request’s useMemoForDataAttributes and searchAttributes fields are accepted and ignored (rpc-6)', async () => {
    const worker = new FakeWorker({}, { read: () => ({ output: enc('r') }) });
    const { start, post } = setup(worker);
    await start('wf', {
      ...noState,
      workflowStartOptions: { dataAttributes: [{ key: 'k', value: enc(1) }] },
    });
    expect(
      await post('rpc', {
        workflowId: 'wf',
        rpcName: 'read',
        useMemoForDataAttributes: true,
        searchAttributes: [{ key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'x' }],
      }),
    ).toEqual({ status: 200, body: { output: enc('r') } });
    expect(worker.callsOf('rpc')[0]!.body.dataAttributes).toEqual([{ key: 'k', value: enc(1) }]);
    expect(
      (
        await post('searchattributes/get', {
          workflowId: 'wf',
          keys: [{ key: 'CustomKeywordField', valueType: 'KEYWORD' }],
        })
      ).body,
    ).toEqual({});
  });
});
