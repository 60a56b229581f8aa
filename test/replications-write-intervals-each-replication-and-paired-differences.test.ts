import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REPLICATED_METRICS, SUMMARY_COLUMNS, ci95Name } from '../src/stats/summary-metrics.js';
import { cli, records } from './support/run-cli.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterAll(() => temp.removeAll());

const SEED = 'scenarios/seed-two-nodes.yaml';
// 20,000 requests a replication (about 110 s at 180 req/s) keep the study fast; Local's p99 is
// still three times Cluster's.
const REQUESTS = '20000';
let study = { code: -1, out: '', err: '', dir: '' };
let single = { code: -1, out: '', err: '', dir: '' };

beforeAll(async () => {
  // The console fits COLUMNS: fix it, whatever the terminal running the tests.
  const columns = process.env.COLUMNS;
  process.env.COLUMNS = '80';
  study = { ...(await cli('run', SEED, '--replications', '10', '--requests', REQUESTS, '--out', join(temp.make(), 'study'), '--no-progress')), dir: '' };
  study.dir = study.out.match(/Wrote \d+ files to (.*)\/\n$/)![1];
  single = { ...(await cli('run', SEED, '--requests', REQUESTS, '--out', join(temp.make(), 'single'), '--no-progress')), dir: '' };
  single.dir = single.out.match(/Wrote \d+ files to (.*)\/\n$/)![1];
  if (columns === undefined) delete process.env.COLUMNS;
  else process.env.COLUMNS = columns;
}, 60_000);

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

test('--replications 10 on the seed writes summary.csv with a 95% half-width beside each metric, replications.csv and differences.csv', () => {
  expect(study.code).toBe(0);
  expect(readdirSync(study.dir).sort()).toEqual([
    'differences.csv', 'hops.csv', 'latency.csv', 'nodes.csv', 'pods.csv', 'replications.csv', 'run.json', 'summary.csv', 'timeseries.csv',
  ]);
  const [head] = read(study.dir, 'summary.csv').split('\n');
  const expected = ['variant', 'externalTrafficPolicy', 'lb_model', 'kube_proxy_mode', 'replications',
    ...SUMMARY_COLUMNS.flatMap((c) => (REPLICATED_METRICS.includes(c) && c.name !== 'latency_mean_ms' ? [c.name, ci95Name(c.name)] : [c.name]))];
  expect(head.split(',')).toEqual(expected);
  expect(head).toContain('latency_p99_ms,latency_p99_ci95_ms');
  expect(head).toContain('error_fraction,error_fraction_ci95');
  const rows = records(read(study.dir, 'summary.csv'));
  expect(rows.map((r) => [r.variant, r.replications])).toEqual([['Cluster', '10'], ['Local', '10']]);
  for (const r of rows) expect(Number(r.latency_p99_ci95_ms)).toBeGreaterThan(0);
});

test('replications.csv has one row per variant and replication, 20 in all, and its means are summary.csv\'s', () => {
  const rows = records(read(study.dir, 'replications.csv'));
  expect(rows).toHaveLength(20);
  expect(rows.map((r) => `${r.variant}/${r.replication}`)).toEqual(
    ['Cluster', 'Local'].flatMap((v) => Array.from({ length: 10 }, (_, k) => `${v}/${k}`)),
  );
  const summary = records(read(study.dir, 'summary.csv'));
  for (const s of summary) {
    const p99s = rows.filter((r) => r.variant === s.variant).map((r) => Number(r.latency_p99_ms));
    // Every cell is rounded to 0.1 µs (4 decimals of a ms): the mean of ten rounded values is off by
    // at most half of that, and so is the rounded mean.
    expect(Math.abs(p99s.reduce((a, b) => a + b) / 10 - Number(s.latency_p99_ms))).toBeLessThanOrEqual(0.0001 + 1e-9);
  }
});

test('replication 0 is the single run: its row equals the single run\'s summary, and the detail files are the same', () => {
  const single0 = records(read(single.dir, 'summary.csv'));
  const zero = records(read(study.dir, 'replications.csv')).filter((r) => r.replication === '0');
  for (const [i, row] of zero.entries()) {
    for (const c of SUMMARY_COLUMNS) expect(row[c.name], c.name).toBe(single0[i][c.name]);
  }
  for (const file of ['pods.csv', 'nodes.csv', 'hops.csv', 'latency.csv', 'timeseries.csv']) expect(read(study.dir, file), file).toBe(read(single.dir, file));
});

test('differences.csv has Local\'s p99 significantly higher than Cluster\'s, and the console says so in words', () => {
  const rows = records(read(study.dir, 'differences.csv'));
  expect(rows.every((r) => r.variant === 'Local' && r.baseline === 'Cluster')).toBe(true);
  expect(rows.map((r) => r.metric)).toEqual(REPLICATED_METRICS.map((c) => c.name));
  const p99 = rows.find((r) => r.metric === 'latency_p99_ms')!;
  expect(p99.significant).toBe('true');
  expect(Number(p99.ci95_low)).toBeGreaterThan(0);
  expect(Number(p99.difference)).toBeCloseTo(Number(p99.variant_mean) - Number(p99.baseline_mean), 3);
  // In 80 columns the line breaks between metrics.
  expect(study.out).toMatch(/\nLocal vs Cluster: mean \d+ ms higher \(\d+ to \d+\), p50 [\d.]+ ms higher \([\d.]+ to [\d.]+\),\n  p99 \d+ ms higher \(\d+ to \d+\),/);
  expect(study.out).toContain('Paired differences over 10 replications, 95% intervals:\n');
});

test('with one replication nothing of a study is written or printed', () => {
  expect(readdirSync(single.dir)).not.toContain('replications.csv');
  expect(readdirSync(single.dir)).not.toContain('differences.csv');
  expect(read(single.dir, 'summary.csv').split('\n')[0]).not.toMatch(/latency_p50_ci95_ms|replications/);
  expect(single.out).not.toContain(' vs ');
  expect(JSON.parse(read(single.dir, 'run.json'))).not.toHaveProperty('replications');
});
