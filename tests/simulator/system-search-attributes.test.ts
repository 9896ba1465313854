import { describe, expect, it } from 'vitest';
import { gracefulComplete } from '../../conformance/kit/index.ts';
import { FakeWorker, noState, setup } from './fake-worker.ts';

describe('system search attributes', () => {
  const getSa = (key: string, valueType: string) => ({ workflowId: 'wf', keys: [{ key, valueType }] });

  it('IwfWorkflowType is set at start to the iwfWorkflowType (system-sa-1)', async () => {
    const { start, post } = setup(new FakeWorker({}));
    await start('wf', { ...noState, iwfWorkflowType: 'OrderWorkflow' });
    expect((await post('searchattributes/get', getSa('IwfWorkflowType', 'KEYWORD'))).body).toEqual({
      searchAttributes: [{ key: 'IwfWorkflowType', valueType: 'KEYWORD', stringValue: 'OrderWorkflow' }],
    });
  });

  it('IwfGlobalWorkflowVersion is not written (system-sa-3)', async () => {
    const { start, post, result } = setup(
      new FakeWorker({ S1: { waitUntil: () => ({}), execute: () => gracefulComplete() } }),
    );
    await start('wf');
    await result('wf');
    const reply = await post('searchattributes/get', getSa('IwfGlobalWorkflowVersion', 'INT'));
    expect(reply.status).toBe(200);
    expect((reply.body as { searchAttributes?: unknown[] }).searchAttributes ?? []).toEqual([]);
  });
});
