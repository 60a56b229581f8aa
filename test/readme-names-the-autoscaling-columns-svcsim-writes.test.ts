import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { resultFiles } from '../src/output/csv-files.js';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { autoscaledYaml, cpuHpa } from './support/autoscaled-cluster.js';

const readme = readFileSync('README.md', 'utf8');
const documented = (file: string) => readme.match(new RegExp(`${file} ends\\s+with \`([^\`]+)\``))![1].split(',');

test('with an HPA, summary.csv and timeseries.csv end with the columns the README names, and run.json has the decisions', () => {
  const yaml = autoscaledYaml({
    replicas: 2,
    hpa: cpuHpa(2, 4),
    spec: '  traffic: { service: web, rate: 250, duration: 60s }\n  timeSeries: { interval: 10s }\n',
  });
  const files = resultFiles(runScenario(scenarioFromYaml(yaml)));
  const header = (f: string) => files.get(f)!.split('\n')[0].split(',');
  expect(header('summary.csv').slice(-2)).toEqual(documented('summary.csv'));
  expect(header('timeseries.csv').slice(-8)).toEqual(documented('timeseries.csv'));
  const run = JSON.parse(files.get('run.json')!);
  expect(run.variants[0].scalingDecisions[0]).toMatchObject({ at: 15, from: 2, to: 4, reason: 'DesiredWithinRange' });
});

test('a study of an autoscaled run gives each cost as a mean with its 95% half-width', () => {
  const yaml = autoscaledYaml({
    replicas: 2,
    hpa: cpuHpa(1, 6),
    spec: '  replications: 3\n  traffic: { service: web, rate: 150, duration: 120s }\n',
  });
  const files = resultFiles(runScenario(scenarioFromYaml(yaml)));
  const [head, row] = files.get('summary.csv')!.trim().split('\n').map((l) => l.split(','));
  expect(head.slice(-4)).toEqual(['replica_seconds', 'replica_seconds_ci95', 'node_seconds', 'node_seconds_ci95']);
  const value = (name: string) => Number(row[head.indexOf(name)]);
  // Two nodes for the whole 120 s in every replication: no spread at all.
  expect([value('node_seconds'), value('node_seconds_ci95')]).toEqual([240, 0]);
  expect(value('replica_seconds')).toBeGreaterThan(120);
});

test('a study of two autoscaled variants gives each replication its costs and their paired differences', () => {
  const yaml = autoscaledYaml({
    replicas: 2,
    hpa: cpuHpa(1, 6),
    spec: '  replications: 3\n  traffic: { service: web, rate: 150, duration: 120s }\n  compare:\n    HorizontalPodAutoscaler/web:spec.minReplicas: [1, 4]\n',
  });
  const results = runScenario(scenarioFromYaml(yaml));
  const files = resultFiles(results);
  const rows = (f: string) => files.get(f)!.trim().split('\n').map((l) => l.split(','));
  const [head, ...replications] = rows('replications.csv');
  expect(head.slice(-2)).toEqual(['replica_seconds', 'node_seconds']);
  const cost = (r: string[], name: string) => Number(r[head.indexOf(name)]);
  // Seconds are printed with 6 decimals: each value read back is within 0.5e-6 of the exact one,
  // so a mean of them is too, and a difference of two such values within 1e-6.
  const PRINTED = 0.5e-6;
  // Each replication's own cost, whose mean is summary.csv's.
  const study = results.study!;
  study.variants.forEach((v, i) => {
    const mine = replications.slice(3 * i, 3 * i + 3).map((r) => cost(r, 'replica_seconds'));
    expect(Math.abs(mine.reduce((a, b) => a + b, 0) / 3 - v.costIntervals![0].mean)).toBeLessThanOrEqual(PRINTED);
  });
  // differences.csv: the mean of the paired differences, replication by replication.
  const [dhead, ...differences] = rows('differences.csv');
  const row = differences.find((r) => r[dhead.indexOf('metric')] === 'replica_seconds')!;
  const paired = [0, 1, 2].map((k) => cost(replications[3 + k], 'replica_seconds') - cost(replications[k], 'replica_seconds'));
  // The printed difference (one rounding) against the mean of differences of printed values (two).
  expect(Math.abs(Number(row[dhead.indexOf('difference')]) - paired.reduce((a, b) => a + b, 0) / 3)).toBeLessThanOrEqual(3 * PRINTED);
  // A floor of 4 pods against 1 costs more pod-seconds in every replication.
  expect(row[dhead.indexOf('significant')]).toBe('true');
  expect(differences.some((r) => r[dhead.indexOf('metric')] === 'node_seconds')).toBe(true);
});
