import { describe, expect, it } from 'vitest';
import { Answer, gracefulComplete } from '../../conformance/kit/index.ts';
import type { WorkflowWorkerRpcRequest } from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

// Every answer here was measured on a real iWF server (iWF on Temporal 1.31.2) first.

/** A worker whose S1 waits on the internal channel `go`, then completes. */
function waitingWorker(rpcSeen: WorkflowWorkerRpcRequest[] = []) {
  return new FakeWorker(
    {
      S1: {
        waitUntil: () => ({
          commandRequest: {
            interStateChannelCommands: [{ commandId: 'c', channelName: 'go' }],
            deciderTriggerType: 'ALL_COMMAND_COMPLETED',
          },
        }),
        execute: () => gracefulComplete(),
      },
    },
    {
      look: (request) => {
        rpcSeen.push(request);
        return {};
      },
    },
  );
}

const raw = (simulator: ReturnType<typeof setup>['simulator'], path: string, rawBody: string) =>
  simulator.handle({ method: 'POST', path: `/api/v1/workflow/${path}`, rawBody });

const NIL_POINTER = {
  detail: 'runtime error: invalid memory address or nil pointer dereference',
  subStatus: 'UNCATEGORIZED_SUB_STATUS',
};

describe('bad input that used to leak JavaScript errors or poison a workflow', () => {
  it('reads null inside arrays as Go does (the zero value), and the workflow goes on', async () => {
    const { simulator, post, start, result } = setup(waitingWorker());
    await start('wf');
    await simulator.runUntilIdle();
    const id = { workflowId: 'wf' };
    expect((await post('searchattributes/set', { ...id, searchAttributes: [null] })).status).toBe(200);
    expect((await post('publishToInternalChannel', { ...id, messages: [null] })).status).toBe(200);
    expect((await post('dataobjects/set', { ...id, objects: [null] })).status).toBe(200);
    expect((await post('dataobjects/get', { ...id, keys: [null] })).body).toEqual({ objects: [{}] });
    expect(await post('searchattributes/get', { ...id, keys: [null] })).toMatchObject({
      status: 500,
      body: NIL_POINTER,
    });
    await post('publishToInternalChannel', { ...id, messages: [{ channelName: 'go' }] });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
  });

  it('logs the cause where it reproduces the real server’s nil-pointer 500', async () => {
    const lines: string[] = [];
    const { simulator, post, start } = setup(waitingWorker(), { logger: (line) => lines.push(line) });
    await start('wf');
    await simulator.runUntilIdle();
    await post('searchattributes/get', { workflowId: 'wf', keys: [{ valueType: 'KEYWORD' }] });
    expect(lines.join('\n')).toMatch(/keys\[0\] has no "key".*nil pointer/);
  });

  it('leaves no trace of a failed request: a later reset replays nothing of it and calls the worker', async () => {
    const worker = waitingWorker();
    const { simulator, post, start } = setup(worker);
    await start('wf');
    await simulator.runUntilIdle();
    // Refused before it reaches the workflow (a blob over the limit).
    const tooBig = { encoding: 'json', data: 'x'.repeat(3 * 1024 * 1024) };
    expect(
      (await post('dataobjects/set', { workflowId: 'wf', objects: [{ key: 'k', value: tooBig }] })).status,
    ).toBe(500);
    const reset = await post('reset', { workflowId: 'wf', resetType: 'BEGINNING' });
    expect(reset.status).toBe(200);
    await simulator.runUntilIdle();
    expect(worker.callsOf('waitUntil', 'S1')).toHaveLength(2);
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({});
  });

  it('answers search attributes with no value type as iWF’s signal handler does: ignored, the run goes on', async () => {
    const { simulator, post, start, result } = setup(waitingWorker());
    await start('wf');
    await simulator.runUntilIdle();
    const set = await post('searchattributes/set', {
      workflowId: 'wf',
      searchAttributes: [{ key: 'CustomKeywordField' }],
    });
    expect(set.status).toBe(200);
    await post('publishToInternalChannel', { workflowId: 'wf', messages: [{ channelName: 'go' }] });
    expect((await result('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
  });

  it('refuses cron schedules named like Object properties with Temporal’s text', async () => {
    const { post } = setup(waitingWorker());
    for (const cronSchedule of ['constructor', '__proto__', 'toString']) {
      const reply = await post('start', {
        workflowId: `cron-${cronSchedule}`,
        iwfWorkflowType: 'T',
        workflowStartOptions: { cronSchedule },
      });
      expect(reply).toMatchObject({
        status: 500,
        body: { detail: 'Invalid schedule spec: CronString does not have 5-7 fields' },
      });
    }
  });

  it('lists a channel named __proto__ in the internalChannelInfos an RPC worker gets', async () => {
    const seen: WorkflowWorkerRpcRequest[] = [];
    const { simulator, post, start } = setup(waitingWorker(seen));
    await start('wf');
    await simulator.runUntilIdle();
    await post('publishToInternalChannel', { workflowId: 'wf', messages: [{ channelName: '__proto__' }] });
    await post('rpc', { workflowId: 'wf', rpcName: 'look' });
    expect(JSON.stringify(seen[0]!.internalChannelInfos)).toBe('{"__proto__":{"size":1}}');
  });

  it('keeps data attributes and signal channels named like Object properties as any other name', async () => {
    const { simulator, post, start } = setup(waitingWorker());
    await start('wf');
    await simulator.runUntilIdle();
    const value = { encoding: 'json', data: '1' };
    const objects = ['__proto__', 'constructor', 'toString'].map((key) => ({ key, value }));
    expect((await post('dataobjects/set', { workflowId: 'wf', objects })).status).toBe(200);
    expect(
      (await post('dataobjects/get', { workflowId: 'wf', keys: ['__proto__', 'constructor'] })).body,
    ).toEqual({
      objects: [
        { key: '__proto__', value },
        { key: 'constructor', value },
      ],
    });
    expect((await post('signal', { workflowId: 'wf', signalChannelName: 'constructor' })).status).toBe(200);
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
  });

  it('counts a whole list of messages against the 2 MB blob limit', async () => {
    const { simulator, post, start } = setup(waitingWorker());
    await start('wf');
    await simulator.runUntilIdle();
    const messages = Array.from({ length: 40_000 }, () => ({
      channelName: 'c',
      value: { encoding: 'json', data: '"x"' },
    }));
    expect(await post('publishToInternalChannel', { workflowId: 'wf', messages })).toMatchObject({
      status: 500,
      body: { detail: 'Blob data size exceeds limit.' },
    });
  });

  it('times out a publish over 4 MB after the server’s 10 s deadline, on the simulator’s clock', async () => {
    const { simulator, post, start } = setup(waitingWorker());
    await start('wf');
    await simulator.runUntilIdle();
    const messages = Array.from({ length: 100_000 }, () => ({
      channelName: 'c',
      value: { encoding: 'json', data: '"x"' },
    }));
    const before = simulator.now();
    expect(await post('publishToInternalChannel', { workflowId: 'wf', messages })).toMatchObject({
      status: 500,
      body: { detail: 'context deadline exceeded' },
    });
    expect(simulator.now() - before).toBe(10_000);
  });

  it('refuses a waitForStateCompletion whose helper workflow id would be over 1,000 characters', async () => {
    const { post } = setup(waitingWorker());
    const ok = await post('waitForStateCompletion', {
      workflowId: 'w'.repeat(984),
      stateExecutionId: 'S-1',
      waitTimeSeconds: 1,
    });
    expect(ok.status).toBe(420);
    expect(
      await post('waitForStateCompletion', { workflowId: 'w'.repeat(985), stateExecutionId: 'S-1' }),
    ).toMatchObject({ status: 500, body: { detail: 'WorkflowId length exceeds limit.' } });
  });
});

describe('Go JSON decoding of client bodies', () => {
  it('refuses a body where any key for a field has the wrong type, also one a later key overwrites', async () => {
    const { simulator } = setup(waitingWorker());
    expect((await raw(simulator, 'get', '{"workflowId":5,"WorkflowId":"w1"}')).status).toBe(400);
    expect((await raw(simulator, 'get', '{"WorkflowId":"w1","workflowId":5}')).status).toBe(400);
  });

  it('refuses null for the required resetType, and integers written 1e1 or 1.0', async () => {
    const { simulator } = setup(waitingWorker());
    expect((await raw(simulator, 'reset', '{"workflowId":"w","resetType":null}')).body).toEqual({
      detail: 'invalid request schema',
    });
    expect((await raw(simulator, 'get', '{"workflowId":"w","waitTimeSeconds":1e1}')).status).toBe(400);
    expect((await raw(simulator, 'get', '{"workflowId":"w","waitTimeSeconds":1.0}')).status).toBe(400);
    // A float field takes them.
    const start = await raw(
      simulator,
      'start',
      '{"workflowId":"w","iwfWorkflowType":"T","workflowStartOptions":{"retryPolicy":{"backoffCoefficient":2.0}}}',
    );
    expect(start.status).toBe(200);
  });

  it('takes nesting up to Go’s 10,000 levels without overflowing the stack, and refuses deeper', async () => {
    const { simulator } = setup(waitingWorker());
    const nested = (depth: number, field: string) =>
      `{"workflowId":"deep-${depth}","iwfWorkflowType":"T","stateOptions":${`{"${field}":`.repeat(depth)}{}${'}'.repeat(depth)}}`;
    const known = 'executeApiFailureProceedStateOptions';
    expect((await raw(simulator, 'start', nested(5_000, known))).status).toBe(200);
    expect((await raw(simulator, 'start', nested(20_000, known))).status).toBe(400);
    expect((await raw(simulator, 'start', nested(100_000, 'unknown'))).status).toBe(400);
  });

  it('accepts int64’s largest integer and reads it back as Go does, as its smallest', async () => {
    const { simulator, post, start } = setup(waitingWorker());
    await start('wf');
    await simulator.runUntilIdle();
    const set = await raw(
      simulator,
      'searchattributes/set',
      '{"workflowId":"wf","searchAttributes":[{"key":"CustomIntField","valueType":"INT","integerValue":9223372036854775807}]}',
    );
    expect(set.status).toBe(200);
    const read = await post('searchattributes/get', {
      workflowId: 'wf',
      keys: [{ key: 'CustomIntField', valueType: 'INT' }],
    });
    expect(read.body).toEqual({
      searchAttributes: [{ key: 'CustomIntField', valueType: 'INT', integerValue: -(2 ** 63) }],
    });
  });

  it('fires a timer of 9223372036854775807 s at once, its firing instant wrapped round as in Go', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () =>
          new Answer({
            status: 200,
            contentType: 'application/json',
            body: '{"commandRequest":{"timerCommands":[{"commandId":"t","durationSeconds":9223372036854775807}],"deciderTriggerType":"ALL_COMMAND_COMPLETED"}}',
          }),
        execute: () => gracefulComplete(),
      },
    });
    const { simulator, start, result } = setup(worker);
    await start('wf');
    await simulator.runUntilIdle();
    expect((await result('wf', 1)).body).toMatchObject({ workflowStatus: 'COMPLETED' });
  });
});

describe('search queries that used to overflow the stack', () => {
  it('refuses 200 nested parentheses with Temporal’s text, and takes 199', async () => {
    const { post } = setup(waitingWorker());
    const nested = (n: number) => `${'('.repeat(n)}WorkflowId = 'x'${')'.repeat(n)}`;
    expect((await post('search', { query: nested(199) })).status).toBe(200);
    expect(await post('search', { query: nested(50_000) })).toMatchObject({
      status: 500,
      body: { detail: 'invalid query: malformed SQL query: max nesting level reached at position 228' },
    });
  });

  it('times out a query nested a thousand deep at the 10 s deadline, as Temporal’s visibility store does', async () => {
    const { simulator, post } = setup(waitingWorker());
    expect((await post('search', { query: `${'NOT '.repeat(996)}WorkflowId = 'x'` })).status).toBe(200);
    const before = simulator.now();
    expect(await post('search', { query: `${'NOT '.repeat(100_000)}WorkflowId = 'x'` })).toMatchObject({
      status: 500,
      body: { detail: 'context deadline exceeded' },
    });
    expect(simulator.now() - before).toBe(10_000);
  });
});
