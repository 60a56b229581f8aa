import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, records } from './support/run-cli.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterAll(() => temp.removeAll());

const PLAN = 'scenarios/plan-seed.yaml';
const VARY = ['--vary', 'Deployment/hostname-deployment:spec.replicas'];
// 3,000 requests a replication and 3 replications keep every plan here well under a second.
const QUICK = ['--requests', '3000', '--replications', '3', '--no-progress'];
let met = { code: -1, out: '', err: '', dir: '' };
let unmet = { code: -1, out: '', err: '', dir: '' };

beforeAll(async () => {
  const columns = process.env.COLUMNS;
  process.env.COLUMNS = '200';
  met = { ...(await cli('plan', PLAN, ...VARY, '--slo', 'p99<=150ms', '--max', '12', ...QUICK, '--out', join(temp.make(), 'met'))), dir: '' };
  met.dir = met.out.match(/Wrote 2 files to (.*)\/\n$/)![1];
  unmet = { ...(await cli('plan', PLAN, ...VARY, '--slo', 'p99<=40ms', '--max', '6', ...QUICK, '--out', join(temp.make(), 'unmet'))), dir: '' };
  unmet.dir = unmet.out.match(/Wrote 2 files to (.*)\/\n$/)![1];
  if (columns === undefined) delete process.env.COLUMNS;
  else process.env.COLUMNS = columns;
}, 30_000);

test('plan answers for Cluster and for Local in a sentence each, shows the evidence and exits 0', () => {
  expect(met.code).toBe(0);
  expect(met.out).toMatch(/^Cluster: replicas \d+ is the fewest that meets p99<=150ms with 95% confidence \(pass, p99 [\d.]+ ms \([\d.]+ to [\d.]+\)\); at \d+: (fail|inconclusive), /);
  expect(met.out).toMatch(/\nLocal: replicas \d+ is the fewest that meets p99<=150ms with 95% confidence/);
  expect(met.out).toContain('Evidence (');
  expect(met.out).toMatch(/│ variant │ replicas │ theory util │ +p99 ms │ +util max │ +verdict │ note │/);
});

