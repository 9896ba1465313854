import type { RetryPolicy } from '../../../sdk/wire/types.ts';

/**
 * A retry policy with Temporal's defaults filled in (docs/semantics/worker-failures.md#failures-2): initial 1 s, ×2, at most
 * 100 s apart, unlimited attempts (0), no total duration limit (0).
 *
 * @example
 * const policy = effectiveRetryPolicy({ maximumAttempts: 3 });
 * nextRetryDelayMs(policy, 1); // 1000
 */
export interface EffectiveRetryPolicy {
  readonly initialIntervalSeconds: number;
  readonly backoffCoefficient: number;
  readonly maximumIntervalSeconds: number;
  readonly maximumAttempts: number;
  readonly maximumAttemptsDurationSeconds: number;
}

/**
 * Fills the defaults of a (possibly absent) policy.
 *
 * @example
 * effectiveRetryPolicy(undefined).maximumAttempts; // 0 = unlimited
 */
export function effectiveRetryPolicy(policy: RetryPolicy | undefined): EffectiveRetryPolicy {
  // Most states set no policy: one shared answer, not an object per state API call.
  return policy ? withDefaults(policy) : DEFAULT_RETRY_POLICY;
}

function withDefaults(policy: RetryPolicy): EffectiveRetryPolicy {
  return {
    initialIntervalSeconds: policy.initialIntervalSeconds || 1,
    backoffCoefficient: policy.backoffCoefficient || 2,
    maximumIntervalSeconds: policy.maximumIntervalSeconds || 100,
    maximumAttempts: policy.maximumAttempts ?? 0,
    maximumAttemptsDurationSeconds: policy.maximumAttemptsDurationSeconds ?? 0,
  };
}

const DEFAULT_RETRY_POLICY: EffectiveRetryPolicy = Object.freeze(withDefaults({}));

/**
 * Why Temporal would refuse to schedule a call with this policy, or undefined when it is valid.
 * The real server accepts such a policy at start and then never calls the worker (docs/semantics/faults.md#b24).
 *
 * @example
 * retryPolicyProblem({ maximumAttempts: -1 }); // 'MaximumAttempts cannot be negative on retry policy.'
 */
export function retryPolicyProblem(policy: RetryPolicy | undefined): string | undefined {
  if (!policy) return undefined;
  if ((policy.maximumAttempts ?? 0) < 0) return 'MaximumAttempts cannot be negative on retry policy.';
  if (policy.backoffCoefficient != null && policy.backoffCoefficient !== 0 && policy.backoffCoefficient < 1)
    return 'BackoffCoefficient cannot be less than 1 on retry policy.';
  if ((policy.initialIntervalSeconds ?? 0) < 0)
    return 'invalid InitialInterval set on retry policy: negative duration';
  if ((policy.maximumIntervalSeconds ?? 0) < 0)
    return 'invalid MaximumInterval set on retry policy: negative duration';
  return undefined;
}

/**
 * Delay before attempt `failedAttempt + 1`.
 *
 * @example
 * nextRetryDelayMs(effectiveRetryPolicy(undefined), 3); // 4000
 */
export function nextRetryDelayMs(policy: EffectiveRetryPolicy, failedAttempt: number): number {
  const seconds = policy.initialIntervalSeconds * policy.backoffCoefficient ** (failedAttempt - 1);
  return Math.min(seconds, policy.maximumIntervalSeconds) * 1000;
}

/**
 * When retries of a state API call stop (epoch ms; Infinity for never): Temporal's ScheduleToClose,
 * which is `maximumAttemptsDurationSeconds` when set, and is capped at (or, when unset, defaults to)
 * the workflow's timeout, counted from the first attempt (measured: a state started 4 s into a
 * 10 s workflow still retries at 11 s, so the cap is the whole timeout, not what remains of it).
 *
 * @example
 * retryDeadline(0, effectiveRetryPolicy(undefined), 5); // 5000: no fourth attempt at 7 s
 */
export function retryDeadline(
  firstAttemptAt: number,
  policy: EffectiveRetryPolicy,
  workflowTimeoutSeconds: number | undefined | null,
): number {
  let seconds = Infinity;
  if (policy.maximumAttemptsDurationSeconds > 0) seconds = policy.maximumAttemptsDurationSeconds;
  if (workflowTimeoutSeconds != null && workflowTimeoutSeconds > 0)
    seconds = Math.min(seconds, workflowTimeoutSeconds);
  return seconds === Infinity ? Infinity : firstAttemptAt + seconds * 1000;
}
