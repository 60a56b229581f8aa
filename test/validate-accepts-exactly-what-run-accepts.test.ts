import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { cli } from './support/run-cli.js';
import { scenarioArbitrary } from './support/scenario-arbitrary.js';
import { TempDirs } from './support/temp-dirs.js';

// A property of scenarios the schema accepts, from the ordinary to far beyond the run limits:
// validate accepts exactly what run accepts, with the same messages, and every run it accepts
// finishes a small run quickly, writing no NaN or Infinity into any CSV.

const temp = new TempDirs();
afterAll(() => temp.removeAll());

/** A run of 50 requests that takes longer than this is not bounded as the pre-flight promises. */
const RUN_SECONDS = 10;

test('validate accepts exactly what run accepts, and what it accepts runs in bounded time', async () => {
  const seen = { accepted: 0, refused: 0 };
  await fc.assert(fc.asyncProperty(scenarioArbitrary, async ({ text, summary }) => {
    const dir = temp.make();
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, text);
    const out = join(dir, 'out');
    const validate = await cli('validate', file, '--requests', '50');
    const started = Date.now();
    const run = await cli('run', file, '--requests', '50', '--out', out, '--no-progress', '--json');
    const seconds = (Date.now() - started) / 1000;
    expect(run.code, `validate said ${validate.err || validate.out}, run ${run.err} for\n${summary}`).toBe(validate.code);
    if (validate.code !== 0) {
      seen.refused++;
      expect(run.err).toBe(validate.err);
      expect(existsSync(out)).toBe(false);
      return;
    }
    seen.accepted++;
    // run says what validate said, then what only a run can tell (an unstable queue, errors).
    expect(run.err.startsWith(validate.err), `${run.err}\nfor\n${summary}`).toBe(true);
    expect(seconds, summary).toBeLessThan(RUN_SECONDS);
    for (const name of readdirSync(out).filter((n) => n.endsWith('.csv'))) {
      expect(readFileSync(join(out, name), 'utf8'), `${name} for\n${summary}`).not.toMatch(/NaN|Infinity/);
    }
    expect(JSON.parse(run.out).variants.every((v: { requests: number }) => v.requests <= 50)).toBe(true);
  }), { seed: 20260113, numRuns: 25 });
  // The generator must reach both sides of the line, or the property says nothing.
  expect(seen.accepted).toBeGreaterThan(5);
  expect(seen.refused).toBeGreaterThan(5);
}, 60_000);
