/**
 * Durations in milliseconds, for moving the clock in tests.
 *
 * @example
 * await env.advanceBy(hours(72));
 */
export const seconds = (n: number): number => n * 1000;
/** @example minutes(90) */
export const minutes = (n: number): number => n * 60_000;
/** @example hours(24) */
export const hours = (n: number): number => n * 3_600_000;
/** @example days(30) */
export const days = (n: number): number => n * 86_400_000;
