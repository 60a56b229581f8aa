import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { CHECK_OPTIONS } from '../src/cli/options.js';
import { RUN_LIMITS } from '../src/scenario/limits.js';

test('the README\'s table of run limits is limits.ts, and names the flag that lifts them', () => {
  const readme = readFileSync('README.md', 'utf8');
  const rows = readme.split('\n').flatMap((l) => {
    const m = /^\| `(\w+)` \| (\d+) \|/.exec(l);
    return m ? [[m[1], Number(m[2])] as const] : [];
  });
  expect(Object.fromEntries(rows)).toEqual(RUN_LIMITS);
  expect(readme).toContain('Run limits, which `--allow-large` lifts:');
  expect(CHECK_OPTIONS['allow-large'].type).toBe('boolean');
});
