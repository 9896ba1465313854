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
import { stateScenarios } from './states.ts';

/**
 * Every conformance scenario, area by area.
 *
 * @example
 * await runScenarios(allScenarios, { serverUrl, worker });
 */
export const allScenarios: Scenario[] = [
  ...lifecycleScenarios,
  ...commandScenarios,
  ...stateScenarios,
  ...persistenceScenarios,
  ...rpcScenarios,
  ...rpcContentionScenarios,
  ...errorScenarios,
  ...failureScenarios,
  ...resetScenarios,
  ...resetDeadlineScenarios,
  ...resetReapplyScenarios,
  ...continueAsNewScenarios,
];
