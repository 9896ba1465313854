/**
 * Who started a run: a client's start (or a reset), a cron schedule (such runs carry no
 * IwfWorkflowType), or the server itself (its `__IwfSystem_…` helper workflows: no type, no states).
 *
 * @example
 * engine.createRun(request, id, { origin: 'schedule' });
 */
export type RunOrigin = 'client' | 'schedule' | 'system';
