import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REAL_SERVER_LIMITS } from '../../testing/backend.ts';

describe('the README', () => {
  it('lists every known difference from a real server with the reason the tests skip on', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table =
      readme.split('<!-- known-differences:start -->')[1]?.split('<!-- known-differences:end -->')[0] ?? '';
    const rows = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(Object.fromEntries(rows.map((cells) => [cells[1]?.replaceAll('`', ''), cells[2]]))).toEqual(
      REAL_SERVER_LIMITS,
    );
  });
});
