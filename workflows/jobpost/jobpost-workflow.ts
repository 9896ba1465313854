import {
  dataAttribute,
  type Persistence,
  StateDecision,
  searchAttribute,
  stateInput,
  workflowSchema,
} from 'iwf-ts/sdk';
import type { ExternalJobBoard, JobInfo } from './job-board.ts';

/**
 * The job post's declarations, with the names of the official Java sample: searchable `Title` and
 * `JobDescription` (TEXT), `LastUpdateTimeMillis` (INT), and the private `Notes`.
 *
 * @example
 * jobPostSchema.workflowType; // 'JobPostWorkflow'
 */
export const jobPostSchema = workflowSchema({
  workflowType: 'JobPostWorkflow',
  states: { ExternalUpdateState: stateInput(), ClosingState: stateInput() },
  dataAttributes: { Notes: dataAttribute<string>() },
  searchAttributes: {
    Title: searchAttribute('TEXT'),
    JobDescription: searchAttribute('TEXT'),
    LastUpdateTimeMillis: searchAttribute('INT'),
  },
});

/** What the job post workflow needs from outside. */
export interface JobPostDependencies {
  board: ExternalJobBoard;
  /** The clock of `LastUpdateTimeMillis` (epoch ms); tests pass the simulator's. */
  now: () => number;
}

/** A job post with its last update time. */
export interface JobPostView extends JobInfo {
  lastUpdateTimeMillis: number | undefined;
}

const readJob = (p: Persistence<typeof jobPostSchema.spec>): JobInfo => ({
  title: p.getSearchAttribute('Title') ?? '',
  description: p.getSearchAttribute('JobDescription') ?? '',
  notes: p.getDataAttribute('Notes') ?? '',
});

/**
 * Builds the job post workflow: a workflow used as a durable, searchable record. It has no starting
 * state; RPCs change it, and each update starts `ExternalUpdateState` in the background (through
 * `triggerStateMovements`) to sync the external job board. `close` ends it.
 *
 * @example
 * const JobPost = createJobPostWorkflow({ board: new ConsoleJobBoard(), now: Date.now });
 * await client.startWorkflow(JobPost, 'job-1', 0, undefined, { initialSearchAttributes: { Title: 'Engineer' } });
 * await client.invokeRpc(JobPost, 'job-1', 'update', { title: 'Senior engineer', description: '…', notes: '' });
 */
export function createJobPostWorkflow({ board, now }: JobPostDependencies) {
  const s = jobPostSchema;

  const ExternalUpdateState = s.state('ExternalUpdateState', {
    options: { executeApiRetryPolicy: { maximumIntervalSeconds: 60 } },
    async execute({ context, persistence }) {
      await board.sync(context.workflowId, readJob(persistence));
      return StateDecision.deadEnd(); // the workflow stays open for the next RPC
    },
  });

  const ClosingState = s.state('ClosingState', {
    async execute({ context }) {
      await board.remove(context.workflowId);
      return StateDecision.gracefulCompleteWorkflow('closed');
    },
  });

  const update = s.rpc<JobInfo, void>({
    handler({ input, persistence, communication }) {
      persistence.setSearchAttribute('Title', input.title);
      persistence.setSearchAttribute('JobDescription', input.description);
      persistence.setSearchAttribute('LastUpdateTimeMillis', now());
      persistence.setDataAttribute('Notes', input.notes);
      communication.triggerStateMovements(s.movement('ExternalUpdateState'));
    },
  });

  const get = s.rpc<void, JobPostView>({
    // Read-your-writes right after an update: skip the cache that enableCaching turns on.
    bypassCachingForStrongConsistency: true,
    handler: ({ persistence }) => ({
      ...readJob(persistence),
      lastUpdateTimeMillis: persistence.getSearchAttribute('LastUpdateTimeMillis'),
    }),
  });

  const close = s.rpc<void, void>({
    handler({ communication }) {
      communication.triggerStateMovements(s.movement('ClosingState'));
    },
  });

  return s.workflow({
    states: [ExternalUpdateState, ClosingState],
    rpcs: { update, get, close },
    persistenceOptions: { enableCaching: true },
  });
}

/** The type of the job post workflow definition. */
export type JobPostWorkflow = ReturnType<typeof createJobPostWorkflow>;
