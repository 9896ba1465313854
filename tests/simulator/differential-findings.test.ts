import { describe, expect, it } from 'vitest';
import { FakeWorker, setup } from './fake-worker.ts';

// Found by `npm run fuzz -- --against <real server>`; each answer re-measured on the real server.

const ZERO_RUN = '00000000-0000-0000-0000-000000000000';
const internal = (detail: string) => ({
  status: 500,
  body: { detail, subStatus: 'UNCATEGORIZED_SUB_STATUS' },
});

describe('answers the differential fuzzer found different, now as the real server gives them', () => {
  it('times out a search whose page token Temporal cannot read; null is no token, {} a page after all', async () => {
    const { simulator, post } = setup(new FakeWorker({}));
    const before = simulator.now();
    expect(await post('search', { query: '', nextPageToken: 'garbage' })).toMatchObject(
      internal('context deadline exceeded'),
    );
    expect(simulator.now() - before).toBe(10_000);
    await post('start', { workflowId: 'a', iwfWorkflowType: 'T' });
    expect((await post('search', { query: '', nextPageToken: 'null' })).body).toMatchObject({
      workflowExecutions: [{ workflowId: 'a' }],
    });
    expect((await post('search', { query: '', nextPageToken: '{}' })).body).toEqual({ nextPageToken: '' });
  });

  it('refuses a query that is only ORDER BY as not supported', async () => {
    const { post } = setup(new FakeWorker({}));
    expect(await post('search', { query: 'ORDER BY StartTime' })).toMatchObject(
      internal("invalid query: operation is not supported: 'ORDER BY' clause"),
    );
  });

  it('checks a start in the server’s order, and answers its 500s with 400 when the start has no workflowId', async () => {
    const { post } = setup(new FakeWorker({}));
    const options = { cronSchedule: '61 * * * *', retryPolicy: { backoffCoefficient: 0.5 } };
    expect(
      await post('start', { workflowId: 'c', iwfWorkflowType: 'T', workflowStartOptions: options }),
    ).toMatchObject(internal('Invalid schedule spec: Minute is not in range [0-59]'));
    expect(await post('start', { iwfWorkflowType: 'T', workflowStartOptions: options })).toMatchObject({
      status: 400,
      body: {
        detail: 'Invalid schedule spec: Minute is not in range [0-59]',
        subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS',
      },
    });
  });

  it('reads a tiny backoffCoefficient as the float32 iWF keeps: 0, so Temporal’s default applies', async () => {
    const { simulator, post } = setup(new FakeWorker({}));
    const retryPolicy = { backoffCoefficient: 1e-50, maximumIntervalSeconds: -1 };
    expect(
      await post('start', { workflowId: 'r', iwfWorkflowType: 'T', workflowStartOptions: { retryPolicy } }),
    ).toMatchObject(internal('invalid MaximumInterval set on retry policy: negative duration'));
    // Beyond float32's range Go's decoder refuses the body.
    const huge =
      '{"workflowId":"h","iwfWorkflowType":"T","workflowStartOptions":{"retryPolicy":{"backoffCoefficient":1e39}}}';
    expect(
      (await simulator.handle({ method: 'POST', path: '/api/v1/workflow/start', rawBody: huge })).status,
    ).toBe(400);
  });

  it('checks a signal’s run id before its name', async () => {
    const { post } = setup(new FakeWorker({}));
    expect(await post('signal', { workflowId: 'w', workflowRunId: 'not-a-uuid' })).toMatchObject(
      internal('Invalid RunId.'),
    );
  });

  it('orders a reset’s checks as the server does when a run id is given', async () => {
    const { post } = setup(new FakeWorker({}));
    const reset = (extra: object) => post('reset', { workflowId: 'missing', ...extra });
    expect(await reset({ workflowRunId: 'not-a-uuid' })).toMatchObject(
      internal('panic object is not error: "not supported resetType"'),
    );
    expect(await reset({ workflowRunId: ZERO_RUN, resetType: 'STATE_ID', stateId: 'S' })).toMatchObject(
      internal(
        `GetWorkflowExecutionHistory failed, workflow execution not found for workflow ID "missing" and run ID "${ZERO_RUN}"`,
      ),
    );
    expect(await reset({ workflowRunId: 'not-a-uuid', resetType: 'HISTORY_EVENT_TIME' })).toMatchObject(
      internal('GetWorkflowExecutionHistory failed, Invalid RunId.'),
    );
    expect(
      (await reset({ workflowRunId: 'x', resetType: 'HISTORY_EVENT_TIME', historyEventTime: 'q' })).body,
    ).toMatchObject({ detail: expect.stringMatching(/^cannot parse time '/) });
    // Without a run id the server looks the workflow up first.
    expect((await reset({})).status).toBe(400);
  });
});
