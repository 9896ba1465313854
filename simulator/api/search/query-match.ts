import type { SearchAttributeValueType } from '../../../sdk/wire/types.ts';
import type { SearchAttributeRegistry } from '../../engine/attributes/search-attribute-registry.ts';
import type { WorkflowRun } from '../../engine/runs/workflow-run.ts';
import type { QueryLiteral, QueryNode } from './query-parser.ts';

/** Temporal's ExecutionStatus names of iWF's statuses. */
export const EXECUTION_STATUS_NAMES: Record<string, string> = {
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  TIMEOUT: 'TimedOut',
  TERMINATED: 'Terminated',
  CANCELED: 'Canceled',
  CONTINUED_AS_NEW: 'ContinuedAsNew',
};
const STATUS_VALUES = new Set(Object.values(EXECUTION_STATUS_NAMES));

type FieldValue = string | string[] | number | boolean | bigint | undefined;

/**
 * A compiled query: true when a run matches.
 *
 * @example
 * const match = compileQuery(node, registry);
 * if (typeof match !== 'string') runs.filter(match);
 */
export type RunPredicate = (run: WorkflowRun) => boolean;

/**
 * Checks names and literals as Temporal's visibility does (unknown attribute, bad ExecutionStatus,
 * unparsable datetime, operators Text does not support) and builds the predicate.
 *
 * @example
 * compileQuery(parseQuery("CustomIntField > 3") as QueryNode, registry);
 */
export function compileQuery(node: QueryNode, registry: SearchAttributeRegistry): RunPredicate | string {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const left = compileQuery(node.left, registry);
      if (typeof left === 'string') return left;
      const right = compileQuery(node.right, registry);
      if (typeof right === 'string') return right;
      return node.kind === 'and' ? (run) => left(run) && right(run) : (run) => left(run) || right(run);
    }
    case 'not': {
      const inner = compileQuery(node.inner, registry);
      return typeof inner === 'string' ? inner : (run) => !inner(run);
    }
    case 'compare':
      return compileComparison(node.name, node.op, node.values, registry);
  }
}

function compileComparison(
  name: string,
  op: string,
  values: QueryLiteral[],
  registry: SearchAttributeRegistry,
): RunPredicate | string {
  const type = registry.typeOf(name);
  if (!type)
    return `invalid query: invalid expression: column name '${name}' is not a valid search attribute`;
  if (type === 'TEXT' && (op === 'in' || op === 'starts_with')) {
    const shown = op === 'in' ? `(${values.map((v) => `'${v.text}'`).join(', ')})` : `'${values[0]!.text}'`;
    return `invalid query: invalid expression: operator '${op}' not supported for Text type search attribute in \`${name} ${op} ${shown}\``;
  }
  if (op === 'is null') return (run) => fieldOf(run, name) === undefined;
  if (op === 'is not null') return (run) => fieldOf(run, name) !== undefined;
  if (name === 'ExecutionStatus')
    for (const value of values)
      if (!STATUS_VALUES.has(value.text))
        return `invalid query: invalid expression: invalid ExecutionStatus value '${value.text}'`;
  const converted: (FieldValue | null)[] = [];
  for (const value of values) {
    const literal = convertLiteral(value, type);
    if (typeof literal === 'object' && literal !== null && 'error' in literal) return literal.error;
    converted.push(literal as FieldValue | null);
  }
  return (run) => {
    const field = fieldOf(run, name);
    if (field === undefined) return false;
    return compare(type, field, op, converted);
  };
}

// null = a literal that can never match this type (e.g. 'abc' for an Int, 'true' quoted for a Bool).
function convertLiteral(
  value: QueryLiteral,
  type: SearchAttributeValueType,
): FieldValue | null | { error: string } {
  switch (type) {
    case 'INT':
    case 'DOUBLE': {
      const n = Number(value.text);
      return Number.isFinite(n) ? n : null;
    }
    case 'BOOL':
      return value.quoted ? null : value.text === 'true';
    case 'DATETIME': {
      const ms = Date.parse(value.text);
      if (
        !value.quoted ||
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value.text) ||
        Number.isNaN(ms)
      )
        return { error: `invalid query: invalid expression: unable to parse datetime '${value.text}'` };
      const fraction = /\.(\d+)/.exec(value.text)?.[1] ?? '';
      return (
        BigInt(Math.floor(ms / 1000)) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0').slice(0, 9) || '0')
      );
    }
    default:
      return value.text;
  }
}

function compare(
  type: SearchAttributeValueType,
  field: NonNullable<FieldValue>,
  op: string,
  values: (FieldValue | null)[],
): boolean {
  const value = values[0];
  if (type === 'TEXT') {
    const matches = textContains(field as string, (value as string) ?? '');
    return op === '!=' ? !matches : op === '=' ? matches : false;
  }
  if (type === 'KEYWORD_ARRAY' || Array.isArray(field)) {
    const items = Array.isArray(field) ? field : [String(field)];
    if (op === '=') return items.includes(value as string);
    if (op === '!=') return !items.includes(value as string);
    if (op === 'in') return values.some((v) => items.includes(v as string));
    if (op === 'starts_with') return items.some((item) => item.startsWith(value as string));
    return false;
  }
  // Measured: Datetime equality matched nothing on the real server (SQLite visibility); use a range.
  if (type === 'DATETIME' && (op === '=' || op === 'in')) return false;
  switch (op) {
    case '=':
      return value !== null && field === value;
    case '!=':
      return value !== null && field !== value;
    case 'in':
      return values.some((v) => v !== null && v === field);
    case 'starts_with':
      return typeof field === 'string' && field.startsWith(value as string);
    case 'between':
      return values[0] != null && values[1] != null && field >= values[0]! && field <= values[1]!;
    default:
      if (value === null || value === undefined) return false;
      if (op === '<') return field < value;
      if (op === '<=') return field <= value;
      if (op === '>') return field > value;
      return field >= value;
  }
}

// Text attributes are full-text indexed: every word of the query must be a word of the value.
function textContains(field: string, query: string): boolean {
  const words = new Set(
    field
      .toLowerCase()
      .split(/[^\p{L}\p{N}_]+/u)
      .filter(Boolean),
  );
  const wanted = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
  return wanted.length > 0 && wanted.every((word) => words.has(word));
}

function fieldOf(run: WorkflowRun, name: string): FieldValue {
  switch (name) {
    case 'WorkflowId':
      return run.workflowId;
    case 'RunId':
      return run.runId;
    case 'WorkflowType':
      // Every iWF workflow is one Temporal workflow of type Interpreter (measured).
      return 'Interpreter';
    case 'ExecutionStatus':
      return EXECUTION_STATUS_NAMES[run.status];
    case 'StartTime':
      return BigInt(run.runStartedAt) * 1_000_000n;
    case 'CloseTime':
      return run.outcome === undefined ? undefined : BigInt(run.outcome.closedAt) * 1_000_000n;
  }
  const attribute = run.persistence.search.get(name) ?? run.systemSearch.search.get(name);
  if (!attribute) return undefined;
  switch (attribute.valueType) {
    case 'INT':
      return attribute.integerValue ?? undefined;
    case 'DOUBLE':
      return attribute.doubleValue ?? undefined;
    case 'BOOL':
      return attribute.boolValue ?? undefined;
    case 'KEYWORD_ARRAY':
      return attribute.stringArrayValue ?? undefined;
    case 'DATETIME':
      return run.persistence.indexedDatetimes.get(name);
    default:
      return attribute.stringValue ?? undefined;
  }
}
