import type { InterStateChannelPublishing } from './client-api-types.ts';
import type { EncodedObject, KeyValue, SearchAttribute, WorkflowStateOptions } from './common-types.ts';

/**
 * The worker API (server → worker): the waitUntil, execute and RPC calls and their answers.
 *
 * @example
 * const answer: WorkflowStateDecideResponse = { stateDecision: { nextStates: [{ stateId: '_SYS_DEAD_END' }] } };
 */

/** Context of a worker call; `stateExecutionId`, `attempt` and `firstAttemptTimestamp` are absent in RPCs. */
export interface Context {
  workflowId: string;
  workflowRunId: string;
  workflowStartedTimestamp: number;
  stateExecutionId?: string;
  firstAttemptTimestamp?: number;
  attempt?: number;
}

export const DECIDER_TRIGGER_TYPES = [
  'ALL_COMMAND_COMPLETED',
  'ANY_COMMAND_COMPLETED',
  'ANY_COMMAND_COMBINATION_COMPLETED',
] as const;
export type DeciderTriggerType = (typeof DECIDER_TRIGGER_TYPES)[number];
export const COMMAND_WAITING_TYPES = ['ALL_COMPLETED', 'ANY_COMPLETED', 'ANY_COMBINATION_COMPLETED'] as const;
/** The newer name of the trigger; it wins over `deciderTriggerType` when both are present. */
export type CommandWaitingType = (typeof COMMAND_WAITING_TYPES)[number];

export interface TimerCommand {
  commandId?: string;
  firingUnixTimestampSeconds?: number;
  durationSeconds?: number;
}
export interface SignalCommand {
  commandId?: string;
  signalChannelName: string;
  atLeast?: number;
  atMost?: number;
}
export interface InterStateChannelCommand {
  commandId?: string;
  channelName: string;
  atLeast?: number;
  atMost?: number;
}
export interface CommandCombination {
  commandIds?: string[];
}
export interface CommandRequest {
  deciderTriggerType?: DeciderTriggerType;
  commandWaitingType?: CommandWaitingType;
  timerCommands?: TimerCommand[];
  signalCommands?: SignalCommand[];
  interStateChannelCommands?: InterStateChannelCommand[];
  commandCombinations?: CommandCombination[];
}

export type TimerStatus = 'SCHEDULED' | 'FIRED';
export type ChannelRequestStatus = 'WAITING' | 'RECEIVED';
export interface TimerResult {
  commandId: string;
  timerStatus: TimerStatus;
}
export interface SignalResult {
  commandId: string;
  signalChannelName: string;
  signalRequestStatus: ChannelRequestStatus;
  signalValue?: EncodedObject;
}
export interface InterStateChannelResult {
  commandId: string;
  channelName: string;
  requestStatus: ChannelRequestStatus;
  value?: EncodedObject;
}
export interface CommandResults {
  timerResults?: TimerResult[];
  signalResults?: SignalResult[];
  interStateChannelResults?: InterStateChannelResult[];
  stateStartApiSucceeded?: boolean;
  stateWaitUntilFailed?: boolean;
}

export const CONDITIONAL_CLOSE_TYPES = [
  'FORCE_COMPLETE_ON_INTERNAL_CHANNEL_EMPTY',
  'FORCE_COMPLETE_ON_SIGNAL_CHANNEL_EMPTY',
  'GRACEFUL_COMPLETE_ON_ALL_CHANNELS_EMPTY',
] as const;
export type WorkflowConditionalCloseType = (typeof CONDITIONAL_CLOSE_TYPES)[number];
export interface WorkflowConditionalClose {
  conditionalCloseType?: WorkflowConditionalCloseType;
  channelName?: string;
  closeInput?: EncodedObject;
}
export interface StateMovement {
  stateId: string;
  stateInput?: EncodedObject;
  stateOptions?: WorkflowStateOptions;
  waitForKey?: string;
}
export interface StateDecision {
  nextStates?: StateMovement[];
  conditionalClose?: WorkflowConditionalClose;
}

/** waitUntil request (`/api/v1/workflowState/start`). */
export interface WorkflowStateStartRequest {
  context: Context;
  workflowType: string;
  workflowStateId: string;
  stateInput?: EncodedObject;
  searchAttributes?: SearchAttribute[];
  dataObjects?: KeyValue[];
}
export interface WorkflowStateStartResponse {
  commandRequest?: CommandRequest;
  upsertSearchAttributes?: SearchAttribute[];
  upsertDataObjects?: KeyValue[];
  upsertStateLocals?: KeyValue[];
  recordEvents?: KeyValue[];
  publishToInterStateChannel?: InterStateChannelPublishing[];
  localActivityInput?: string;
}

/** execute request (`/api/v1/workflowState/decide`); note the capital D of `DataObjects`. */
export interface WorkflowStateDecideRequest {
  context: Context;
  workflowType: string;
  workflowStateId: string;
  stateInput?: EncodedObject;
  searchAttributes?: SearchAttribute[];
  DataObjects?: KeyValue[];
  stateLocals?: KeyValue[];
  commandResults?: CommandResults;
}
export interface WorkflowStateDecideResponse {
  stateDecision?: StateDecision;
  upsertSearchAttributes?: SearchAttribute[];
  upsertDataObjects?: KeyValue[];
  recordEvents?: KeyValue[];
  upsertStateLocals?: KeyValue[];
  publishToInterStateChannel?: InterStateChannelPublishing[];
  localActivityInput?: string;
}

export interface ChannelInfo {
  size?: number;
}
export interface WorkflowWorkerRpcRequest {
  context: Context;
  workflowType: string;
  rpcName: string;
  input?: EncodedObject;
  searchAttributes?: SearchAttribute[];
  dataAttributes?: KeyValue[];
  signalChannelInfos?: Record<string, ChannelInfo>;
  internalChannelInfos?: Record<string, ChannelInfo>;
}
export interface WorkflowWorkerRpcResponse {
  output?: EncodedObject;
  stateDecision?: StateDecision;
  upsertSearchAttributes?: SearchAttribute[];
  upsertDataAttributes?: KeyValue[];
  recordEvents?: KeyValue[];
  upsertStateLocals?: KeyValue[];
  publishToInterStateChannel?: InterStateChannelPublishing[];
}
