import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { resultFiles, writeResults } from '../src/output/csv-files.js';
import { clusterVsLocal } from './fixtures/cluster-vs-local-results.js';

const CSVS = ['summary.csv', 'pods.csv', 'nodes.csv', 'hops.csv', 'latency.csv'];

let dir = '';
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

test('two writes of equal results give byte-identical CSV files', async () => {
  dir = await mkdtemp(join(tmpdir(), 'svcsim-identical-'));
  const second = clusterVsLocal();
  second.meta.wallTimeSeconds = 7.5;

  await writeResults(join(dir, 'first'), clusterVsLocal());
  await writeResults(join(dir, 'second'), second);

  for (const name of CSVS) {
    const a = await readFile(join(dir, 'first', name));
    const b = await readFile(join(dir, 'second', name));
    expect(a.equals(b), name).toBe(true);
  }
});

test('only run.json depends on the wall time', () => {
  const slow = clusterVsLocal();
  slow.meta.wallTimeSeconds = 99;

  const a = resultFiles(clusterVsLocal());
  const b = resultFiles(slow);

  for (const name of CSVS) expect(b.get(name), name).toBe(a.get(name));
  expect(b.get('run.json')).not.toBe(a.get('run.json'));
});

test('values that round to zero are written without a sign', () => {
  const results = clusterVsLocal();
  results.variants[0].latency.meanCi95 = -1e-9;

  const [header, cluster] = (resultFiles(results).get('summary.csv') ?? '').split('\n').map((l) => l.split(','));

  expect(cluster[header.indexOf('latency_mean_ci95_ms')]).toBe('0.0000');
});
