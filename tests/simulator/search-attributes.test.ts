import { describe, expect, it } from 'vitest';
import { goTo, gracefulComplete } from '../../conformance/kit/index.ts';
import type { SearchAttribute } from '../../sdk/wire/types.ts';
import { FakeWorker, setup } from './fake-worker.ts';

const waitForGo = {
  waitUntil: () => ({
    commandRequest: {
      deciderTriggerType: 'ALL_COMMAND_COMPLETED' as const,
      signalCommands: [{ commandId: 's', signalChannelName: 'go' }],
    },
  }),
  execute: () => gracefulComplete(),
};

const getSa = (key: string, valueType: string) => ({ workflowId: 'wf', keys: [{ key, valueType }] });

describe('search attribute types (search-attributes-1, search-attributes-2, system-sa-2, fault rows A16, A17)', () => {
  it('a worker upsert of the wrong type leaves the workflow stuck until its timeout, with a diagnostic (search-attributes-3)', async () => {
    const lines: string[] = [];
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({
          upsertSearchAttributes: [
            { key: 'CustomKeywordField', valueType: 'KEYWORD_ARRAY', stringArrayValue: ['a'] },
          ],
          upsertDataObjects: [{ key: 'd', value: { encoding: 'json', data: '1' } }],
        }),
        execute: () => gracefulComplete(),
      },
    });
    const { simulator, post, start, result } = setup(worker, { logger: (line) => lines.push(line) });
    await start('wf', { workflowTimeoutSeconds: 30 });
    await simulator.runUntilIdle();
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
    expect(worker.callsOf('execute')).toHaveLength(0);
    // Nothing of the refused answer is applied, not even its data attributes.
    expect((await post('dataobjects/get', { workflowId: 'wf' })).body).toEqual({});
    expect((await result('wf', 60)).body).toMatchObject({ workflowStatus: 'TIMEOUT' });
    const diagnostic = simulator.history('wf').find((e) => e.type === 'Diagnostic');
    expect(String(diagnostic?.attrs?.problem)).toContain(
      'invalid value for search attribute CustomKeywordField of type Keyword: [a]',
    );
    expect(lines.some((l) => l.includes('retried forever'))).toBe(true);
  });

  it('searchattributes/set of the wrong type is accepted (200) and then sticks the workflow (search-attributes-3)', async () => {
    const { simulator, post, start } = setup(new FakeWorker({ S1: waitForGo }));
    await start('wf');
    await simulator.runUntilIdle();
    const set = await post('searchattributes/set', {
      workflowId: 'wf',
      searchAttributes: [{ key: 'CustomIntField', valueType: 'DOUBLE', doubleValue: 1.5 }],
    });
    expect(set.status).toBe(200);
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    await simulator.runUntilIdle();
    expect((await post('get', { workflowId: 'wf' })).body).toMatchObject({ workflowStatus: 'RUNNING' });
  });

  it('A16 A17: start refuses unknown attributes (strict registry), wrong types and unparsable datetimes with 500', async () => {
    const strict = setup(new FakeWorker({}), { searchAttributes: { CustomIntField: 'INT' } });
    const startWith = (env: typeof strict, attribute: SearchAttribute) =>
      env.start('wf', { startStateId: undefined, workflowStartOptions: { searchAttributes: [attribute] } });
    expect(
      (await startWith(strict, { key: 'NoSuchField', valueType: 'KEYWORD', stringValue: 'x' })).body,
    ).toEqual({
      detail: 'Namespace default has no mapping defined for search attribute NoSuchField',
      subStatus: 'UNCATEGORIZED_SUB_STATUS',
    });
    expect(
      (await startWith(strict, { key: 'CustomIntField', valueType: 'KEYWORD', stringValue: 'abc' })).body,
    ).toMatchObject({ detail: 'invalid value for search attribute CustomIntField of type Int: abc' });
    const lenient = setup(new FakeWorker({}));
    expect(
      (
        await startWith(lenient, {
          key: 'CustomDatetimeField',
          valueType: 'DATETIME',
          stringValue: 'not-a-date',
        })
      ).body,
    ).toEqual({
      detail:
        "cannot parse time '2006-01-02T15:04:05-07:00', use UTC format not-a-date, time range or raw UnixNano directly. See help for more details: cannot parse timeRange not-a-date",
      subStatus: 'UNCATEGORIZED_SUB_STATUS',
    });
    expect((await lenient.post('get', { workflowId: 'wf' })).status).toBe(400);
  });

  it('with strictSearchAttributes false, an unknown attribute is registered on first use and logged (data-3)', async () => {
    const lines: string[] = [];
    const { post, start } = setup(new FakeWorker({}), {
      logger: (line) => lines.push(line),
      strictSearchAttributes: false,
    });
    const title = { key: 'Title', valueType: 'TEXT', stringValue: 'Engineer' };
    expect(
      (await start('wf', { startStateId: undefined, workflowStartOptions: { searchAttributes: [title] } }))
        .status,
    ).toBe(200);
    expect(lines.some((l) => l.includes('search attribute Title (TEXT) is not registered'))).toBe(true);
    expect((await post('search', { query: "Title = 'engineer'" })).body).toMatchObject({
      workflowExecutions: [{ workflowId: 'wf' }],
    });
  });

  it('parses DATETIME like the server (offset, fraction, UnixNano, ranges) and answers it in UTC (search-attributes-2)', async () => {
    const { simulator, post, start } = setup(new FakeWorker({}), { startTime: Date.UTC(2026, 0, 1) });
    const datetime = async (stringValue: string) => {
      await post('stop', { workflowId: 'wf', stopType: 'TERMINATE' });
      await start('wf', {
        startStateId: undefined,
        workflowStartOptions: {
          searchAttributes: [{ key: 'CustomDatetimeField', valueType: 'DATETIME', stringValue }],
        },
      });
      const reply = await post('searchattributes/get', getSa('CustomDatetimeField', 'DATETIME'));
      return (reply.body as { searchAttributes: SearchAttribute[] }).searchAttributes[0]!.stringValue;
    };
    expect(await datetime('2024-03-04T05:06:07+02:00')).toBe('2024-03-04T03:06:07Z');
    expect(await datetime('2024-03-04T05:06:07.123+02:00')).toBe('2024-03-04T03:06:07.123Z');
    expect(await datetime('1700000000000000000')).toBe('2023-11-14T22:13:20Z');
    expect(await datetime('15m')).toBe('2025-12-31T23:45:00Z');
    await simulator.advanceBy(60_000);
    // A range is resolved once, when upserted.
    expect((await post('searchattributes/get', getSa('CustomDatetimeField', 'DATETIME'))).body).toMatchObject(
      {
        searchAttributes: [{ stringValue: '2025-12-31T23:45:00Z' }],
      },
    );
    const z = await start('other', {
      startStateId: undefined,
      workflowStartOptions: {
        searchAttributes: [
          { key: 'CustomDatetimeField', valueType: 'DATETIME', stringValue: '2024-03-04T05:06:07Z' },
        ],
      },
    });
    expect(z.status).toBe(500);
  });
});

