import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { bundledScenarios, expectGoldenSummary, GOLDEN, goldenOf, isBalancer, isSeed } from './support/golden-scenarios.js';

// Every scenario the seed's and the load balancers' files do not take, so a new one is never left out.
test.each(bundledScenarios.filter((f) => !isSeed(f) && !isBalancer(f)))('%s gives the checked-in summary.csv, and accounts for every request', expectGoldenSummary);

test('test/golden holds nothing but the bundled scenarios\' summaries', () => {
  const stale = readdirSync(GOLDEN).filter((f) => !bundledScenarios.some((s) => goldenOf(s) === f));
  expect(stale, 'goldens of scenarios that are gone: delete them, or run `npm run goldens`').toEqual([]);
});
