import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { comparisonTable } from '../src/output/report/report-tables.js';
import { readResultTables } from '../src/output/report/result-tables.js';
import { cli } from './support/run-cli.js';
import { writeSeedSweep } from './support/report-results.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterAll(() => temp.removeAll());

/** The console's table as rows of trimmed cells (box-drawing borders and rules dropped). */
function consoleRows(out: string): string[][] {
  return out.split('\n').filter((l) => l.startsWith('│')).map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
}

/** The HTML table as rows of cells, the head included. */
function htmlRows(html: string): string[][] {
  return [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]
    .replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim()));
}

let seed = { out: '', dir: '' };
let sweep = { out: '', dir: '' };
beforeAll(async () => {
  const columns = process.env.COLUMNS;
  // Wide enough for every column of the row-per-variant table; no colour (not a terminal).
  process.env.COLUMNS = '200';
  const dir = temp.make();
  seed = { out: (await cli('run', 'scenarios/seed-two-nodes.yaml', '--requests', '2000', '--slo', 'p99<=150ms,errors<=1%', '--out', join(dir, 'seed'), '--no-progress')).out, dir: join(dir, 'seed') };
  sweep = { out: (await cli('run', writeSeedSweep(dir), '--requests', '1000', '--out', join(dir, 'sweep'), '--no-progress')).out, dir: join(dir, 'sweep') };
  if (columns === undefined) delete process.env.COLUMNS;
  else process.env.COLUMNS = columns;
});

test('side by side, the page has the console\'s rows, values and verdicts, from summary.csv', () => {
  const rows = consoleRows(seed.out);
  expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(['latency p99 (ms)', 'SLO p99<=150ms', 'SLO errors<=1%', 'SLO verdict']));
  expect(htmlRows(comparisonTable(readResultTables(seed.dir)))).toEqual(rows);
});

test('with many variants, one row per variant with each value ± its interval and the verdict, as the console has them', () => {
  const rows = consoleRows(sweep.out).slice(0, 7);
  expect(rows[0]).toContain('SLO p99<=100ms');
  expect(htmlRows(comparisonTable(readResultTables(sweep.dir)))).toEqual(rows);
});
