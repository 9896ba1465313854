import { describe, expect, it } from 'vitest';
import { FakeWorker, setup } from './fake-worker.ts';

type Page = { workflowExecutions?: { workflowId: string; workflowRunId: string }[]; nextPageToken: string };

const sa = {
  text: (stringValue: string) => ({ key: 'CustomStringField', valueType: 'TEXT', stringValue }),
  keyword: (stringValue: string) => ({ key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue }),
  int: (integerValue: number) => ({ key: 'CustomIntField', valueType: 'INT', integerValue }),
  bool: (boolValue: boolean) => ({ key: 'CustomBoolField', valueType: 'BOOL', boolValue }),
  tags: (...stringArrayValue: string[]) => ({
    key: 'CustomKeywordArrayField',
    valueType: 'KEYWORD_ARRAY',
    stringArrayValue,
  }),
  datetime: (stringValue: string) => ({ key: 'CustomDatetimeField', valueType: 'DATETIME', stringValue }),
};

/** Three idle workflows (no start state) with different search attributes, a second apart. */
async function threeWorkflows() {
  const env = setup(new FakeWorker({}));
  const idle = (id: string, searchAttributes: unknown[], type = 'Order') =>
    env.post('start', {
      workflowId: id,
      iwfWorkflowType: type,
      workflowTimeoutSeconds: 0,
      iwfWorkerUrl: 'http://w',
      workflowStartOptions: { searchAttributes },
    });
  await idle('a', [
    sa.text('Hello Big World'),
    sa.keyword('Alpha Beta'),
    sa.int(1),
    sa.bool(true),
    sa.tags('x', 'y'),
    sa.datetime('2024-03-04T05:06:07+02:00'),
  ]);
  await env.simulator.advanceBy(1000);
  await idle('b', [sa.text('small world'), sa.keyword('Alpine'), sa.int(5), sa.bool(false), sa.tags('y')]);
  await env.simulator.advanceBy(1000);
  await idle('c', [sa.int(10)], 'Invoice');
  const ids = async (query: string) =>
    (((await env.post('search', { query })).body as Page).workflowExecutions ?? []).map((e) => e.workflowId);
  return { ...env, ids };
}