describe('searchattributes/get types values as asked, like the server (measured on iWF ed9f8c2)', () => {
  it('converts what it can (INT read as DOUBLE) and answers the server’s 500 for what it cannot', async () => {
    const { start, post } = setup(new FakeWorker({}));
    await start('wf', {
      startStateId: undefined,
      workflowStartOptions: {
        searchAttributes: [
          { key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'kw' },
          { key: 'CustomIntField', valueType: 'INT', integerValue: 3 },
          { key: 'CustomBoolField', valueType: 'BOOL', boolValue: true },
        ],
      },
    });
    const get = async (keys: { key: string; valueType?: string }[]) =>
      (await post('searchattributes/get', { workflowId: 'wf', keys })).body;
    const internal = (detail: string) => ({ detail, subStatus: 'UNCATEGORIZED_SUB_STATUS' });
    expect(await get([{ key: 'CustomKeywordField', valueType: 'INT' }])).toEqual(
      internal('unable to convert value kw to type INT for key CustomKeywordField'),
    );
    expect(await get([{ key: 'CustomKeywordField' }])).toEqual(
      internal('unsupported search attribute value type '),
    );
    expect(await get([{ key: 'CustomIntField', valueType: 'DOUBLE' }])).toEqual({
      searchAttributes: [{ key: 'CustomIntField', valueType: 'DOUBLE', doubleValue: 3 }],
    });
    expect(await get([{ key: 'CustomBoolField', valueType: 'KEYWORD' }])).toEqual(
      internal('unable to convert value true to type KEYWORD for key CustomBoolField'),
    );
    expect(await get([{ key: 'CustomIntField', valueType: 'KEYWORD_ARRAY' }])).toEqual(
      internal('unable to convert value 3 to type KEYWORD_ARRAY for key CustomIntField'),
    );
    expect(
      await get([
        { key: 'CustomIntField', valueType: 'INT' },
        { key: 'CustomKeywordField', valueType: 'KEYWORD' },
      ]),
    ).toEqual({
      searchAttributes: [
        { key: 'CustomIntField', valueType: 'INT', integerValue: 3 },
        { key: 'CustomKeywordField', valueType: 'KEYWORD', stringValue: 'kw' },
      ],
    });
  });
});

