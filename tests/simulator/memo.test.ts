import { describe, expect, it } from 'vitest';
import { enc } from '../../conformance/kit/index.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const kv = (key: string, value: unknown) => ({ key, value: enc(value) });

describe('data attributes through the memo (data-get-1)', () => {
  it('useMemoForDataAttributes reads every data attribute from the memo, honouring keys, also when closed (data-get-2)', async () => {
    const { post, start } = setup(new FakeWorker({}));
    await start('wf', {
      startStateId: undefined,
      workflowStartOptions: { useMemoForDataAttributes: true, dataAttributes: [kv('b', 1), kv('a', 2)] },
    });
    await post('dataobjects/set', { workflowId: 'wf', objects: [kv('c', 3)] });
    const all = (await post('dataobjects/get', { workflowId: 'wf', useMemoForDataAttributes: true }))
      .body as {
      objects: { key: string }[];
    };
    // The real server answers in Go map order (unordered): compare as a set.
    expect(all.objects.map((o) => o.key).sort()).toEqual(['a', 'b', 'c']);
    expect(
      (await post('dataobjects/get', { workflowId: 'wf', useMemoForDataAttributes: true, keys: ['a', 'zz'] }))
        .body,
    ).toEqual({
      objects: [kv('a', 2)],
    });
    await post('stop', { workflowId: 'wf' });
    expect(
      (
        (await post('dataobjects/get', { workflowId: 'wf', useMemoForDataAttributes: true })).body as {
          objects: unknown[];
        }
      ).objects,
    ).toHaveLength(3);
  });

  it('falls back to the (sorted) query for a run started without memo (data-get-2)', async () => {
    const { post, start } = setup(new FakeWorker({}));
    await start('wf', {
      startStateId: undefined,
      workflowStartOptions: { dataAttributes: [kv('b', 1), kv('a', 2)] },
    });
    expect(
      (await post('dataobjects/get', { workflowId: 'wf', useMemoForDataAttributes: true })).body,
    ).toEqual({
      objects: [kv('a', 2), kv('b', 1)],
    });
  });
});
