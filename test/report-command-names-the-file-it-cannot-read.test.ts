import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { claimResultFolder } from '../src/output/csv-files.js';
import { cli } from './support/run-cli.js';
import { runInto } from './support/report-results.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterAll(() => temp.removeAll());

let results = '';
beforeAll(async () => {
  results = await runInto(join(temp.make(), 'seed'), 'scenarios/seed-two-nodes.yaml', '--requests', '1000');
});

/** A copy of the seed's results to damage. */
async function copy(): Promise<string> {
  return runInto(join(temp.make(), 'seed'), 'scenarios/seed-two-nodes.yaml', '--requests', '1000');
}

test('a results directory without pods.csv is refused naming the file and why, and nothing is written', async () => {
  const dir = await copy();
  rmSync(join(dir, 'pods.csv'));
  const r = await cli('report', dir);
  expect(r).toEqual({ code: 1, out: '', err: `svcsim: cannot read ${join(dir, 'pods.csv')}: no such file (is this a folder svcsim run wrote?)\n` });
  expect(readdirSync(dir)).not.toContain('report.html');
});

test('a damaged CSV file or run.json is named with the parser\'s reason', async () => {
  const dir = await copy();
  writeFileSync(join(dir, 'hops.csv'), 'variant,hops,requests,fraction\nCluster,1,5\n');
  const r = await cli('report', dir);
  expect(r.code).toBe(1);
  expect(r.err).toBe(`svcsim: cannot read ${join(dir, 'hops.csv')}: record 2 has 3 fields, the header 4\n`);
  writeFileSync(join(dir, 'hops.csv'), 'variant,hops,requests,fraction\n"Cluster,1,5,0.5\n');
  expect((await cli('report', dir)).err).toBe(`svcsim: cannot read ${join(dir, 'hops.csv')}: record 2: Quoted field unterminated\n`);
  writeFileSync(join(dir, 'hops.csv'), 'variant,hops,count\n');
  expect((await cli('report', dir)).err).toBe(`svcsim: cannot read ${join(dir, 'hops.csv')}: no column "requests", "fraction" in its header\n`);
  const again = await copy();
  writeFileSync(join(again, 'run.json'), '{"scenario": "x"');
  expect((await cli('report', again)).err).toMatch(new RegExp(`^svcsim: cannot read ${join(again, 'run.json')}: .*JSON`));
});

test('a folder that is not there, or a file, is not a folder of results', async () => {
  const missing = join(temp.make(), 'nothing');
  expect(await cli('report', missing)).toEqual({ code: 1, out: '', err: `svcsim: ${missing} is not a folder of results: no such folder\n` });
  const file = join(results, 'summary.csv');
  expect((await cli('report', file)).err).toBe(`svcsim: ${file} is not a folder of results: it is a file\n`);
});

test('a folder a run holds is busy (exit 75); a report file an interrupted report left is removed first, with a note', async () => {
  const dir = await copy();
  const folder = claimResultFolder(dir);
  try {
    const busy = await cli('report', dir);
    expect(busy.code).toBe(75);
    expect(busy.err).toMatch(/is being written by another svcsim run/);
  } finally {
    folder.release();
  }
  const leftover = join(dir, '.report.html.svcsim-tmp-4242-0badcafe');
  writeFileSync(leftover, '<html>half');
  // Damaged on purpose, so that the report stops after the folder is opened and before any chart is drawn.
  rmSync(join(dir, 'latency.csv'));
  const r = await cli('report', dir);
  expect(r.err).toBe(`svcsim: removed 1 file(s) that an interrupted svcsim report left in ${dir}\nsvcsim: cannot read ${join(dir, 'latency.csv')}: no such file (is this a folder svcsim run wrote?)\n`);
  expect(existsSync(leftover)).toBe(false);
});