test('plan.csv has one tidy row per variant and value tried, the answer marked, and run.json the answers', () => {
  const rows = records(readFileSync(join(met.dir, 'plan.csv'), 'utf8'));
  const head = readFileSync(join(met.dir, 'plan.csv'), 'utf8').split('\n')[0];
  const readme = readFileSync('README.md', 'utf8');
  // The README lists plan.csv's columns; with this one objective they are these.
  const documented = /plan\.csv`[^\n]*columns: `([^`]+)`/.exec(readme)![1];
  expect(head).toBe(documented.replace('<objective columns>', 'slo_p99_le_150ms').replace('<theory columns>', 'theory_latency_p99_ms'));
  const json = JSON.parse(readFileSync(join(met.dir, 'run.json'), 'utf8'));
  for (const variant of ['Cluster', 'Local']) {
    const mine = rows.filter((r) => r.variant === variant);
    expect(mine.map((r) => Number(r.replicas))).toEqual([...mine.map((r) => Number(r.replicas))].sort((a, b) => a - b));
    const answer = mine.filter((r) => r.answer === 'true');
    expect(answer).toHaveLength(1);
    expect(answer[0].slo_verdict).toBe('pass');
    expect(Number(answer[0].latency_p99_ms) + Number(answer[0].latency_p99_ci95_ms)).toBeLessThanOrEqual(150);
    // The value below the answer was tried and did not meet the objective with confidence.
    const below = mine.find((r) => Number(r.replicas) === Number(answer[0].replicas) - 1);
    expect(below?.meets).toBe('false');
    expect(json.plan.answers.find((a: { variant: string }) => a.variant === variant).replicas).toBe(Number(answer[0].replicas));
  }
});

test('--json carries the answers, their sentences and every point tried, as plan.csv has them', async () => {
  const dir = join(temp.make(), 'json');
  const r = await cli('plan', PLAN, ...VARY, '--slo', 'p99<=150ms', '--max', '12', ...QUICK, '--out', dir, '--json');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out);
  const rows = records(readFileSync(join(dir, 'plan.csv'), 'utf8'));
  expect(json.variants.map((v: { variant: string }) => v.variant)).toEqual(['Cluster', 'Local']);
  for (const v of json.variants) {
    expect(v.sentence).toMatch(new RegExp(`^${v.variant}: replicas ${v.replicas} is the fewest that meets p99<=150ms`));
    const mine = rows.filter((row) => row.variant === v.variant);
    expect(v.points.map((p: { replicas: number }) => p.replicas)).toEqual(mine.map((row) => Number(row.replicas)));
    expect(v.points.map((p: { latency_p99_ms: number }) => p.latency_p99_ms)).toEqual(mine.map((row) => Number(row.latency_p99_ms)));
    expect(v.points.find((p: { answer: boolean }) => p.answer).replicas).toBe(v.replicas);
  }
  // Same seed, same plan: the JSON's answers are the console's.
  expect(json.variants.map((v: { sentence: string }) => v.sentence).join(' ')).toBe(met.out.split('\n\nEvidence')[0].replaceAll('\n', ' '));
});

test('an objective no value up to --max meets exits 3, naming the variants, with the points tried', () => {
  expect(unmet.code).toBe(3);
  expect(unmet.err).toBe('svcsim: no replicas up to 6 meets p99<=40ms for "Cluster", "Local"\n');
  expect(unmet.out).toMatch(/^Cluster: no replicas up to 6 meets p99<=40ms with 95% confidence \(at 6: fail, p99 [\d.]+ ms/);
  const rows = records(readFileSync(join(unmet.dir, 'plan.csv'), 'utf8'));
  expect(rows.length).toBeGreaterThanOrEqual(2);
  expect(rows.every((r) => r.answer === 'false' && r.meets === 'false')).toBe(true);
});

test('when theory finds a pod unstable at every value, nothing is simulated and the top value says why', async () => {
  const dir = join(temp.make(), 'unstable');
  const r = await cli('plan', PLAN, ...VARY, '--rate', '2000', '--max', '5', ...QUICK, '--out', dir);
  expect(r.code).toBe(3);
  // Placed 3 + 2, Local's pods on B get 1,000 req/s each: five times what one serves.
  expect(r.out.replaceAll('\n', ' ')).toContain('Cluster: no replicas up to 5 meets p99<=50ms with 95% confidence (at 5: not simulated: theory finds a pod unstable (utilization 400.0%)). '
    + 'Local: no replicas up to 5 meets p99<=50ms with 95% confidence (at 5: not simulated: theory finds a pod unstable (utilization 500.0%)).');
  expect(r.out).toContain('Evidence (0 simulations, 3 replications a point;');
  const rows = records(readFileSync(join(dir, 'plan.csv'), 'utf8'));
  expect(rows.map((row) => [row.variant, row.replicas, row.simulated, row.round, row.theory_util_max])).toEqual([
    ['Cluster', '5', 'false', '0', '4.000000'], ['Local', '5', 'false', '0', '5.000000'],
  ]);
});

test('a field the planner cannot vary, an object that is not there, one replication or no objective are refused', async () => {
  const bad = await cli('plan', PLAN, '--vary', 'Service/hostname-svc-lb-local:spec.ports[0].port', '--slo', 'p99<=50ms');
  expect(bad.code).toBe(2);
  expect(bad.err).toContain('svcsim: --vary "Service/hostname-svc-lb-local:spec.ports[0].port" is not a field the planner can vary: it varies spec.replicas of a Deployment, StatefulSet or ReplicaSet');
  const missing = await cli('plan', PLAN, '--vary', 'Deployment/nope:spec.replicas', ...QUICK, '--out', join(temp.make(), 'x'));
  expect(missing.code).toBe(1);
  expect(missing.err).toContain('--vary Deployment/nope:spec.replicas: Not found: Deployment/nope (no such object in the input)');
  const one = await cli('plan', PLAN, ...VARY, '--replications', '1');
  expect(one.code).toBe(2);
  expect(one.err).toContain('--replications must be at least 2 for plan');
  for (const [args, message] of [
    [['--min', '0'], '--min must be a whole number >= 1, got "0"'],
    [['--rate', 'fast'], '--rate must be a number of requests per second above 0 (like 2000), got "fast"'],
    [['--min', '5', '--max', '3'], '--min 5 is above --max 3'],
  ]) {
    const r = await cli('plan', PLAN, ...VARY, ...args);
    expect([r.code, r.err.split('\n')[0]]).toEqual([2, `svcsim: ${message}`]);
  }
  const none = await cli('plan', 'scenarios/seed-two-nodes.yaml', ...VARY, ...QUICK);
  expect(none.code).toBe(2);
  expect(none.err).toContain('svcsim: plan needs an objective to meet: --slo "p99<=50ms" (or spec.slo in the Scenario)');
});
