import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { writeResults } from '../src/output/csv-files.js';
import { clusterVsLocal } from './fixtures/cluster-vs-local-results.js';

let dir = '';
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'svcsim-atomic-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

test('a rename that fails takes back the files already placed and restores the ones they replaced', async () => {
  // summary.csv is renamed into place before hops.csv, which cannot replace a directory.
  await writeFile(join(dir, 'summary.csv'), 'earlier run\n');
  await mkdir(join(dir, 'hops.csv'));

  await expect(writeResults(dir, clusterVsLocal())).rejects.toMatchObject({ code: 'EISDIR' });

  expect((await readdir(dir)).sort()).toEqual(['hops.csv', 'summary.csv']);
  expect(await readFile(join(dir, 'summary.csv'), 'utf8')).toBe('earlier run\n');
  expect((await stat(join(dir, 'hops.csv'))).isDirectory()).toBe(true);
});

test('a target that is a file is an error and leaves nothing behind', async () => {
  const target = join(dir, 'results');
  await writeFile(target, 'not a directory\n');

  await expect(writeResults(target, clusterVsLocal())).rejects.toMatchObject({ code: 'EEXIST' });

  expect(await readdir(dir)).toEqual(['results']);
  expect(await readFile(target, 'utf8')).toBe('not a directory\n');
});

test('a successful write replaces an earlier run and leaves no temporaries', async () => {
  await writeFile(join(dir, 'summary.csv'), 'earlier run\n');

  await writeResults(dir, clusterVsLocal());

  expect((await readdir(dir)).sort()).toEqual(['hops.csv', 'latency.csv', 'nodes.csv', 'pods.csv', 'run.json', 'summary.csv']);
  expect(await readFile(join(dir, 'summary.csv'), 'utf8')).toMatch(/^variant,externalTrafficPolicy,/);
});

test('a missing target directory is created with its parents', async () => {
  const target = join(dir, 'a', 'b');

  await writeResults(target, clusterVsLocal());

  expect((await readdir(target)).sort()).toEqual(['hops.csv', 'latency.csv', 'nodes.csv', 'pods.csv', 'run.json', 'summary.csv']);
});
