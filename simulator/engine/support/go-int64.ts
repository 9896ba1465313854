/**
 * Go's int64 arithmetic where iWF does it on user numbers: sums wrap round instead of growing, so
 * a timer of 9223372036854775807 s fires at once on a real server (its firing instant wraps to the
 * past). Plain numbers are used while they are exact; BigInt only beyond 2^53.
 *
 * @example
 * wrapInt64(2 ** 63 + 1e9); // about -9.2e18: in the past
 */
export function wrapInt64(value: number): number {
  if (Number.isSafeInteger(value)) return value;
  if (!Number.isFinite(value)) return value;
  return Number(BigInt.asIntN(64, BigInt(Math.round(value))));
}

/**
 * `time.Duration(seconds) * time.Second` in ms: Go's nanosecond count wraps past about 292 years.
 *
 * @example
 * goSecondsAsMs(10); // 10000
 */
export function goSecondsAsMs(seconds: number): number {
  if (Math.abs(seconds) <= 9_223_372_036) return seconds * 1000;
  return Number(BigInt.asIntN(64, BigInt(Math.round(seconds)) * 1_000_000_000n)) / 1e6;
}
