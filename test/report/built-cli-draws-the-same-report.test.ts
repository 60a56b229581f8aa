import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runInto, writeSeedFailure } from '../support/report-results.js';
import { TempDirs } from '../support/temp-dirs.js';

const temp = new TempDirs();
afterAll(() => temp.removeAll());

/** The bin as users run it (dist/ is built by `npm ci`'s prepare script): its report builder is dist/svcsim-report.cjs. */
function built(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/svcsim.cjs', ...argv], (error, out, err) => resolve({ code: error ? Number(error.code) : 0, out, err }));
  });
}

test('the built CLI, with the report builder bundled apart, writes the very bytes the in-process builder writes', async () => {
  const dir = temp.make();
  const out = await runInto(join(dir, 'failure'), writeSeedFailure(dir), '--requests', '3000', '--report');
  const inProcess = readFileSync(join(out, 'report.html'), 'utf8');
  expect(await built('report', out)).toEqual({ code: 0, out: `Wrote ${join(out, 'report.html')}\n`, err: '' });
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(inProcess);
});
