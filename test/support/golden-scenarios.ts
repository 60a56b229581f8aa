import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { resultFiles } from '../../src/output/csv-files.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';

// Every bundled scenario is a golden test: its summary.csv must equal the checked-in copy. The
// test never writes one: after a change meant to change results, `npm run goldens` rewrites them
// all, and the diff is reviewed before it is committed. The scenarios are checked by three test
// files (the seed's, the load balancers', and all the others), so both cores share them.
export const bundledScenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
export const goldenOf = (file: string): string => `${basename(file, '.yaml')}.summary.csv`;
export const GOLDEN = join('test', 'golden');

/** The seed's variations, and the load balancers' models: the scenarios of the first two files. */
export const isSeed = (file: string): boolean => file.startsWith('seed-');
export const isBalancer = (file: string): boolean => file.startsWith('lb-');

export function expectGoldenSummary(file: string): void {
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
}
