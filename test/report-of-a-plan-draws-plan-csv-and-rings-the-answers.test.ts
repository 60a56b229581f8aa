import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { evidenceTable, planAnswers, planChart, readPlanTables, type PlanTables } from '../src/output/report/plan-report.js';
import { cli } from './support/run-cli.js';
import { SMALL_PLAN } from './support/report-results.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterAll(() => temp.removeAll());

let t: PlanTables;
beforeAll(async () => {
  const dir = join(temp.make(), 'plan');
  const r = await cli(...SMALL_PLAN, '--out', dir);
  if (r.code !== 0) throw new Error(r.err);
  t = readPlanTables(dir);
});

const rows = () => Papa.parse<Record<string, string>>(readFileSync(join(t.dir, 'plan.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;

test('the plan\'s chart draws every simulated point of plan.csv with its interval, theory, the threshold and the answer', () => {
  expect(t.varied).toBe('replicas');
  expect(t.overrideColumns).toEqual(['externalTrafficPolicy']);
  const values = (planChart(t)!.spec as unknown as { data: { values: Array<Record<string, unknown>> } }).data.values;
  const simulated = rows().filter((r) => r.simulated === 'true');
  const p99 = values.filter((v) => v.metric === 'latency p99 (ms)');
  expect(p99).toEqual(simulated.map((r) => ({
    variant: r.variant, x: Number(r.replicas), metric: 'latency p99 (ms)', mean: Number(r.latency_p99_ms),
    low: Number(r.latency_p99_ms) - Number(r.latency_p99_ci95_ms), high: Number(r.latency_p99_ms) + Number(r.latency_p99_ci95_ms),
    theory: Number(r.theory_latency_p99_ms), answer: r.answer === 'true', slo: 200,
  })));
  const util = values.filter((v) => v.metric === 'pod util max (%)');
  expect(util.map((v) => v.mean)).toEqual(simulated.map((r) => Number(r.pod_util_max) * 100));
  expect(util.map((v) => v.slo)).toEqual(simulated.map(() => null));
  // The answers, as run.json has them: one ringed point per variant.
  const run = JSON.parse(readFileSync(join(t.dir, 'run.json'), 'utf8'));
  expect(p99.filter((v) => v.answer).map((v) => [v.variant, v.x])).toEqual(run.plan.answers.map((a: { variant: string; replicas: number }) => [a.variant, a.replicas]));
});

test('the answers are said in words and the evidence table has every point tried, the answer starred', () => {
  expect(planAnswers(t)).toBe('<ul class="answers"><li><strong>Cluster</strong>: replicas 4 is the fewest that meets p99&lt;=200ms with 95% confidence</li>'
    + '<li><strong>Local</strong>: replicas 5 is the fewest that meets p99&lt;=200ms with 95% confidence</li></ul>');
  const table = evidenceTable(t);
  expect(table.match(/<tr class/g)).toHaveLength(rows().length);
  expect(table.match(/<tr class="answer">/g)).toHaveLength(2);
  expect(table).toContain('<td>4 *</td>');
});
