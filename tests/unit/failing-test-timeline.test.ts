import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('leaves a failing test’s workflows as an HTML timeline and prints where', () => {
  const directory = mkdtempSync(join(tmpdir(), 'iwf-timelines-'));
  try {
    const run = spawnSync(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'tests/fixtures/failing-test/vitest.config.ts'],
      {
        encoding: 'utf8',
        env: { ...process.env, IWF_TIMELINE_DIR: directory, NO_COLOR: '1' },
        timeout: 120_000,
      },
    );
    expect(run.status).toBe(1);
    const output = `${run.stdout}\n${run.stderr}`;
    const printed = /Timeline of the failed test's workflows \(open in a browser\): (\S+\.html)/.exec(output);
    expect(printed, output).not.toBeNull();
    const file = printed![1]!;
    expect(file.startsWith(directory)).toBe(true);
    expect(existsSync(file)).toBe(true);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('id="iwf-embedded-data"');
    expect(html).toContain('"workflowId":"grace"');
    expect(html).not.toContain('src="/simulator/ui/');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}, 130_000);
