import { describe, expect, it } from 'vitest';
import { Answer, enc, gracefulComplete, noWait } from '../../conformance/kit/index.ts';
import { FakeWorker, HANG, setup } from './fake-worker.ts';

const fail500 = () => new Answer({ status: 500, body: 'boom', contentType: 'text/plain' });

const once = {
  executeApiRetryPolicy: { maximumAttempts: 1 },
  waitUntilApiRetryPolicy: { maximumAttempts: 1 },
};

describe('state options', () => {
  it('skip waitUntil: skipStartApi wins over skipWaitUntil when present (options-1)', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: () => ({}), execute: () => gracefulComplete() } });
    const { start, result } = setup(worker);
    await start('a', { stateOptions: { skipStartApi: false, skipWaitUntil: true } });
    await result('a');
    expect(worker.callsOf('waitUntil')).toHaveLength(1);
    await start('b', { stateOptions: { skipStartApi: true, skipWaitUntil: false } });
    await result('b');
    expect(worker.callsOf('waitUntil')).toHaveLength(1);
  });

  it('waitUntil and execute time out after 30 s by default; the legacy timeout names win (options-1)', async () => {
    const cases = [
      [{}, 30_000, 'StateApiWaitUntil'],
      [noWait, 30_000, 'StateApiExecute'],
      [{ startApiTimeoutSeconds: 5, waitUntilApiTimeoutSeconds: 50 }, 5_000, 'StateApiWaitUntil'],
      [{ ...noWait, decideApiTimeoutSeconds: 7, executeApiTimeoutSeconds: 70 }, 7_000, 'StateApiExecute'],
    ] as const;
    for (const [options, ms, activity] of cases) {
      const worker = new FakeWorker({ S1: { waitUntil: () => HANG, execute: () => HANG } });
      const { simulator, start, result } = setup(worker, { hungCallGraceMs: 5 });
      await start('wf', { stateOptions: { ...once, ...options } });
      const t0 = simulator.now();
      const body = (await result('wf')).body as { workflowStatus: string; errorMessage: string };
      expect(body.workflowStatus).toBe('FAILED');
      expect(body.errorMessage).toMatch(new RegExp(`^activity error \\(type: ${activity}.*StartToClose`));
      expect(simulator.now() - t0, JSON.stringify(options)).toBe(ms);
    }
  });

  it('without a retry policy waitUntil and execute are retried without limit (failures-2)', async () => {
    const worker = new FakeWorker({ S1: { waitUntil: fail500, execute: fail500 } });
    const { simulator, start, post } = setup(worker, { autoAdvance: false });
    await start('a');
    await start('b', { stateOptions: noWait });
    await simulator.advanceBy(3 * 3_600_000);
    expect(worker.callsOf('waitUntil').length).toBeGreaterThan(100);
    expect(worker.callsOf('execute').length).toBeGreaterThan(100);
    for (const workflowId of ['a', 'b'])
      expect((await post('get', { workflowId })).body).toMatchObject({ workflowStatus: 'RUNNING' });
  });

  it('execute retry and failure policy: decideApiRetryPolicy wins, then PROCEED_TO_CONFIGURED_STATE moves on (failures-3)', async () => {
    const worker = new FakeWorker({
      S1: { execute: fail500 },
      R: { execute: () => gracefulComplete(enc('r')) },
    });
    const { start, result } = setup(worker);
    await start('wf', {
      stateOptions: {
        ...noWait,
        decideApiRetryPolicy: { maximumAttempts: 2 },
        executeApiRetryPolicy: { maximumAttempts: 5 },
        executeApiFailurePolicy: 'PROCEED_TO_CONFIGURED_STATE',
        executeApiFailureProceedStateId: 'R',
        executeApiFailureProceedStateOptions: noWait,
      },
    });
    expect((await result('wf')).body).toMatchObject({
      workflowStatus: 'COMPLETED',
      results: [{ completedStateExecutionId: 'R-1', completedStateOutput: enc('r') }],
    });
    expect(worker.callsOf('execute', 'S1')).toHaveLength(2);
  });

  it('data and search attribute loading: API-specific policy, then the generic one, then the legacy name (loading-2)', async () => {
    const loaded: Record<string, unknown> = {};
    const keys = (list?: { key?: string }[]) => list?.map((kv) => kv.key);
    const worker = new FakeWorker({
      S1: {
        waitUntil: (req) => {
          loaded.waitUntil = [keys(req.dataObjects), keys(req.searchAttributes)];
          return {};
        },
        execute: (req) => {
          loaded.execute = [keys(req.DataObjects), keys(req.searchAttributes)];
          return gracefulComplete();
        },
      },
    });
    const only = (key: string) => ({
      persistenceLoadingType: 'LOAD_PARTIAL_WITHOUT_LOCKING' as const,
      partialLoadingKeys: [key],
    });
    const { start, result } = setup(worker);
    await start('wf', {
      workflowStartOptions: {
        dataAttributes: ['a', 'b', 'c'].map((key) => ({ key, value: enc(key) })),
        searchAttributes: [
          { key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'k' },
          { key: 'CustomIntField', valueType: 'INT', integerValue: 1 },
        ],
      },
      stateOptions: {
        waitUntilApiDataAttributesLoadingPolicy: only('a'),
        dataAttributesLoadingPolicy: only('b'),
        dataObjectsLoadingPolicy: only('c'),
        waitUntilApiSearchAttributesLoadingPolicy: only('CustomKeywordField'),
        searchAttributesLoadingPolicy: only('CustomIntField'),
      },
    });
    await result('wf');
    expect(loaded).toEqual({
      waitUntil: [['a'], ['CustomKeywordField']],
      execute: [['b'], ['CustomIntField']],
    });
  });
});
