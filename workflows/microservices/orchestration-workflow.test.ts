import { RpcLockFailureError } from 'iwf-ts/sdk';
import { backend, createTestEnvironment, hours, seconds, type TestEnvironment } from 'iwf-ts/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOrchestrationWorkflow } from './orchestration-workflow.ts';
import { RecordingMicroservices } from './services.ts';

const WEEK = 7 * 24 * 3600;

let env: TestEnvironment | undefined;
afterEach(async () => {
  // Let the worker finish what the server is asking of it: a worker call still in flight at close
  // keeps its keep-alive connection, and with it the close of a real-mode worker, open for ~72 s.
  await env?.settle();
  await env?.close();
  env = undefined;
});

/** An environment serving the orchestration, with calls stamped by its clock. */
async function orchestrationEnvironment() {
  let now = () => Date.now();
  const services = new RecordingMicroservices(() => now());
  const workflow = createOrchestrationWorkflow({ services });
  env = await createTestEnvironment({ workflows: [workflow] });
  const sim = env.simulator;
  if (sim) now = () => sim.now();
  return { env, services, workflow, start: await env.now() };
}

/**
 * Waits until State1 and State2 have called their APIs: State3 returns its 24-hour timer alongside
 * State2. (A real server runs the states a moment after the start; an advance made before State3
 * returned its timer would not skip it.)
 */
async function firstCallsMade(services: RecordingMicroservices): Promise<void> {
  await vi.waitFor(() => expect(services.apis()).toEqual(['API1', 'API2']));
}

describe('microservice orchestration', () => {
  it('calls API1 then API2 with the input, and keeps waiting for Ready', async () => {
    const { env, services, workflow } = await orchestrationEnvironment();
    await env.client.startWorkflow(workflow, 'order-1', WEEK, 'hello');
    await firstCallsMade(services);
    await env.advanceBy(hours(1));
    expect(services.calls.map((c) => [c.api, c.data])).toEqual([
      ['API1', 'hello'],
      ['API2', 'hello'],
    ]);
    expect((await env.client.describeWorkflow('order-1')).workflowStatus).toBe('RUNNING');
  });

  it('calls API3 and completes as "ready" when Ready arrives within 24 hours', async () => {
    const { env, services, workflow } = await orchestrationEnvironment();
    await env.client.startWorkflow(workflow, 'order-1', WEEK, 'hello');
    await firstCallsMade(services);
    await env.advanceBy(hours(5));
    await env.client.signalWorkflow(workflow, 'order-1', 'Ready');
    expect(await env.client.waitForWorkflowCompletion('order-1')).toBe('ready');
    expect(services.apis()).toEqual(['API1', 'API2', 'API3']);
  });

  it.skipIf(backend.reasonItLacks('exactTime'))(
    'calls API4 at exactly 24 hours and completes as "timed out" when Ready never arrives',
    async () => {
      const { env, services, workflow, start } = await orchestrationEnvironment();
      await env.client.startWorkflow(workflow, 'order-1', WEEK, 'hello');
      await firstCallsMade(services);
      await env.advanceBy(hours(24) - seconds(1));
      expect(services.apis()).toEqual(['API1', 'API2']);
      await env.advanceBy(seconds(1));
      expect(await env.client.waitForWorkflowCompletion('order-1')).toBe('timed out');
      expect(services.calls.map((c) => [c.api, (c.at ?? 0) - start])).toEqual([
        ['API1', 0],
        ['API2', 0],
        ['API4', hours(24)],
      ]);
    },
  );

  it('takes the API4 path when the 24-hour timer wins, without a Ready signal', async () => {
    const { env, services, workflow } = await orchestrationEnvironment();
    await env.client.startWorkflow(workflow, 'order-1', WEEK, 'hello');
    await firstCallsMade(services);
    await env.advanceBy(hours(25));
    expect(await env.client.waitForWorkflowCompletion('order-1')).toBe('timed out');
    expect(services.apis()).not.toContain('API3');
  });

  it('swaps the data: returns the old value, and the later API calls use the new one', async () => {
    const { env, services, workflow } = await orchestrationEnvironment();
    await env.client.startWorkflow(workflow, 'order-1', WEEK, 'first');
    await firstCallsMade(services);
    await env.advanceBy(hours(1));
    expect(await env.client.invokeRpc(workflow, 'order-1', 'swap', 'second')).toBe('first');
    expect(await env.client.invokeRpc(workflow, 'order-1', 'swap', 'third')).toBe('second');
    await env.client.signalWorkflow(workflow, 'order-1', 'Ready');
    await env.client.waitForWorkflowCompletion('order-1');
    expect(services.calls.at(-1)).toMatchObject({ api: 'API3', data: 'third' });
  });

  it('never loses a value when swaps race: each old value is returned exactly once', async () => {
    const { env, services, workflow } = await orchestrationEnvironment();
    await env.client.startWorkflow(workflow, 'order-1', WEEK, 'v0');
    await firstCallsMade(services);
    await env.advanceBy(hours(1));
    const swapWithRetry = async (value: string): Promise<string | null> => {
      for (;;) {
        try {
          return await env.client.invokeRpc(workflow, 'order-1', 'swap', value);
        } catch (error) {
          if (!(error instanceof RpcLockFailureError)) throw error;
        }
      }
    };
    const olds = await Promise.all(['v1', 'v2', 'v3', 'v4'].map(swapWithRetry));
    const finalValue = (await env.client.getWorkflowDataAttributes(workflow, 'order-1', ['SomeData']))
      .SomeData;
    expect([...olds, finalValue].sort()).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
  });
});
