import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { writeResults } from '../src/output/csv-files.js';
import { runScenario } from '../src/run/run-scenario.js';
import { loadScenario } from '../src/scenario/load-scenario.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterEach(() => temp.removeAll());

const CSV = ['summary.csv', 'pods.csv', 'nodes.csv', 'hops.csv', 'latency.csv'];

test('the same scenario and seed give byte-identical CSV files; another seed does not', async () => {
  const dirs = [temp.make(), temp.make(), temp.make()];
  await writeResults(dirs[0], runScenario(loadScenario(['scenarios/seed-two-nodes.yaml'], { requests: 20000 })));
  await writeResults(dirs[1], runScenario(loadScenario(['scenarios/seed-two-nodes.yaml'], { requests: 20000 })));
  await writeResults(dirs[2], runScenario(loadScenario(['scenarios/seed-two-nodes.yaml'], { requests: 20000, seed: 2 })));
  for (const f of CSV) expect(readFileSync(join(dirs[1], f))).toEqual(readFileSync(join(dirs[0], f)));
  expect(readFileSync(join(dirs[2], 'summary.csv'))).not.toEqual(readFileSync(join(dirs[0], 'summary.csv')));
});
