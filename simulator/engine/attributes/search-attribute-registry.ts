import type { SearchAttribute, SearchAttributeValueType } from '../../../sdk/wire/types.ts';
import { ownValue } from '../../schema/own-property.ts';

/**
 * The custom search attributes the real test server registers (see the brief's server setup):
 * the simulator's default.
 *
 * @example
 * new Simulator({ workerTransport, searchAttributes: { ...DEFAULT_SEARCH_ATTRIBUTES, Title: 'TEXT' } });
 */
export const DEFAULT_SEARCH_ATTRIBUTES: Readonly<Record<string, SearchAttributeValueType>> = {
  CustomKeywordField: 'KEYWORD',
  CustomIntField: 'INT',
  CustomBoolField: 'BOOL',
  CustomDoubleField: 'DOUBLE',
  CustomDatetimeField: 'DATETIME',
  CustomStringField: 'TEXT',
  CustomKeywordArrayField: 'KEYWORD_ARRAY',
};

/** System attributes iWF writes (docs/semantics/lifecycle.md#system-sa-2) and Temporal's own, as visibility queries see them. */
export const SYSTEM_SEARCH_ATTRIBUTES: Readonly<Record<string, SearchAttributeValueType>> = {
  IwfWorkflowType: 'KEYWORD',
  IwfExecutingStateIds: 'KEYWORD_ARRAY',
  IwfGlobalWorkflowVersion: 'INT',
  WorkflowId: 'KEYWORD',
  RunId: 'KEYWORD',
  WorkflowType: 'KEYWORD',
  ExecutionStatus: 'KEYWORD',
  StartTime: 'DATETIME',
  CloseTime: 'DATETIME',
};

// Temporal's names of the types, as its error messages print them.
const TEMPORAL_TYPE_NAMES: Record<SearchAttributeValueType, string> = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_ARRAY: 'KeywordList',
};

/**
 * Which search attributes exist and with which type. Strict registries refuse unknown names as the
 * real server does (docs/semantics/faults.md#a16); lenient ones (the default) register a name on first use and
 * log that a real server needs it registered.
 *
 * @example
 * const registry = new SearchAttributeRegistry(DEFAULT_SEARCH_ATTRIBUTES, false, console.log);
 * registry.problem([{ key: 'CustomIntField', valueType: 'KEYWORD', stringValue: 'x' }]);
 * // 'invalid value for search attribute CustomIntField of type Int: x'
 */
export class SearchAttributeRegistry {
  private readonly types = new Map<string, SearchAttributeValueType>();

  constructor(
    custom: Readonly<Record<string, SearchAttributeValueType>>,
    readonly strict: boolean,
    private readonly log: (line: string) => void,
  ) {
    for (const [name, type] of Object.entries(custom)) this.types.set(name, type);
  }

  typeOf(name: string): SearchAttributeValueType | undefined {
    return ownValue(SYSTEM_SEARCH_ATTRIBUTES, name) ?? this.types.get(name);
  }

  /**
   * Why the server would refuse these values, or undefined: first iWF's own mapping of every value
   * (a missing value type, a DATETIME it cannot parse), then Temporal's checks (unknown name, type).
   */
  problem(attributes: readonly SearchAttribute[] | undefined | null, nowMs: number): string | undefined {
    if (!attributes) return undefined;
    const unmappable = mappingProblem(attributes, nowMs);
    if (unmappable) return unmappable;
    for (const attribute of attributes) {
      const key = attribute.key ?? '';
      let registered = this.typeOf(key);
      const given = attribute.valueType;
      if (registered === undefined) {
        if (this.strict || !given)
          return `Namespace default has no mapping defined for search attribute ${key}`;
        this.types.set(key, given);
        registered = given;
        this.log(
          `search attribute ${key} (${given}) is not registered: the simulator registers it; a real server refuses it until you create it (temporal operator search-attribute create --name ${key} --type ${TEMPORAL_TYPE_NAMES[given]})`,
        );
      }
      if (!given || !compatible(given, registered))
        return `invalid value for search attribute ${key} of type ${TEMPORAL_TYPE_NAMES[registered]}: ${goValueText(attribute)}`;
    }
    return undefined;
  }
}

/**
 * Why iWF's own mapping refuses these values before Temporal sees them (a missing value type, a
 * DATETIME it cannot parse), or undefined. A client's set or an RPC drops such a list silently
 * (the server ignores that error there); a worker answer fails on it.
 *
 * @example
 * mappingProblem([{ key: 'CustomKeywordField' }], Date.now()); // 'unsupported search attribute value type '
 */
