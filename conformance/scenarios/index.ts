import type { Scenario } from '../scenario.ts';
import { commandScenarios } from './commands.ts';
import { errorScenarios } from './errors.ts';
import { failureScenarios } from './failures.ts';
import { lifecycleScenarios } from './lifecycle.ts';
import { persistenceScenarios } from './persistence.ts';
import { continueAsNewScenarios, resetScenarios } from './reset.ts';
import { resetDeadlineScenarios } from './reset-deadlines.ts';
import { resetReapplyScenarios } from './reset-reapply.ts';
import { rpcScenarios } from './rpc.ts';
import { rpcContentionScenarios } from './rpc-contention.ts';
import { rpcLockingScenarios } from './rpc-locking.ts';
import { startAndWaitScenarios } from './start-and-wait.ts';
import { startErrorScenarios } from './start-errors.ts';
import { stateScenarios } from './states.ts';
import { workerAnswerScenarios } from './worker-answers.ts';

/**
 * Every conformance scenario, area by area.
 *
 * @example
 * await runScenarios(allScenarios, { serverUrl, worker });
 */
export const allScenarios: Scenario[] = [
  ...lifecycleScenarios,
  ...startAndWaitScenarios,
  ...commandScenarios,
  ...stateScenarios,
  ...persistenceScenarios,
  ...rpcScenarios,
  ...rpcLockingScenarios,
  ...rpcContentionScenarios,
  ...errorScenarios,
  ...startErrorScenarios,
  ...failureScenarios,
  ...workerAnswerScenarios,
  ...resetScenarios,
  ...resetDeadlineScenarios,
  ...resetReapplyScenarios,
  ...continueAsNewScenarios,
];
