import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test } from 'vitest';
import { resultFiles } from '../src/output/csv-files.js';
import { runScenario } from '../src/run/run-scenario.js';
import { loadScenario } from '../src/scenario/load-scenario.js';

// Every bundled scenario is a golden test: its summary.csv must equal the checked-in copy.
// After an intended change of results, regenerate with: UPDATE_GOLDEN=1 npx vitest run golden
const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();

test.each(scenarios)('%s gives the checked-in summary.csv, and accounts for every request', (file) => {
  const results = runScenario(loadScenario([join('scenarios', file)]));
  for (const v of results.variants) {
    expect(v.completed + v.failed + v.dropped + v.rejected + v.timedOut + v.inFlightAtEnd, v.name).toBe(v.requests);
    expect(v.timeSeries!.rows().reduce((a, r) => a + r.completed, 0), v.name).toBe(v.completed);
  }
  const summary = resultFiles(results).get('summary.csv')!;
  const golden = join('test', 'golden', `${basename(file, '.yaml')}.summary.csv`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) {
    if (process.env.CI) throw new Error(`${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run golden and commit it`);
    writeFileSync(golden, summary);
  }
  expect(summary).toBe(readFileSync(golden, 'utf8'));
});
