import { ApiPaths } from '../sdk/wire/paths.ts';

/**
 * The workflow ids a fuzz run uses, unique to the run (a real server keeps what earlier runs left):
 * `parked` workflows wait forever (signals, attributes, RPCs go there), `searchParked` take search
 * attribute writes (a refused one leaves a real workflow stuck), `done` are completed, `missing`
 * never exist. Destructive requests (stop, reset, continue-as-new) only go to done or missing ones.
 *
 * @example
 * const ids = fuzzIds('fz-abc');
 */
export interface FuzzIds {
  prefix: string;
  parked: string[];
  searchParked: string[];
  done: string[];
  missing: string[];
}

/** The ids of a run with this prefix. @example fuzzIds('fz-1').parked[0] // 'fz-1-park-0' */
export function fuzzIds(prefix: string): FuzzIds {
  const ids = (kind: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${kind}-${i}`);
  return {
    prefix,
    parked: ids('park', 3),
    searchParked: ids('sa', 2),
    done: ids('done', 2),
    missing: ids('missing', 2),
  };
}

/** The start bodies that set the run's workflows up (parked, search-parked, done). */
export function setupStarts(ids: FuzzIds, workerUrl: string): { path: string; body: object }[] {
  const start = (workflowId: string, startStateId: string) => ({
    path: ApiPaths.start,
    body: {
      workflowId,
      iwfWorkflowType: 'Fuzz',
      workflowTimeoutSeconds: 0,
      iwfWorkerUrl: workerUrl,
      startStateId,
    },
  });
  return [
    ...ids.parked.map((id) => start(id, 'Park')),
    ...ids.searchParked.map((id) => start(id, 'Park')),
    ...ids.done.map((id) => start(id, 'Done')),
  ];
}
