import type { Client } from 'iwf-ts/sdk';
import { WorkflowAlreadyStartedError, WorkflowNotExistsError } from 'iwf-ts/sdk';
import { childWorkflowId, type Request, type ResourceControlWorkflows } from './resourcecontrol-workflows.ts';

/** What happened to a submitted request. */
export type SubmitOutcome = 'accepted' | 'rejected';

/**
 * Sends requests to the controller of their resource, starting the controller when none runs.
 *
 * @example
 * const requests = new ResourceRequests(client, workflows, () => 'controller-1');
 * await requests.submit({ id: '42', data: 'abcd' }); // 'accepted'
 */
export class ResourceRequests {
  constructor(
    private readonly client: Client,
    private readonly workflows: ResourceControlWorkflows,
    /** Which controller (resource) takes a request. */
    private readonly controllerIdFor: (request: Request) => string,
  ) {}

  /** Enqueues the request, or starts the controller with it; `rejected` when the buffer is full. */
  async submit(request: Request): Promise<SubmitOutcome> {
    const controllerId = this.controllerIdFor(request);
    const { Controller } = this.workflows;
    for (let attempt = 0; ; attempt++) {
      try {
        const accepted = await this.client.invokeRpc(Controller, controllerId, 'enqueue', request);
        return accepted ? 'accepted' : 'rejected';
      } catch (error) {
        if (!(error instanceof WorkflowNotExistsError)) throw error;
      }
      try {
        // No controller runs (never started, or it drained and completed): start one with the request.
        await this.client.startWorkflow(Controller, controllerId, 0, request);
        return 'accepted';
      } catch (error) {
        // Another submit started it first: enqueue into that one.
        if (!(error instanceof WorkflowAlreadyStartedError) || attempt >= 3) throw error;
      }
    }
  }

  /** The processing status of a request: 'started', 'completed', or null before it starts. */
  describe(requestId: string): Promise<string | null> {
    return this.client.invokeRpc(this.workflows.Processing, childWorkflowId(requestId), 'describe');
  }
}
