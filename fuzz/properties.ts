import { ApiPaths } from '../sdk/wire/paths.ts';
import type { Answer } from './answers.ts';

// Phrases of JavaScript's own errors and stack frames; none is in a real iWF server's answers.
const JAVASCRIPT_ERROR =
  /Cannot read propert|is not a function|is not defined|is not iterable|Maximum call stack|Unexpected token|Unexpected end of JSON|in JSON at position|TypeError|RangeError|SyntaxError|ReferenceError|\bat .+\.[jt]s:\d+|Cannot convert|undefined is not|\[object Object\]|NaN/;

/**
 * The JavaScript error text in an answer, or undefined: a server written in Go never says these.
 *
 * @example
 * javascriptErrorText('{"detail":"Cannot read properties of null (reading \'key\')"}'); // 'Cannot read propert'
 */
export function javascriptErrorText(text: string): string | undefined {
  return JAVASCRIPT_ERROR.exec(text)?.[0];
}

// The 5xx details a real iWF server gives (measured), as patterns.
const REAL_5XX: readonly RegExp[] = [
  /^runtime error: invalid memory address or nil pointer dereference$/,
  /^Blob data size exceeds limit\.$/,
  /^context deadline exceeded$/,
  /^Invalid RunId\.$/,
  /^SignalName is not set on request\.$/,
  /^WorkflowId length exceeds limit\.$/,
  /^Invalid schedule spec: /,
  /^invalid query: /,
  /^unsupported search attribute value type /,
  /^unable to convert value /,
  /^page number -?\d+ is out of range/,
  /^Namespace default has no mapping defined for search attribute /,
  /^invalid value for search attribute /,
  /^impossible\/very rare status/,
  /^Workflow execution is already running/,
  /^GetWorkflowExecutionHistory failed, /,
  /^panic object is not error: /,
  /^cannot parse time '/,
  // Temporal's checks of a workflow retry policy.
  / on retry policy\.$/,
  /^invalid (InitialInterval|MaximumInterval) set on retry policy: /,
];

/**
 * Why a 5xx answer is one a real server would not give (its detail matches none of the texts it
 * answers 5xx with), or undefined.
 *
 * @example
 * unexpected5xx({ status: 500, text: '{"detail":"boom"}', ms: 1 }); // '500 boom'
 */
export function unexpected5xx(answer: Answer): string | undefined {
  if (answer.status < 500 || answer.status > 599) return undefined;
  let detail = answer.text;
  try {
    detail = String((JSON.parse(answer.text) as { detail?: unknown }).detail ?? answer.text);
  } catch {
    // A text answer: checked as it is.
  }
  return REAL_5XX.some((pattern) => pattern.test(detail))
    ? undefined
    : `${answer.status} ${detail.slice(0, 200)}`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * An answer reduced to what two servers must agree on: the status, and the body without run ids,
 * host names, search results (each server holds other workflows) or dump pages (their format is
 * the server's own), JSON keys sorted.
 *
 * @example
 * comparable('/api/v1/workflow/start', { status: 200, text: '{"workflowRunId":"3f…"}', ms: 3 }); // '200 {"workflowRunId":"<uuid>"}'
 */
export function comparable(path: string, answer: Answer): string {
  const base = path.split('?')[0];
  if (base === ApiPaths.dump || (base === ApiPaths.search && answer.status === 200))
    return `${answer.status}`;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `${answer.status} ${answer.text.replace(UUID, '<uuid>')}`;
  }
  return `${answer.status} ${JSON.stringify(sortKeys(body))
    .replace(UUID, '<uuid>')
    .replace(/"hostname":"[^"]*"/, '"hostname":"<host>"')}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
