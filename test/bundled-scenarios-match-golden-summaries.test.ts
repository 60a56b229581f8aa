import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test } from 'vitest';
import { resultFiles } from '../src/output/csv-files.js';
import { runScenario } from '../src/run/run-scenario.js';
import { loadScenario } from '../src/scenario/load-scenario.js';

// Every bundled scenario is a golden test: its summary.csv must equal the checked-in copy. The
// test never writes one: after a change meant to change results, `npm run goldens` rewrites them
// all, and the diff is reviewed before it is committed.
const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
const goldenOf = (file: string) => `${basename(file, '.yaml')}.summary.csv`;
const GOLDEN = join('test', 'golden');

test.each(scenarios)('%s gives the checked-in summary.csv, and accounts for every request', (file) => {
  const golden = join(GOLDEN, goldenOf(file));
  if (!existsSync(golden)) {
    throw new Error(`${golden} is missing: write it on purpose with \`npm run goldens\`, check it, and commit it`);
  }
  const results = runScenario(loadScenario([join('scenarios', file)]));
  for (const v of results.variants) {
    expect(v.completed + v.failed + v.dropped + v.rejected + v.timedOut + v.inFlightAtEnd, v.name).toBe(v.requests);
    expect(v.timeSeries!.rows().reduce((a, r) => a + r.completed, 0), v.name).toBe(v.completed);
  }
  expect(resultFiles(results).get('summary.csv')).toBe(readFileSync(golden, 'utf8'));
});

test('test/golden holds nothing but the bundled scenarios\' summaries', () => {
  const stale = readdirSync(GOLDEN).filter((f) => !scenarios.some((s) => goldenOf(s) === f));
  expect(stale, 'goldens of scenarios that are gone: delete them, or run `npm run goldens`').toEqual([]);
});
