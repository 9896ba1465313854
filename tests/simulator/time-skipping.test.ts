import { afterEach, describe, expect, it } from 'vitest';
import { goTo, gracefulComplete } from '../../conformance/kit/index.ts';
import type { WorkflowStateStartResponse } from '../../sdk/wire/types.ts';
import type { Simulator } from '../../simulator/index.ts';
import { FakeWorker, setup } from './fake-worker.ts';

// The skipping clock runs in real time between skips, so instants carry the few real ms that passed.
const SLACK_MS = 1_000;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const realSetTimeout = globalThis.setTimeout;
const realMs = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

function timer(seconds: number, id = 't'): WorkflowStateStartResponse {
  return {
    commandRequest: {
      deciderTriggerType: 'ALL_COMMAND_COMPLETED',
      timerCommands: [{ commandId: id, durationSeconds: seconds }],
    },
  };
}

// A reminder loop: every `seconds`, or at once on signal `go`.
function timerOrSignal(seconds: number): WorkflowStateStartResponse {
  return {
    commandRequest: {
      deciderTriggerType: 'ANY_COMMAND_COMPLETED',
      timerCommands: [{ commandId: 't', durationSeconds: seconds }],
      signalCommands: [{ commandId: 'go', signalChannelName: 'go' }],
    },
  };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const simulators: Simulator[] = [];
function skipping(worker: FakeWorker, options: Parameters<typeof setup>[1] = {}) {
  const env = setup(worker, { clock: 'skip', stepLatencyMs: 0, ...options });
  simulators.push(env.simulator);
  // Like the SDKs' result calls: poll again while the server's long-poll cap answers 420.
  const outcome = async (workflowId: string) => {
    for (;;) {
      const reply = await env.result(workflowId);
      if (reply.status !== 420) return reply;
    }
  };
  return { ...env, outcome };
}
afterEach(async () => {
  for (const simulator of simulators.splice(0)) await simulator.close();
});

const expectNear = (actual: number, expected: number) => {
  expect(actual).toBeGreaterThanOrEqual(expected);
  expect(actual).toBeLessThan(expected + SLACK_MS);
};

describe('the skipping clock (--clock skip)', () => {
  it('jumps a 30-day timer at once for a client waiting for the result, firing it at its own instant', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: () => timer(30 * 24 * 3600), execute: () => gracefulComplete() },
    });
    const { simulator, start, outcome } = skipping(worker);
    const t0 = simulator.now();
    await start('wf');
    expect((await outcome('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expectNear(worker.callsOf('execute')[0]!.at - t0, 30 * DAY);
  });

  it('reports times on its own clock after a skip: the context of the next call, the history, describe', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: () => timer(24 * 3600), execute: () => gracefulComplete() },
    });
    const { simulator, start, outcome } = skipping(worker);
    const t0 = simulator.now();
    await start('wf');
    await outcome('wf');
    const context = worker.callsOf('execute')[0]!.body.context as Record<string, number>;
    expect(context.workflowStartedTimestamp! * 1000).toBeGreaterThan(t0 - 1_000);
    expect(context.workflowStartedTimestamp! * 1000).toBeLessThan(t0 + SLACK_MS);
    expectNear(context.firstAttemptTimestamp! * 1000 + 999, DAY + t0);
    const fired = simulator.history('wf').find((event) => event.type === 'CommandCompleted');
    expectNear(fired!.at - t0, DAY);
    const closed = simulator.history('wf').at(-1)!;
    expectNear(closed.at - t0, DAY);
  });

  it('runs as the wall clock while nobody waits: a pending timer does not move time', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: () => timer(3600), execute: () => gracefulComplete() },
    });
    const { simulator, start } = skipping(worker);
    const t0 = simulator.now();
    await start('wf');
    await realMs(30);
    expect(simulator.now() - t0).toBeLessThan(SLACK_MS);
    expect(worker.callsOf('execute')).toHaveLength(0);
  });

  it('never skips while a worker call is in flight, however long it takes, and skips once it answers', async () => {
    const slow = deferred<WorkflowStateStartResponse>();
    const worker = new FakeWorker({
      Waiting: { waitUntil: () => timer(24 * 3600), execute: () => gracefulComplete() },
      Busy: { waitUntil: () => slow.promise, execute: () => gracefulComplete() },
    });
    // A virtual clock would move past a call in flight after hungCallGraceMs; a skipping one never does.
    const { simulator, start, outcome } = skipping(worker, { hungCallGraceMs: 5 });
    const t0 = simulator.now();
    await start('busy', { startStateId: 'Busy' });
    await start('waiting', { startStateId: 'Waiting' });
    const waited = outcome('waiting');
    await realMs(50);
    expect(simulator.now() - t0).toBeLessThan(SLACK_MS);
    expect(worker.callsOf('execute', 'Waiting')).toHaveLength(0);
    slow.resolve(timer(7 * 24 * 3600));
    expect((await waited).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expectNear(worker.callsOf('execute', 'Waiting')[0]!.at - t0, DAY);
  });

  it('never skips while a client request is being processed (an RPC waiting for its worker)', async () => {
    const slow = deferred<{ output: { encoding: string; data: string } }>();
    const worker = new FakeWorker(
      { S1: { waitUntil: () => timer(3600), execute: () => gracefulComplete() } },
      { slow: () => slow.promise },
    );
    const { simulator, start, post, outcome } = skipping(worker, { hungCallGraceMs: 5 });
    const t0 = simulator.now();
    await start('wf', { workflowTimeoutSeconds: 0 });
    const rpc = post('rpc', { workflowId: 'wf', rpcName: 'slow', timeoutSeconds: 30 });
    const done = outcome('wf');
    await realMs(50);
    expect(simulator.now() - t0).toBeLessThan(SLACK_MS);
    slow.resolve({ output: { encoding: 'json', data: '1' } });
    expect(await rpc).toMatchObject({ status: 200 });
    expect((await done).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expectNear(worker.callsOf('execute')[0]!.at - t0, HOUR);
  });

  it('fires due timers in order of their instants, ties in creation order, each at its own instant', async () => {
    const worker = new FakeWorker({
      // wf-<hours><tag>: wf-1a and wf-1b are due at the same instant.
      S1: {
        waitUntil: (r) => timer(Number.parseInt(r.context.workflowId.slice(3), 10) * 3600),
        execute: () => gracefulComplete(),
      },
    });
    const { simulator, start, outcome } = skipping(worker);
    const t0 = simulator.now();
    for (const id of ['wf-2', 'wf-1a', 'wf-1b', 'wf-3']) await start(id);
    await outcome('wf-3');
    const executes = worker.callsOf('execute').map((c) => ({
      id: (c.body.context as { workflowId: string }).workflowId,
      at: c.at - t0,
    }));
    expect(executes.map((e) => e.id)).toEqual(['wf-1a', 'wf-1b', 'wf-2', 'wf-3']);
    expectNear(executes[0]!.at, HOUR);
    expectNear(executes[1]!.at, HOUR);
    expectNear(executes[2]!.at, 2 * HOUR);
    expectNear(executes[3]!.at, 3 * HOUR);
  });

  it('applies a signal that arrives while a reminder loop is being skipped at the instant it is handled, and no reminder after it', async () => {
    let simulatorNow = () => 0;
    let sentAt = 0;
    let signal: () => Promise<unknown> = async () => undefined;
    const worker = new FakeWorker({
      Remind: {
        waitUntil: () => timerOrSignal(24 * 3600),
        execute: (r) => {
          const signalled = r.commandResults?.signalResults?.[0]?.signalRequestStatus === 'RECEIVED';
          if (signalled) return gracefulComplete();
          // The third reminder's user answers: the signal comes in over the next turns of the event loop.
          if (worker.callsOf('execute').length === 3)
            realSetTimeout(() => {
              sentAt = simulatorNow();
              void signal();
            }, 0);
          return goTo('Remind');
        },
      },
    });
    const { simulator, start, post, outcome } = skipping(worker);
    simulatorNow = () => simulator.now();
    signal = () => post('signal', { workflowId: 'wf', signalChannelName: 'go', signalValue: undefined });
    const t0 = simulator.now();
    await start('wf', { startStateId: 'Remind', workflowTimeoutSeconds: 30 * 24 * 3600 });
    expect((await outcome('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    const executes = worker.callsOf('execute');
    const reminders = executes.slice(0, -1);
    expect(reminders.length).toBeGreaterThanOrEqual(3);
    for (const [i, call] of reminders.entries()) expectNear(call.at - t0, (i + 1) * DAY);
    const signalled = executes.at(-1)!;
    expect(signalled.at).toBeGreaterThanOrEqual(sentAt);
    expect(signalled.at).toBeLessThan(reminders.at(-1)!.at + DAY);
  });

  it('stops a skip at a workflow timeout that comes before the timer: the run times out at its own instant', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: () => timer(2 * 24 * 3600), execute: () => gracefulComplete() },
    });
    const { simulator, start, outcome } = skipping(worker);
    const t0 = simulator.now();
    await start('wf', { workflowTimeoutSeconds: 24 * 3600 });
    expect((await outcome('wf')).body).toMatchObject({ workflowStatus: 'TIMEOUT' });
    expectNear(simulator.now() - t0, DAY);
    expect(worker.callsOf('execute')).toHaveLength(0);
  });

  it('serves several clients waiting on different workflows, each answered at its workflow’s instant', async () => {
    const worker = new FakeWorker({
      S1: {
        waitUntil: (r) => timer(Number(r.context.workflowId.slice(3)) * 24 * 3600),
        execute: () => gracefulComplete(),
      },
    });
    const { simulator, start, outcome } = skipping(worker);
    const t0 = simulator.now();
    for (const id of ['wf-3', 'wf-1', 'wf-2']) await start(id);
    const answeredAt: Record<string, number> = {};
    await Promise.all(
      ['wf-3', 'wf-1', 'wf-2'].map(async (id) => {
        expect((await outcome(id)).body).toMatchObject({ workflowStatus: 'COMPLETED' });
        answeredAt[id] = simulator.now() - t0;
      }),
    );
    expectNear(answeredAt['wf-1']!, DAY);
    expectNear(answeredAt['wf-2']!, 2 * DAY);
    expectNear(answeredAt['wf-3']!, 3 * DAY);
  });

  it('skips to a deadline the client set: getWithWait with waitTimeSeconds 30 answers 420 at +30 s', async () => {
    const worker = new FakeWorker({
      S1: { waitUntil: () => timer(24 * 3600), execute: () => gracefulComplete() },
    });
    const { simulator, start, result } = skipping(worker);
    await start('wf');
    const t0 = simulator.now();
    expect(await result('wf', 30)).toMatchObject({ status: 420 });
    expect(simulator.now() - t0).toBeGreaterThanOrEqual(29_000);
    expect(simulator.now() - t0).toBeLessThan(30_000 + SLACK_MS);
    expect(worker.callsOf('execute')).toHaveLength(0);
  });

  it('ends a poll without waitTimeSeconds at the server cap when a skip passes it, so a client re-polls once per event', async () => {
    let reminders = 0;
    const worker = new FakeWorker({
      Remind: {
        waitUntil: () => timer(24 * 3600),
        execute: () => (++reminders < 10 ? goTo('Remind') : gracefulComplete()),
      },
    });
    const { start, result } = skipping(worker, { maxWaitSeconds: 60 });
    await start('wf', { startStateId: 'Remind' });
    let polls = 0;
    for (;;) {
      polls++;
      const reply = await result('wf');
      if (reply.status === 200) break;
      expect(reply.status).toBe(420);
    }
    expect(worker.callsOf('execute')).toHaveLength(10);
    expect(polls).toBeLessThanOrEqual(2 * 10 + 1);
  });

  it('answers the cap’s 420 before a later workflow timeout when the client does not re-poll (a 12 s cap, a 61 s timeout)', async () => {
    const never = new FakeWorker({
      S1: {
        waitUntil: () => ({
          commandRequest: {
            deciderTriggerType: 'ALL_COMMAND_COMPLETED',
            signalCommands: [{ commandId: 'go', signalChannelName: 'go' }],
          },
        }),
        execute: () => gracefulComplete(),
      },
    });
    const { start, result } = skipping(never, { maxWaitSeconds: 12 });
    await start('wf', { workflowTimeoutSeconds: 61 });
    expect(await result('wf')).toMatchObject({ status: 420 });
  });

  it('keeps step latency as a timer: real time while clients are active, skipped while a client only waits', async () => {
    const worker = new FakeWorker({ S1: { execute: () => gracefulComplete() } });
    const { simulator, start, outcome } = skipping(worker, { stepLatencyMs: 3_600_000 });
    const t0 = simulator.now();
    await start('wf', { stateOptions: { skipWaitUntil: true } });
    await realMs(20);
    expect(worker.calls).toHaveLength(0);
    expect((await outcome('wf')).body).toMatchObject({ workflowStatus: 'COMPLETED' });
    expectNear(worker.calls[0]!.at - t0, HOUR);
  });

  it('settles only after the steps a workflow takes without waiting: it skips their step latency, not their timers', async () => {
    const worker = new FakeWorker({
      S1: { execute: () => goTo('S2') },
      S2: { waitUntil: () => timer(24 * 3600), execute: () => gracefulComplete() },
    });
    const { simulator, start } = skipping(worker, { stepLatencyMs: 3_600_000 });
    await start('wf', { stateOptions: { skipWaitUntil: true } });
    await simulator.runUntilIdle();
    expect(worker.calls.map((c) => c.path)).toEqual([
      '/api/v1/workflowState/decide',
      '/api/v1/workflowState/start',
    ]);
    expect(worker.callsOf('execute', 'S2')).toHaveLength(0);
    expect(simulator.describeWorkflow('wf')?.status).toBe('RUNNING');
  });
});
