/**
 * The iWF server simulator: an in-process iWF server on a controllable clock. Loads neither fastify
 * nor msw: its HTTP server is `iwf-ts/simulator/http`, its msw handler `iwf-ts/simulator/msw`.
 *
 * @example
 * import { Simulator } from 'iwf-ts/simulator';
 * const simulator = new Simulator({ workerTransport });
 */

export { type Clock, type ControllableClock, isControllableClock, type TimerHandle } from './clock/clock.ts';
export { DEFAULT_VIRTUAL_START_MS, VirtualClock } from './clock/virtual-clock.ts';
export { WallClock } from './clock/wall-clock.ts';
export type { ApiReply, ApiRequest, WorkerReply, WorkerTransport } from './contracts.ts';
export { DEFAULT_SEARCH_ATTRIBUTES } from './engine/attributes/search-attribute-registry.ts';
export type { RecordedExchange } from './history/exchange-log.ts';
export { formatHistory } from './history/format-history.ts';
export type { HistoryEvent, HistoryEventType, HistoryObserver, HistorySource } from './history/history.ts';
export { jsonLine, type LiveLogFormat, liveLog, textLine } from './history/live-log.ts';
export { httpWorkerTransport } from './http/http-worker-transport.ts';
export { Simulator, type SimulatorOptions, type WorkflowSummary } from './simulator.ts';
