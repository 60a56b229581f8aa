import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runInto } from './support/report-results.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterAll(() => temp.removeAll());

test('a run without --report into a folder that had a report replaces the whole set: no report of other CSVs is left', async () => {
  const dir = join(temp.make(), 'seed');
  await runInto(dir, 'scenarios/seed-two-nodes.yaml', '--requests', '500');
  writeFileSync(join(dir, 'report.html'), '<!DOCTYPE html><title>the earlier run</title>');
  await runInto(dir, 'scenarios/seed-two-nodes.yaml', '--requests', '600');
  expect(readdirSync(dir)).not.toContain('report.html');
});
