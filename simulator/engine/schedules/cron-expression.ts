/**
 * A standard 5-field cron expression (minute hour day-of-month month day-of-week, UTC), with `*`,
 * lists, ranges, steps, month and weekday names, and the common `@hourly`-style shortcuts.
 *
 * @example
 * const cron = parseCron('0 9 * * MON-FRI');
 * if (typeof cron !== 'string') cron.nextAfter(Date.UTC(2025, 0, 1)); // 2025-01-01T09:00:00Z
 */
export interface CronExpression {
  /** The first matching minute strictly after `epochMs`. */
  nextAfter(epochMs: number): number;
}

const SHORTCUTS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MINUTE_MS = 60_000;

/**
 * Parses a cron expression, or answers why it is invalid.
 *
 * @example
 * parseCron('*\/15 * * * *');
 */
export function parseCron(text: string): CronExpression | string {
  const expanded = SHORTCUTS[text.trim()] ?? text.trim();
  const fields = expanded.split(/\s+/);
  // Temporal's schedule parser (the text a real server answers) takes 5 to 7 fields.
  if (fields.length < 5 || fields.length > 7)
    return 'Invalid schedule spec: CronString does not have 5-7 fields';
  if (fields.length !== 5)
    return `invalid cron expression "${text}": the simulator supports 5 fields (minute hour day-of-month month day-of-week); a real server also takes a year (6 fields) and seconds (7)`;
  const minutes = parseField(fields[0]!, 0, 59, []);
  const hours = parseField(fields[1]!, 0, 23, []);
  const days = parseField(fields[2]!, 1, 31, []);
  const months = parseField(fields[3]!, 1, 12, MONTHS, 1);
  const weekdays = parseField(fields[4]!.replace(/\b7\b/g, '0'), 0, 6, DAYS);
  for (const field of [minutes, hours, days, months, weekdays])
    if (typeof field === 'string') return `invalid cron expression "${text}": ${field}`;
  const [mi, ho, da, mo, wd] = [minutes, hours, days, months, weekdays] as Set<number>[];
  const anyDay = fields[2] === '*' || fields[2] === '?';
  const anyWeekday = fields[4] === '*' || fields[4] === '?';
  const dayMatches = (date: Date): boolean => {
    const byDay = da!.has(date.getUTCDate());
    const byWeekday = wd!.has(date.getUTCDay());
    // Standard cron: when both are restricted, either may match.
    if (anyDay) return byWeekday;
    if (anyWeekday) return byDay;
    return byDay || byWeekday;
  };
  return {
    nextAfter(epochMs: number): number {
      let t = Math.floor(epochMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
      const limit = t + 5 * 366 * 24 * 60 * MINUTE_MS;
      while (t < limit) {
        const date = new Date(t);
        if (!mo!.has(date.getUTCMonth() + 1) || !dayMatches(date)) {
          t = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
          continue;
        }
        if (!ho!.has(date.getUTCHours())) {
          t = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours() + 1);
          continue;
        }
        if (mi!.has(date.getUTCMinutes())) return t;
        t += MINUTE_MS;
      }
      return Number.POSITIVE_INFINITY;
    },
  };
}

function parseField(
  field: string,
  min: number,
  max: number,
  names: string[],
  nameBase = 0,
): Set<number> | string {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return `bad step in "${part}"`;
    let low = min;
    let high = max;
    if (range !== '*' && range !== '?') {
      const [a, b] = range!.split('-');
      const from = value(a!, names, nameBase);
      const to = b === undefined ? (stepText === undefined ? from : max) : value(b, names, nameBase);
      if (from === undefined || to === undefined || from < min || to > max || from > to)
        return `"${part}" is out of range ${min}-${max}`;
      low = from;
      high = to;
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}

function value(text: string, names: string[], base: number): number | undefined {
  const index = names.indexOf(text.toUpperCase());
  if (index >= 0) return index + base;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