describe('search (search-1)', () => {
  it('lists newest first; no match is exactly {"nextPageToken":""}; empty query lists all (search-1)', async () => {
    const { post, ids } = await threeWorkflows();
    expect(await ids('')).toEqual(['c', 'b', 'a']);
    expect((await post('search', { query: "WorkflowId = 'nope'" })).body).toEqual({ nextPageToken: '' });
  });

  it('compares with = != <> < <= > >= and combines with AND, OR, NOT and parentheses (search-2)', async () => {
    const { ids } = await threeWorkflows();
    expect(await ids('CustomIntField >= 5')).toEqual(['c', 'b']);
    expect(await ids('CustomIntField < 5 OR CustomIntField > 9')).toEqual(['c', 'a']);
    expect(await ids('CustomIntField != 5 AND CustomIntField <> 10')).toEqual(['a']);
    expect(await ids("(CustomIntField <= 5 OR WorkflowId = 'c') AND NOT WorkflowId = 'b'")).toEqual([
      'c',
      'a',
    ]);
    expect(await ids("CustomIntField = '5'")).toEqual(['b']);
    expect(await ids("CustomIntField = 'abc'")).toEqual([]);
  });

  it('supports IN, BETWEEN, STARTS_WITH and IS NULL (search-2)', async () => {
    const { ids } = await threeWorkflows();
    expect(await ids('CustomIntField IN (1, 10)')).toEqual(['c', 'a']);
    expect(await ids('CustomIntField BETWEEN 2 AND 10')).toEqual(['c', 'b']);
    expect(await ids("CustomKeywordField STARTS_WITH 'Alp'")).toEqual(['b', 'a']);
    expect(await ids('CustomKeywordField IS NULL')).toEqual(['c']);
    expect(await ids("CustomKeywordArrayField = 'y'")).toEqual(['b', 'a']);
    expect(await ids("CustomKeywordArrayField IN ('x', 'z')")).toEqual(['a']);
  });

  it('matches Text by word, case-insensitively; Keyword exactly; Bool unquoted; Datetime by range only (search-2)', async () => {
    const { ids } = await threeWorkflows();
    expect(await ids("CustomStringField = 'world'")).toEqual(['b', 'a']);
    expect(await ids("CustomStringField = 'BIG world'")).toEqual(['a']);
    expect(await ids("CustomStringField = 'wor'")).toEqual([]);
    expect(await ids("CustomKeywordField = 'alpha beta'")).toEqual([]);
    expect(await ids('CustomBoolField = true')).toEqual(['a']);
    expect(await ids("CustomBoolField = 'true'")).toEqual([]);
    expect(await ids("CustomDatetimeField > '2024-03-04T03:00:00Z'")).toEqual(['a']);
    expect(await ids("CustomDatetimeField = '2024-03-04T03:06:07Z'")).toEqual([]);
  });

  it('knows the system fields: WorkflowType is Interpreter, IwfWorkflowType, ExecutionStatus, StartTime, CloseTime (search-2)', async () => {
    const { post, ids, simulator } = await threeWorkflows();
    expect(await ids("WorkflowType = 'Interpreter' AND IwfWorkflowType = 'Invoice'")).toEqual(['c']);
    await post('stop', { workflowId: 'b' });
    expect(await ids("ExecutionStatus = 'Running'")).toEqual(['c', 'a']);
    expect(await ids("ExecutionStatus = 'Canceled' AND CloseTime IS NOT NULL")).toEqual(['b']);
    const start = new Date(simulator.now() - 1500).toISOString();
    expect(await ids(`StartTime > '${start}'`)).toEqual(['c', 'b']);
  });

  it('answers ORDER BY, malformed queries and unknown attributes with the real server 500s (search-2)', async () => {
    const { post } = await threeWorkflows();
    const detail = async (query: string) => {
      const reply = await post('search', { query });
      expect(reply.status).toBe(500);
      return (reply.body as { detail: string }).detail;
    };
    expect(await detail("WorkflowId = 'a' ORDER BY StartTime")).toBe(
      "invalid query: operation is not supported: 'ORDER BY' clause",
    );
    expect(await detail('WorkflowId = ')).toBe(
      'invalid query: malformed SQL query: syntax error at position 40',
    );
    expect(await detail("WorkflowId = 'a' AND")).toBe(
      'invalid query: malformed SQL query: syntax error at position 48',
    );
    expect(await detail("WorkflowId == 'a'")).toBe(
      'invalid query: malformed SQL query: syntax error at position 41',
    );
    expect(await detail("(WorkflowId = 'a'")).toBe(
      'invalid query: malformed SQL query: syntax error at position 45',
    );
    expect(await detail("Foo = 'a'")).toBe(
      "invalid query: invalid expression: column name 'Foo' is not a valid search attribute",
    );
    expect(await detail("workflowid = 'a'")).toBe(
      "invalid query: invalid expression: column name 'workflowid' is not a valid search attribute",
    );
    expect(await detail("ExecutionStatus = 'Bogus'")).toBe(
      "invalid query: invalid expression: invalid ExecutionStatus value 'Bogus'",
    );
    expect(await detail("StartTime > '2024-01-01'")).toBe(
      "invalid query: invalid expression: unable to parse datetime '2024-01-01'",
    );
    expect(await detail("CustomStringField IN ('big')")).toBe(
      "invalid query: invalid expression: operator 'in' not supported for Text type search attribute in `CustomStringField in ('big')`",
    );
    expect(await detail("WorkflowId LIKE 'a%'")).toBe(
      "invalid query: invalid expression: invalid operator 'like' in `WorkflowId like 'a%'`",
    );
  });

  it('pages with pageSize and a token that is always present, empty at the end (search-1)', async () => {
    const { post } = await threeWorkflows();
    const first = (await post('search', { query: '', pageSize: 2 })).body as Page;
    expect(first.workflowExecutions!.map((e) => e.workflowId)).toEqual(['c', 'b']);
    expect(first.nextPageToken).not.toBe('');
    const again = (await post('search', { query: '', pageSize: 2, nextPageToken: first.nextPageToken }))
      .body as Page;
    expect(again.workflowExecutions!.map((e) => e.workflowId)).toEqual(['a']);
    expect(again.nextPageToken).toBe('');
    // A page that is exactly full carries a token; the next page is then empty.
    const full = (await post('search', { query: 'CustomIntField > 1', pageSize: 2 })).body as Page;
    expect(
      (await post('search', { query: 'CustomIntField > 1', pageSize: 2, nextPageToken: full.nextPageToken }))
        .body,
    ).toEqual({ nextPageToken: '' });
  });
});
