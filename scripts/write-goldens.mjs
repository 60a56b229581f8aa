// npm run goldens: writes test/golden/<scenario>.summary.csv for every bundled scenario, from the
// built library, and deletes the goldens of scenarios that are gone. The golden test never
// writes them: run this only after a change meant to change results, and review the diff.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, resultFiles, runScenario } from '../dist/index.js';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const GOLDEN = join('test', 'golden');
const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
const goldens = new Set(scenarios.map((f) => `${basename(f, '.yaml')}.summary.csv`));

for (const file of scenarios) {
  // As the test runs it: the scenario as bundled, nothing overridden.
  const summary = resultFiles(runScenario(loadScenario([join('scenarios', file)]))).get('summary.csv');
  const golden = join(GOLDEN, `${basename(file, '.yaml')}.summary.csv`);
  const before = existsSync(golden) ? readFileSync(golden, 'utf8') : undefined;
  if (summary !== before) writeFileSync(golden, summary);
  console.log(`${before === undefined ? 'new      ' : summary === before ? 'unchanged' : 'changed  '} ${golden}`);
}
for (const f of readdirSync(GOLDEN).filter((f) => !goldens.has(f))) {
  rmSync(join(GOLDEN, f));
  console.log(`deleted   ${join(GOLDEN, f)} (no scenario)`);
}
