/**
 * Misuse of the public entries fails with a message that names what was wrong and the fix.
 */
import { Client, Registry, StateDecision, stateInput, workflowSchema } from 'iwf-ts/sdk';
import { httpWorkerTransport, Simulator } from 'iwf-ts/simulator';
import { buildSimulatorServer } from 'iwf-ts/simulator/http';
import { createTestEnvironment, StateTester } from 'iwf-ts/testing';
import { describe, expect, it } from 'vitest';
import { Greeting } from './fixtures/greeting-workflow.ts';

describe('a test environment used wrongly', () => {
  it.each(['now', 'advanceBy', 'settle', 'formatHistory'] as const)(
    'throws from env.%s() after close, saying to create a new environment',
    async (method) => {
      const env = await createTestEnvironment({ workflows: [Greeting], mode: 'sim' });
      await env.close();
      const call =
        method === 'advanceBy'
          ? env.advanceBy(1)
          : method === 'formatHistory'
            ? env.formatHistory('a')
            : env[method]();
      await expect(call).rejects.toThrow(
        `env.${method}() was called after env.close(): create a new environment with createTestEnvironment(...)`,
      );
    },
  );

  it('keeps close() idempotent', async () => {
    const env = await createTestEnvironment({ workflows: [Greeting], mode: 'sim' });
    await env.close();
    await expect(env.close()).resolves.toBeUndefined();
  });

  it('names the workflows option when a test starts a workflow it did not list', async () => {
    const other = workflowSchema({ workflowType: 'Unlisted', states: { Only: stateInput() } });
    const Unlisted = other.workflow({
      startingState: 'Only',
      states: [other.state('Only', { execute: () => StateDecision.deadEnd() })],
    });
    const env = await createTestEnvironment({ workflows: [Greeting], mode: 'sim' });
    await expect(env.client.startWorkflow(Unlisted, 'x', 60)).rejects.toThrow(
      'workflow type Unlisted is not registered: list it in createTestEnvironment({ workflows: [...] })',
    );
    await env.close();
  });

  it('keeps the registry wording for a registry the caller built', async () => {
    const client = new Client(new Registry());
    await expect(client.startWorkflow(Greeting, 'x', 60)).rejects.toThrow(
      'is not registered: add it with registry.addWorkflow(...)',
    );
  });
});

describe('StateTester given results that match no command', () => {
  it('says to run waitUntil first when execute gets a channel result without one', async () => {
    const tester = new StateTester(Greeting);
    await expect(
      tester.execute('Wait', undefined, { internalChannels: [{ status: 'RECEIVED', value: 'ada' }] }),
    ).rejects.toThrow(
      "StateTester.execute('Wait'): internalChannels[0] cannot be matched to a command: no waitUntil of Wait ran " +
        "on this tester. Call await tester.waitUntil('Wait') first",
    );
  });

  it('says how many commands there were when execute gets more results than commands', async () => {
    const tester = new StateTester(Greeting);
    await tester.waitUntil('Wait');
    await expect(tester.execute('Wait', undefined, { timers: ['FIRED', 'FIRED'] })).rejects.toThrow(
      'timers[1] cannot be matched to a command: the last waitUntil of Wait returned 1 such command(s) (60s timer)',
    );
  });

  it('says to reorder when a result names another channel than its command', async () => {
    const tester = new StateTester(Greeting);
    await tester.waitUntil('Wait');
    await expect(
      tester.execute('Wait', undefined, {
        internalChannels: [{ status: 'RECEIVED', value: 'x', channelName: 'other' as 'name' }],
      }),
    ).rejects.toThrow(
      "internalChannels[0] names channel 'other', but the command at that position waits on 'name'",
    );
  });

  it('says to leave results out for a state without waitUntil', async () => {
    const tester = new StateTester(Greeting);
    await expect(tester.execute('Greet', 'ada', { timers: ['FIRED'] })).rejects.toThrow(
      "StateTester.execute('Greet'): Greet has no waitUntil, so its execute gets no command results: leave the results argument out",
    );
  });

  it('routes a matched RECEIVED channel result to the state', async () => {
    const tester = new StateTester(Greeting);
    await tester.waitUntil('Wait');
    const { decision } = await tester.execute('Wait', undefined, {
      timers: ['SCHEDULED'],
      internalChannels: [{ status: 'RECEIVED', value: 'ada' }],
    });
    expect(decision.nextStates?.[0]?.stateId).toBe('Greet');
  });
});

describe('the admin routes given caller mistakes', () => {
  const server = (clock: 'wall' | 'virtual') =>
    buildSimulatorServer(new Simulator({ clock, workerTransport: httpWorkerTransport() }));
  const advance = (app: ReturnType<typeof server>, body: string) =>
    app.inject({
      method: 'POST',
      url: '/simulator/time/advance',
      payload: body,
      headers: { 'content-type': 'application/json' },
    });

  it('answers 400 naming --clock virtual when asked to advance the wall clock', async () => {
    const response = await advance(server('wall'), '{"ms":1000}');
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toContain(
      'runs on the wall clock, which only real time moves: start it with --clock virtual',
    );
  });

  it.each(['{"ms":1e300}', '{"ms":8640000000000000}'])(
    'answers 400 to an advance past the latest date (%s) and keeps the clock readable',
    async (body) => {
      const app = server('virtual');
      const response = await advance(app, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toMatch(/^ms must be at most \d+: time cannot move past \+275760-09-13/);
      const time = await app.inject({ method: 'GET', url: '/simulator/time' });
      expect(time.statusCode).toBe(200);
    },
  );

  it.each(['{"ms":-1}', '{"ms":"5"}', '{}', 'not json'])('answers 400 to the body %s', async (body) => {
    const response = await advance(server('virtual'), body);
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toBe('body must be {"ms": <non-negative number of milliseconds>}');
  });

  it.each(['', '?format=text'])('answers 404 for the history%s of an unknown workflow', async (query) => {
    const response = await server('virtual').inject({
      method: 'GET',
      url: `/simulator/workflows/nobody/history${query}`,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toBe(
      "no workflow with id 'nobody' in this simulator: GET /simulator/workflows lists them",
    );
  });
});
