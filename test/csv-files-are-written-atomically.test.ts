import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { claimResultFolder, RESULT_FILE_NAMES, resultFiles, writeResults } from '../src/output/csv-files.js';
import { FolderRefusedError } from '../src/output/result-folder.js';
import { summariseReplication, summariseStudy } from '../src/stats/study.js';
import { TimeSeriesTable } from '../src/stats/time-series-table.js';
import { clusterVsLocal } from './fixtures/cluster-vs-local-results.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterEach(() => temp.removeAll());

const SET = ['hops.csv', 'latency.csv', 'nodes.csv', 'pods.csv', 'run.json', 'summary.csv'];

/** A folder `out` holding an earlier run's summary.csv, alone in its parent. */
function earlierRun(): string {
  const out = join(temp.make('svcsim-atomic-'), 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'summary.csv'), 'earlier run\n');
  return out;
}

test('a successful write replaces the earlier run\'s folder whole and leaves nothing beside it', async () => {
  const out = earlierRun();

  expect(await writeResults(out, clusterVsLocal())).toEqual(['summary.csv', 'pods.csv', 'nodes.csv', 'hops.csv', 'latency.csv', 'run.json'].map((f) => join(out, f)));

  expect(readdirSync(out).sort()).toEqual(SET);
  expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(resultFiles(clusterVsLocal()).get('summary.csv'));
  expect(readdirSync(join(out, '..'))).toEqual(['out']);
});

test('a write that fails half way leaves the earlier set and nothing beside it', async () => {
  const out = earlierRun();
  const folder = claimResultFolder(out);
  const failing = (function* () { yield 'variant,requests\n'; throw new Error('no space left on device'); })();

  await expect(folder.publish(new Map<string, Iterable<string>>([['pods.csv', ['pods\n']], ['summary.csv', failing]]))).rejects.toThrow('no space left on device');
  folder.release();

  expect(readdirSync(out)).toEqual(['summary.csv']);
  expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe('earlier run\n');
  expect(readdirSync(join(out, '..'))).toEqual(['out']);
});

test('a folder holding files svcsim does not write is refused and left as it was', async () => {
  const out = earlierRun();
  writeFileSync(join(out, 'notes.md'), 'mine\n');
  mkdirSync(join(out, 'hops.csv'));

  await expect(writeResults(out, clusterVsLocal())).rejects.toThrow(new FolderRefusedError(
    `will not replace ${out}: it holds hops.csv/, notes.md, which svcsim does not write; move them away or choose another --out`,
  ));

  expect(readdirSync(out).sort()).toEqual(['hops.csv', 'notes.md', 'summary.csv']);
  expect(readdirSync(join(out, '..'))).toEqual(['out']);
});

test('a file put in the folder while the run simulated is kept: the write is refused', async () => {
  const out = earlierRun();
  const folder = claimResultFolder(out);
  writeFileSync(join(out, 'plot.png'), 'mine\n');

  await expect(folder.publish(resultFiles(clusterVsLocal()))).rejects.toThrow(`will not replace ${out}: it holds plot.png`);
  folder.release();

  expect(readdirSync(out).sort()).toEqual(['plot.png', 'summary.csv']);
  expect(readdirSync(join(out, '..'))).toEqual(['out']);
});

test('a target that is a file is refused and left as it was', async () => {
  const parent = temp.make('svcsim-atomic-');
  const out = join(parent, 'results');
  writeFileSync(out, 'not a folder\n');

  await expect(writeResults(out, clusterVsLocal())).rejects.toThrow(`cannot write results to ${out}: it is a file, not a folder`);

  expect(readdirSync(parent)).toEqual(['results']);
  expect(readFileSync(out, 'utf8')).toBe('not a folder\n');
});

test('a missing target folder is created with its parents', async () => {
  const out = join(temp.make('svcsim-atomic-'), 'a', 'b');

  await writeResults(out, clusterVsLocal());

  expect(readdirSync(out).sort()).toEqual(SET);
  expect(readdirSync(join(out, '..'))).toEqual(['b']);
});

test('a symbolic link stays, and the folder it points to is replaced', async () => {
  const out = earlierRun();
  const link = join(out, '..', 'latest');
  symlinkSync(out, link);

  expect(await writeResults(link, clusterVsLocal())).toContain(join(link, 'summary.csv'));

  expect(statSync(link).isDirectory()).toBe(true);
  expect(readdirSync(out).sort()).toEqual(SET);
  expect(readdirSync(join(out, '..')).sort()).toEqual(['latest', 'out']);
});

test('the new folder keeps the permissions of the one it replaces', async () => {
  const out = earlierRun();
  chmodSync(out, 0o2770);

  await writeResults(out, clusterVsLocal());

  expect(statSync(out).mode & 0o7777).toBe(0o2770);
});

test('every file writeResults writes is one the folder check knows as svcsim\'s', () => {
  const results = clusterVsLocal();
  for (const v of results.variants) v.timeSeries = TimeSeriesTable.from([], v.nodes.length);
  // A study of two replications writes replications.csv and differences.csv too.
  results.study = summariseStudy(results.variants.map((v) => ({ name: v.name, replications: [summariseReplication(v), summariseReplication(v)] })));
  // report.html joins them with --report (test/report/ writes one).
  expect([...resultFiles(results).keys(), 'report.html'].sort()).toEqual([...RESULT_FILE_NAMES].sort());
});
