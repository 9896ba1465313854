import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the SDK from plain JavaScript', () => {
  it.skipIf(!existsSync(`${root}dist/sdk/index.js`))(
    'runs a workflow and its test written in a .mjs file with plain node (needs the build that npm install makes)',
    async () => {
      const { stdout } = await run(process.execPath, ['workflows/plain-js/greeting.mjs'], {
        cwd: root,
        timeout: 20_000,
      });
      expect(stdout.trim().split('\n')).toEqual(['hello, Ada', 'nobody came']);
    },
  );
});