describe('IwfExecutingStateIds (system-sa-2, config-1)', () => {
  const executing = async (post: (path: string, body: unknown) => Promise<{ body: unknown }>) => {
    const reply = await post('searchattributes/get', getSa('IwfExecutingStateIds', 'KEYWORD_ARRAY'));
    // Temporal removes an attribute upserted as an empty list: then the answer has none.
    return (reply.body as { searchAttributes?: SearchAttribute[] }).searchAttributes?.[0]?.stringArrayValue;
  };

  it('lists states with waitUntil that are executing (default mode) and is searchable (system-sa-2)', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: () => ({}),
        execute: () => ({
          stateDecision: {
            nextStates: [{ stateId: 'S2' }, { stateId: 'S3', stateOptions: { skipWaitUntil: true } }],
          },
        }),
      },
      S2: waitForGo,
      S3: { execute: () => goTo('_SYS_DEAD_END') },
    });
    const { simulator, post, start } = setup(worker);
    await start('wf');
    await simulator.runUntilIdle();
    // S3 skips waitUntil, so only S2 counts.
    expect(await executing(post)).toEqual(['S2']);
    expect((await post('search', { query: "IwfExecutingStateIds = 'S2'" })).body).toMatchObject({
      workflowExecutions: [{ workflowId: 'wf' }],
    });
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    await simulator.runUntilIdle();
    expect(await executing(post)).toBeUndefined();
  });

  it('config/update of executingStateIdMode takes effect for the next states (config-1)', async () => {
    const worker = new FakeWorker(
      { S2: waitForGo, S3: { execute: () => goTo('S2') } },
      {
        go: () => ({
          stateDecision: { nextStates: [{ stateId: 'S3', stateOptions: { skipWaitUntil: true } }] },
        }),
      },
    );
    const { simulator, post, start } = setup(worker);
    await start('wf', { startStateId: undefined });
    await post('config/update', {
      workflowId: 'wf',
      workflowConfig: { executingStateIdMode: 'ENABLED_FOR_ALL' },
    });
    await post('rpc', { workflowId: 'wf', rpcName: 'go' });
    await simulator.runUntilIdle();
    expect(await executing(post)).toEqual(['S2']);
    await post('config/update', { workflowId: 'wf', workflowConfig: { executingStateIdMode: 'DISABLED' } });
    await post('rpc', { workflowId: 'wf', rpcName: 'go' });
    await simulator.runUntilIdle();
    // The new S2 is not counted while DISABLED; the first one still is.
    expect(await executing(post)).toEqual(['S2']);
    await post('signal', { workflowId: 'wf', signalChannelName: 'go' });
    await simulator.runUntilIdle();
    expect(await executing(post)).toBeUndefined();
  });
});
