/**
 * A cron expression as Temporal's schedules read it (iWF starts cron workflows as schedules), in
 * UTC: 5 fields (minute hour day-of-month month day-of-week), 6 (a year after them, 2000–2100) or
 * 7 (a second before them and a year after); `*`, lists, ranges, steps, month and weekday names or
 * their prefixes, `@hourly`-style shortcuts, `@every <duration>`, a `# comment` and a `TZ=UTC`
 * prefix. Every field must match, day of month and day of week alike (Temporal's calendar rule,
 * not classic cron's "either day"). Invalid expressions get Temporal's own texts.
 *
 * @example
 * const cron = parseCron('0 9 * * MON-FRI');
 * if (typeof cron !== 'string') cron.nextAfter(Date.UTC(2025, 0, 1)); // 2025-01-01T09:00:00Z
 */
export interface CronExpression {
  /** The first matching instant (a whole second) strictly after `epochMs`. */
  nextAfter(epochMs: number): number;
}

const SHORTCUTS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_MS = 86_400_000;
const FIELD_COUNT = 'CronString does not have 5-7 fields';

type Mode = 'int' | 'dow' | 'month' | 'year';
/** A field's matching values, or undefined for "any" (a year of `*`). */
type Field = Set<number> | undefined;

/**
 * Parses a cron expression, or answers the real server's text for why it is invalid.
 *
 * @example
 * parseCron('*\/15 * * * *');
 * parseCron('61 * * * *'); // 'Invalid schedule spec: Minute is not in range [0-59]'
 */
export function parseCron(text: string): CronExpression | string {
  let rest = text.trim();
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    if (space < 0) return 'Invalid schedule spec: CronString has time zone but missing fields';
    const zone = rest.slice(rest.indexOf('=') + 1, space);
    if (zone !== 'UTC' && zone !== 'Etc/UTC')
      return `invalid cron expression "${text}": the iWF simulator runs schedules in UTC only; drop TZ=${zone} or use TZ=UTC`;
    rest = rest.slice(space + 1);
  }
  rest = rest.split('#')[0]!.trim();
  if (rest.startsWith('@every')) return parseEvery(rest, text);
  // An own key only: a schedule named like an Object property (`constructor`) is just invalid.
  if (Object.hasOwn(SHORTCUTS, rest)) rest = SHORTCUTS[rest]!;
  const tokens = rest.split(/\s+/).filter((token) => token !== '');
  if (tokens.length < 5 || tokens.length > 7) return `Invalid schedule spec: ${FIELD_COUNT}`;
  const [second, fields] = tokens.length === 7 ? [tokens[0]!, tokens.slice(1)] : ['', tokens];
  const errors: string[] = [];
  const field = (value: string, name: string, def: string, min: number, max: number, mode: Mode): Field => {
    const parsed = parseField(value, name, def, min, max, mode);
    if (typeof parsed === 'string') errors.push(parsed);
    return typeof parsed === 'string' ? undefined : parsed;
  };
  const sec = field(second, 'Second', '0', 0, 59, 'int');
  const min = field(fields[0]!, 'Minute', '0', 0, 59, 'int');
  const hour = field(fields[1]!, 'Hour', '0', 0, 23, 'int');
  const dow = field(fields[4]!, 'DayOfWeek', '*', 0, 7, 'dow');
  const dom = field(fields[2]!, 'DayOfMonth', '*', 1, 31, 'int');
  const month = field(fields[3]!, 'Month', '*', 1, 12, 'month');
  const year = field(fields[5] ?? '', 'Year', '*', 2000, 2100, 'year');
  if (errors.length > 0) return `Invalid schedule spec: ${errors.join(', ')}`;
  const has = (set: Field, value: number): boolean => set === undefined || set.has(value);
  return {
    nextAfter(epochMs: number): number {
      // Day by day, then hour, minute and second inside a matching day; 2100 is the last year.
      let day = Math.floor(epochMs / DAY_MS) * DAY_MS;
      for (; new Date(day).getUTCFullYear() <= 2100; day += DAY_MS) {
        const date = new Date(day);
        if (!has(year, date.getUTCFullYear())) {
          day = Date.UTC(date.getUTCFullYear() + 1, 0, 1) - DAY_MS;
          continue;
        }
        if (
          !has(month, date.getUTCMonth() + 1) ||
          !has(dom, date.getUTCDate()) ||
          !has(dow, date.getUTCDay())
        )
          continue;
        for (let h = 0; h < 24; h++) {
          if (!has(hour, h) || day + (h + 1) * 3_600_000 <= epochMs) continue;
          for (let m = 0; m < 60; m++) {
            const minuteAt = day + h * 3_600_000 + m * 60_000;
            if (!has(min, m) || minuteAt + 60_000 <= epochMs) continue;
            for (let s = 0; s < 60; s++)
              if (has(sec, s) && minuteAt + s * 1000 > epochMs) return minuteAt + s * 1000;
          }
        }
      }
      return Number.POSITIVE_INFINITY;
    },
  };
}

