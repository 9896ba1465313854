import type { HistoryEvent } from './history.ts';

/**
 * Renders a history as one line per event: elapsed virtual time since the first event, the
 * absolute instant, the event, the state execution and its attributes.
 *
 * @example
 * console.log(formatHistory(simulator.history('order-1')));
 * // +0.000s  2025-01-01T00:00:00.000Z  WorkflowStarted  type=OrderWorkflow ...
 */
export function formatHistory(events: readonly HistoryEvent[], title?: string): string {
  const lines: string[] = [];
  if (title) lines.push(title);
  const origin = events[0]?.at ?? 0;
  for (const event of events) {
    const elapsed = `+${((event.at - origin) / 1000).toFixed(3)}s`.padStart(10);
    const parts = [elapsed, new Date(event.at).toISOString(), event.type.padEnd(26)];
    if (event.executionId !== undefined) parts.push(`[${event.executionId}]`);
    if (event.attrs) parts.push(formatAttrs(event.attrs));
    lines.push(parts.join('  ').trimEnd());
  }
  return lines.join('\n');
}

function formatAttrs(attrs: Record<string, unknown>): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    out.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return out.join(' ');
}
