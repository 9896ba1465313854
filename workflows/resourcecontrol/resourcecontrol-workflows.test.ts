import { type Client, WorkflowAlreadyStartedError, WorkflowNotExistsError } from 'iwf-ts/sdk';
import { createTestEnvironment, seconds, type TestEnvironment } from 'iwf-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ResourceRequests } from './requests.ts';
import { createResourceControlWorkflows } from './resourcecontrol-workflows.ts';

let env: TestEnvironment | undefined;
afterEach(async () => {
  // Let the worker finish what the server is asking of it: a worker call still in flight at close
  // keeps its keep-alive connection, and with it the close of a real-mode worker, open for ~72 s.
  await env?.settle();
  await env?.close();
  env = undefined;
});

/** An environment with one controller ('controller-1'); each request takes 10 s to process. */
async function resourceEnvironment() {
  let client: Client | undefined;
  const workflows = createResourceControlWorkflows({
    client: () => {
      if (!client) throw new Error('the test environment is not ready');
      return client;
    },
    processingSeconds: () => 10,
  });
  env = await createTestEnvironment({ workflows: [workflows.Controller, workflows.Processing] });
  client = env.client;
  const requests = new ResourceRequests(env.client, workflows, () => 'controller-1');
  return { env, workflows, requests };
}

const request = (id: number) => ({ id: String(id), data: `payload-${id}` });

/** Ids of the running processing workflows. */
async function runningChildren(env: TestEnvironment): Promise<string[]> {
  const response = await env.client.unregistered.searchWorkflow({
    query: "IwfWorkflowType = 'ProcessingWorkflow' AND ExecutionStatus = 'Running'",
  });
  return (response.workflowExecutions ?? []).map((e) => e.workflowId).sort();
}

/** A request's processing status, or 'not started' while its child does not exist yet. */
async function status(requests: ResourceRequests, id: string): Promise<string | null> {
  try {
    return await requests.describe(id);
  } catch (error) {
    if (error instanceof WorkflowNotExistsError) return 'not started';
    throw error;
  }
}

/**
 * Waits until the requests' children run and wait on their processing timer: a real server starts
 * the controller, and the controller a child, a moment after a submit; an advance made before the
 * child returned its timer would not skip it.
 */
async function started(requests: ResourceRequests, ...ids: number[]): Promise<void> {
  for (const id of ids)
    await expect.poll(() => status(requests, String(id)), { timeout: 10_000 }).toBe('started');
}

describe('resource control', () => {
  it('processes a request in a child workflow and completes the controller once the queue is drained', async () => {
    const { env, requests } = await resourceEnvironment();
    expect(await requests.submit(request(1))).toBe('accepted');
    await started(requests, 1);
    await env.advanceBy(seconds(10));
    expect(await env.client.waitForWorkflowCompletion('controller-1')).toBe('done');
    expect(await requests.describe('1')).toBe('completed');
    expect((await env.client.describeWorkflow('processing-1')).workflowStatus).toBe('COMPLETED');
  });

  it('runs at most five children at a time and starts the next as each one finishes', async () => {
    const { env, requests } = await resourceEnvironment();
    for (let i = 1; i <= 8; i++) {
      expect(await requests.submit(request(i))).toBe('accepted');
      await env.settle();
    }
    await started(requests, 1, 2, 3, 4, 5);
    // Search is eventually consistent on a real server: poll it.
    await expect.poll(() => runningChildren(env), { timeout: 10_000 }).toHaveLength(5);
    expect(await status(requests, '6')).toBe('not started');
    await env.advanceBy(seconds(10));
    await started(requests, 6, 7, 8);
    await expect
      .poll(() => runningChildren(env), { timeout: 10_000 })
      .toEqual(['processing-6', 'processing-7', 'processing-8']);
    await env.advanceBy(seconds(10));
    expect(await env.client.waitForWorkflowCompletion('controller-1')).toBe('done');
  });

  it('accepts twenty requests beyond the five running, then rejects until the buffer drains', async () => {
    const { env, requests } = await resourceEnvironment();
    const outcomes: string[] = [];
    for (let i = 1; i <= 26; i++) {
      outcomes.push(await requests.submit(request(i)));
      if (i <= 5) await started(requests, i); // the first five leave the buffer for their children
      await env.settle();
    }
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(25);
    expect(outcomes.at(-1)).toBe('rejected');
    await env.advanceBy(seconds(10)); // five children finish, five buffered requests start
    expect(await requests.submit(request(27))).toBe('accepted');
    await env.advanceBy(seconds(60));
    expect(await env.client.waitForWorkflowCompletion('controller-1')).toBe('done');
    expect(await requests.describe('27')).toBe('completed');
  });

  it('starts a new controller for a request that arrives after the previous one completed', async () => {
    const { env, requests } = await resourceEnvironment();
    await requests.submit(request(1));
    await started(requests, 1);
    await env.advanceBy(seconds(10));
    const firstRun = (await env.client.describeWorkflow('controller-1')).runId;
    expect(await env.client.waitForWorkflowCompletion('controller-1')).toBe('done');
    expect(await requests.submit(request(2))).toBe('accepted');
    expect((await env.client.describeWorkflow('controller-1')).runId).not.toBe(firstRun);
    await started(requests, 2);
    await env.advanceBy(seconds(10));
    expect(await env.client.waitForWorkflowCompletion('controller-1')).toBe('done');
    expect(await requests.describe('2')).toBe('completed');
  });

  it('ignores a completion report for a child the controller is not waiting for', async () => {
    const { env, workflows, requests } = await resourceEnvironment();
    await requests.submit(request(1));
    await started(requests, 1);
    await env.client.invokeRpc(
      workflows.Controller,
      'controller-1',
      'completeChildWorkflow',
      'processing-99',
    );
    await env.settle();
    expect((await env.client.describeWorkflow('controller-1')).workflowStatus).toBe('RUNNING');
    await env.advanceBy(seconds(10));
    expect(await env.client.waitForWorkflowCompletion('controller-1')).toBe('done');
  });

  it('starts a child once for a repeated request id, and refuses the same id with another request id', async () => {
    const { env, workflows } = await resourceEnvironment();
    const options = {
      idReusePolicy: 'DISALLOW_REUSE' as const,
      workflowAlreadyStartedOptions: { ignoreAlreadyStartedError: true, requestId: 'run-1-Loop-1' },
    };
    const first = await env.client.startWorkflow(
      workflows.Processing,
      'processing-x',
      3600,
      request(0),
      options,
    );
    const again = await env.client.startWorkflow(
      workflows.Processing,
      'processing-x',
      3600,
      request(0),
      options,
    );
    expect(again).toBe(first);
    const other = {
      ...options,
      workflowAlreadyStartedOptions: { ignoreAlreadyStartedError: true, requestId: 'other' },
    };
    await expect(
      env.client.startWorkflow(workflows.Processing, 'processing-x', 3600, request(0), other),
    ).rejects.toBeInstanceOf(WorkflowAlreadyStartedError);
  });
});