export function mappingProblem(attributes: readonly SearchAttribute[], nowMs: number): string | undefined {
  for (const attribute of attributes) {
    if (!attribute.valueType) return 'unsupported search attribute value type ';
    if (attribute.valueType === 'DATETIME') {
      const parsed = parseIwfDatetime(attribute.stringValue ?? '', nowMs);
      if (typeof parsed === 'string') return parsed;
    }
  }
  return undefined;
}

function compatible(given: SearchAttributeValueType, registered: SearchAttributeValueType): boolean {
  if (given === registered) return true;
  const stringy = given === 'KEYWORD' || given === 'TEXT';
  if (stringy) return registered === 'KEYWORD' || registered === 'TEXT' || registered === 'KEYWORD_ARRAY';
  if (given === 'INT') return registered === 'DOUBLE';
  return false;
}

// Go's %v of the value iWF hands Temporal.
function goValueText(attribute: SearchAttribute): string {
  switch (attribute.valueType) {
    case 'INT':
      return String(attribute.integerValue ?? 0);
    case 'DOUBLE':
      return String(attribute.doubleValue ?? 0);
    case 'BOOL':
      return String(attribute.boolValue ?? false);
    case 'KEYWORD_ARRAY':
      return `[${(attribute.stringArrayValue ?? []).join(' ')}]`;
    default:
      return attribute.stringValue ?? '';
  }
}

const LAYOUT = '2006-01-02T15:04:05-07:00';
const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?([+-])(\d{2}):(\d{2})$/;
const RANGE = /^([1-9][0-9]*)(s|m|h|d|w|M|y|second|minute|hour|day|week|month|year)$/;
const UNIT_MS: Record<string, number> = {
  s: 1e3,
  second: 1e3,
  m: 6e4,
  minute: 6e4,
  h: 36e5,
  hour: 36e5,
  d: 864e5,
  day: 864e5,
  w: 6048e5,
  week: 6048e5,
  M: 2592e6,
  month: 2592e6,
  y: 31536e6,
  year: 31536e6,
};

/**
 * Parses a DATETIME value as the server does (`timeparser.ParseTime`): `2006-01-02T15:04:05-07:00`
 * (a numeric offset, not `Z`; fractions allowed), raw UnixNano digits, or a range back from now
 * (`15m`, `3day`). Answers epoch nanoseconds as a bigint, or the server's error text.
 *
 * @example
 * parseIwfDatetime('2024-03-04T05:06:07+02:00', Date.now()); // 1709528767000000000n
 */
export function parseIwfDatetime(text: string, nowMs: number): bigint | string {
  if (text === '') return 0n;
  const m = WITH_OFFSET.exec(text);
  if (m) {
    const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    const sign = m[8] === '-' ? -1 : 1;
    const offsetMs = sign * (+m[9]! * 60 + +m[10]!) * 60_000;
    const fraction = BigInt((m[7] ?? '.0').slice(1).padEnd(9, '0').slice(0, 9));
    return BigInt(ms - offsetMs) * 1_000_000n + fraction;
  }
  if (/^-?\d+$/.test(text)) return BigInt(text);
  const range = RANGE.exec(text);
  const n = range ? Number(range[1]) : Number.NaN;
  if (!range || n >= 1e6) {
    const cause =
      range && n >= 1e6
        ? `invalid time-duation multiplier ${n}, allowed range is 0 < multiplier < 1000000`
        : `cannot parse timeRange ${text}`;
    return `cannot parse time '${LAYOUT}', use UTC format ${text}, time range or raw UnixNano directly. See help for more details: ${cause}`;
  }
  return BigInt(Math.max(0, nowMs - n * UNIT_MS[range[2]!]!)) * 1_000_000n;
}

/**
 * Formats epoch nanoseconds as Temporal returns a Datetime: RFC 3339 in UTC, fraction without
 * trailing zeros.
 *
 * @example
 * formatUtcNanos(1709528767123000000n); // '2024-03-04T03:06:07.123Z'
 */
export function formatUtcNanos(nanos: bigint): string {
  const ms = Number(nanos / 1_000_000n);
  const base = new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString().slice(0, 19);
  const fraction = (((nanos % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n)
    .toString()
    .padStart(9, '0')
    .replace(/0+$/, '');
  return `${base}${fraction ? `.${fraction}` : ''}Z`;
}
