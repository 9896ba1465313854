import { describe, expect, it } from 'vitest';
import { goTo } from '../../conformance/kit/index.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const idleWorker = () => new FakeWorker({ S1: { execute: () => goTo('_SYS_DEAD_END') } });

describe('request validation and error bodies (errors-0, errors-1, fault table A)', () => {
  it('answers malformed JSON with 400 invalid request schema and no subStatus', async () => {
    const { simulator } = setup(idleWorker());
    const reply = await simulator.handle({
      method: 'POST',
      path: '/api/v1/workflow/get',
      rawBody: '{"workflowId":',
    });
    expect(reply).toEqual({ status: 400, body: { detail: 'invalid request schema' } });
  });

  it('answers an empty body to any endpoint with 400 invalid request schema (A21)', async () => {
    const { simulator } = setup(idleWorker());
    for (const path of [
      'start',
      'signal',
      'stop',
      'get',
      'rpc',
      'timer/skip',
      'search',
      'waitForStateCompletion',
    ]) {
      const reply = await simulator.handle({ method: 'POST', path: `/api/v1/workflow/${path}`, rawBody: '' });
      expect(reply, path).toEqual({ status: 400, body: { detail: 'invalid request schema' } });
    }
  });

  it('answers wrong JSON types and invalid enum values with 400 invalid request schema (A8, A9)', async () => {
    const { post } = setup(idleWorker());
    const bad: [string, unknown][] = [
      ['start', { workflowId: 'a', workflowTimeoutSeconds: '10' }],
      ['start', { workflowId: 'a', workflowTimeoutSeconds: 10.5 }],
      ['start', { workflowId: 'a', workflowTimeoutSeconds: 3000000000 }],
      ['start', { workflowId: 123 }],
      ['start', { workflowId: 'a', stateInput: 'x' }],
      ['start', { workflowId: 'a', workflowStartOptions: [] }],
      ['start', { workflowId: 'a', stateOptions: { waitUntilApiTimeoutSeconds: '1' } }],
      ['start', { workflowId: 'a', workflowStartOptions: { idReusePolicy: 'NOPE' } }],
      ['start', []],
      ['start', 42],
      ['get', { workflowId: 5 }],
      ['signal', { workflowId: 'a', signalValue: 'x' }],
      ['rpc', { workflowId: 'a', timeoutSeconds: '2' }],
      ['getWithWait', { workflowId: 'a', waitTimeSeconds: 1.5 }],
      ['stop', { workflowId: 'a', stopType: 'KILL' }],
      ['rpc', { workflowId: 'a', dataAttributesLoadingPolicy: { persistenceLoadingType: 'LOAD_SOME' } }],
    ];
    for (const [path, body] of bad) {
      expect(await post(path, body), `${path} ${JSON.stringify(body)}`).toEqual({
        status: 400,
        body: { detail: 'invalid request schema' },
      });
    }
  });

  it('answers {} or null without workflowId with 400 WorkflowId is not set on request (A22)', async () => {
    const { post } = setup(idleWorker());
    for (const path of [
      'signal',
      'stop',
      'get',
      'getWithWait',
      'rpc',
      'dataobjects/get',
      'searchattributes/set',
      'reset',
    ]) {
      for (const body of [{}, null]) {
        expect(await post(path, body), path).toEqual({
          status: 400,
          body: { detail: 'WorkflowId is not set on request.', subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS' },
        });
      }
    }
  });

  it('answers timer/skip without id or index with the must-provide 400 before looking at the workflow (A23)', async () => {
    const { post } = setup(idleWorker());
    expect(await post('timer/skip', {})).toEqual({
      status: 400,
      body: {
        detail: 'invalid request - must provide either a timerCommandId or index',
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    });
  });

  it('answers waitForStateCompletion {} with the 500 the real server crashes into (A24)', async () => {
    const { post } = setup(idleWorker());
    expect(await post('waitForStateCompletion', {})).toMatchObject({
      status: 500,
      body: { subStatus: 'UNCATEGORIZED_SUB_STATUS' },
    });
  });

  it('answers unknown paths and wrong methods with a text 404 page not found (A31, A34)', async () => {
    const { simulator } = setup(idleWorker());
    const notFound = { status: 404, body: '404 page not found', contentType: 'text/plain' };
    expect(await simulator.handle({ method: 'POST', path: '/api/v1/workflow/nope', body: {} })).toEqual(
      notFound,
    );
    expect(await simulator.handle({ method: 'POST', path: '/API/v1/workflow/get', body: {} })).toEqual(
      notFound,
    );
    expect(await simulator.handle({ method: 'GET', path: '/api/v1/workflow/get' })).toEqual(notFound);
    expect(await simulator.handle({ method: 'POST', path: '/info/healthcheck', body: {} })).toEqual(notFound);
    expect(
      await simulator.handle({ method: 'POST', path: '/api/v1/workflow/encodedobject/load', body: {} }),
    ).toEqual(notFound);
  });

  it('redirects a trailing slash with 307 and a Location header (A32)', async () => {
    const { simulator } = setup(idleWorker());
    const reply = await simulator.handle({ method: 'POST', path: '/api/v1/workflow/get/', body: {} });
    expect(reply.status).toBe(307);
    expect(reply.headers).toEqual({ Location: '/api/v1/workflow/get' });
  });

  it('ignores a query string (A33) and answers GET / and the healthcheck', async () => {
    const { simulator } = setup(idleWorker());
    const get = await simulator.handle({
      method: 'POST',
      path: '/api/v1/workflow/get?foo=bar',
      body: { workflowId: 'x' },
    });
    expect(get.status).toBe(400);
    expect(await simulator.handle({ method: 'GET', path: '/' })).toMatchObject({
      status: 200,
      body: 'Hello World from iWF server!',
    });
    expect(await simulator.handle({ method: 'GET', path: '/info/healthcheck' })).toMatchObject({
      status: 200,
      body: { condition: 'OK', duration: 0 },
    });
  });

  it('answers operations on an unknown workflow with 400 workflow not found', async () => {
    const { post } = setup(idleWorker());
    for (const path of ['get', 'getWithWait', 'signal', 'stop', 'dataobjects/get', 'rpc']) {
      expect(await post(path, { workflowId: 'ghost', signalChannelName: 'c' }), path).toEqual({
        status: 400,
        body: { detail: 'workflow not found for ID: ghost', subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS' },
      });
    }
  });

  it('answers writes to a closed workflow with 400 workflow execution already completed, while reads still work', async () => {
    const { post, start } = setup(idleWorker());
    await start('wf', {
      stateOptions: { skipWaitUntil: true },
      workflowStartOptions: { dataAttributes: [{ key: 'k', value: { data: '1' } }] },
    });
    await post('stop', { workflowId: 'wf', stopType: 'TERMINATE' });
    const closed = {
      status: 400,
      body: { detail: 'workflow execution already completed', subStatus: 'WORKFLOW_NOT_EXISTS_SUB_STATUS' },
    };
    expect(await post('signal', { workflowId: 'wf', signalChannelName: 'c' })).toEqual(closed);
    expect(await post('dataobjects/set', { workflowId: 'wf', objects: [] })).toEqual(closed);
    expect(await post('publishToInternalChannel', { workflowId: 'wf', messages: [] })).toEqual(closed);
    expect(await post('dataobjects/get', { workflowId: 'wf' })).toEqual({
      status: 200,
      body: { objects: [{ key: 'k', value: { data: '1' } }] },
    });
  });

  it('starts a workflow without workflowId under a made-up id, as the real server does (A1, A3)', async () => {
    const { simulator, post } = setup(idleWorker());
    const reply = await post('start', {});
    expect(reply.status).toBe(200);
    expect(simulator.listWorkflows()).toHaveLength(1);
    expect(simulator.listWorkflows()[0]!.status).toBe('RUNNING');
  });

  it('answers start values Temporal refuses with 500 UNCATEGORIZED and creates nothing (A12–A14)', async () => {
    const { simulator, start } = setup(idleWorker());
    expect(await start('a', { workflowTimeoutSeconds: -5 })).toEqual({
      status: 500,
      body: {
        detail: 'An invalid WorkflowExecutionTimeoutSeconds is set on request. cause: negative duration',
        subStatus: 'UNCATEGORIZED_SUB_STATUS',
      },
    });
    expect((await start('a', { workflowStartOptions: { workflowStartDelaySeconds: -5 } })).status).toBe(500);
    expect(
      (await start('a', { workflowStartOptions: { retryPolicy: { maximumAttempts: -1 } } })).status,
    ).toBe(500);
    expect(simulator.listWorkflows()).toHaveLength(0);
  });
});