// One field as Temporal's schedule parser reads it: comma-separated parts, each `*`, a value or a
// range, with an optional `/step`; its error texts name the field.
function parseField(
  text: string,
  name: string,
  def: string,
  min: number,
  max: number,
  mode: Mode,
): Field | string {
  const source = text.trim() === '' ? def : text.trim();
  if (source === '*' && mode === 'year') return undefined;
  const values = new Set<number>();
  for (const whole of source.split(',')) {
    let part = whole;
    let step = 1;
    let hasStep = false;
    const slashes = part.split('/').length - 1;
    if (slashes > 1) return `${name} has too many slashes`;
    if (slashes === 1) {
      const [head, stepText] = part.split('/') as [string, string];
      if (stepText === '') return `${name} missing step value`;
      if (!/^[+-]?\d+$/.test(stepText))
        return `strconv.Atoi: parsing ${JSON.stringify(stepText)}: invalid syntax`;
      step = Number(stepText);
      if (step < 1) return `${name} has invalid Step`;
      part = head;
      hasStep = true;
    }
    let start = min;
    let end = max;
    if (part !== '*') {
      if (part.includes('-')) {
        const pieces = part.split('-');
        if (pieces.length > 2) return `${name} has too many dashes`;
        const from = parseValue(pieces[0]!, min, max, mode);
        if (from === undefined) return `${name} Start is not in range [${min}-${max}]`;
        const to = parseValue(pieces[1]!, from, max, mode);
        if (to === undefined) return `${name} End is before Start or not in range [${min}-${max}]`;
        [start, end] = [from, to];
      } else {
        const single = parseValue(part, min, max, mode);
        if (single === undefined) return `${name} is not in range [${min}-${max}]`;
        start = single;
        if (!hasStep) end = single;
      }
    }
    // Day of week 7 is Sunday.
    for (let v = start; v <= end; v += step) values.add(mode === 'dow' && v === 7 ? 0 : v);
  }
  return values;
}

function parseValue(text: string, min: number, max: number, mode: Mode): number | undefined {
  const lower = text.toLowerCase();
  const names = mode === 'month' ? MONTHS : mode === 'dow' ? DAYS : undefined;
  if (names && lower.length >= (mode === 'month' ? 3 : 2)) {
    const index = names.findIndex((each) => each.startsWith(lower));
    if (index >= 0) {
      const value = mode === 'month' ? index + 1 : index;
      return value < min || value > max ? undefined : value;
    }
  }
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value < min || value > max ? undefined : value;
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS };

// `@every 90m` or `@every 1h/15m`: instants at multiples of the interval since the epoch, plus the phase.
function parseEvery(rest: string, text: string): CronExpression | string {
  const space = rest.indexOf(' ');
  if (space < 0) return 'Invalid schedule spec: CronString does not have interval after @every';
  const [intervalText, phaseText] = rest
    .slice(space + 1)
    .trim()
    .split('/') as [string, string | undefined];
  const interval = duration(intervalText);
  const phase = phaseText === undefined ? 0 : duration(phaseText);
  if (interval === undefined || phase === undefined || interval <= 0)
    return `invalid cron expression "${text}": @every takes a duration such as 90m, 1h30m or 1h/15m`;
  return {
    nextAfter(epochMs: number): number {
      return Math.floor((epochMs - phase) / interval) * interval + interval + phase;
    },
  };
}

function duration(text: string): number | undefined {
  const parts = text.match(/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/)
    ? text.match(/\d+(?:\.\d+)?(?:ms|s|m|h|d)/g)
    : null;
  if (!parts) return undefined;
  let total = 0;
  for (const part of parts) {
    const [, amount, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(part)!;
    total += Number(amount) * UNITS[unit!]!;
  }
  return total;
}
