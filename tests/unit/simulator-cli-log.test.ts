import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

/** The simulator's CLI in a child process, with what it has printed so far. */
interface RunningCli {
  url: string;
  output(): string;
  process: ChildProcess;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill();
});

async function startCli(...flags: string[]): Promise<RunningCli> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'simulator/cli.ts', '--port', '0', '--clock', 'virtual', ...flags],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await expect.poll(() => output, { timeout: 30_000 }).toMatch(/listening on (\S+)/);
  const url = /listening on (\S+)/.exec(output)?.[1] ?? '';
  return { url, output: () => output, process: child };
}

/** Starts a workflow with no starting state (no worker needed) and stops it. */
async function startAndStop(url: string, workflowId: string): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(`${url}/api/v1/workflow/${path}`, { method: 'POST', body: JSON.stringify(body) });
  const started = await post('start', {
    workflowId,
    iwfWorkflowType: 'Order',
    workflowTimeoutSeconds: 60,
    iwfWorkerUrl: 'http://127.0.0.1:9',
  });
  expect(started.status).toBe(200);
  expect((await post('stop', { workflowId })).status).toBe(200);
}

describe('the simulator CLI’s live log', () => {
  it('prints the page URL and a readable line per workflow event by default', async () => {
    const cli = await startCli();
    // Its own line, which can reach the pipe after the one with the URL.
    await expect
      .poll(cli.output, { timeout: 10_000 })
      .toContain(`workflows and their timelines: ${cli.url}/`);
    await startAndStop(cli.url, 'order-1');
    await expect
      .poll(cli.output, { timeout: 10_000 })
      .toMatch(
        /\n2026-01-01T00:00:00\.000Z {2}order-1 {2}started Order at \(no starting state\), timeout 60 s\n/,
      );
    await expect.poll(cli.output, { timeout: 10_000 }).toMatch(/ {2}order-1 {2}CANCELED\n/);
  }, 60_000);

  it('writes one JSON object a line with --log json', async () => {
    const cli = await startCli('--log', 'json');
    await startAndStop(cli.url, 'order-2');
    await expect.poll(cli.output, { timeout: 10_000 }).toContain('"event":"WorkflowClosed"');
    const events = cli
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((e) => [e.workflowId, e.event])).toEqual([
      ['order-2', 'WorkflowStarted'],
      ['order-2', 'WorkflowClosed'],
    ]);
  }, 60_000);

  it('prints no workflow events with --quiet', async () => {
    const cli = await startCli('--quiet');
    await startAndStop(cli.url, 'order-3');
    // The workflow is closed once the simulator answers: a log line would have been written by now.
    const described = await fetch(`${cli.url}/simulator/workflows`);
    expect(JSON.stringify(await described.json())).toContain('"status":"CANCELED"');
    await new Promise((resolve) => setImmediate(resolve));
    expect(cli.output()).not.toContain('order-3');
  }, 60_000);
});
