import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { resultFiles } from '../src/output/csv-files.js';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { autoscaledYaml } from './support/autoscaled-cluster.js';

const readme = readFileSync('README.md', 'utf8');
const documented = (file: string) => readme.match(new RegExp(`${file} ends\\s+with \`([^\`]+)\``))![1].split(',');

test('with an HPA, summary.csv and timeseries.csv end with the columns the README names, and run.json has the decisions', () => {
  const yaml = autoscaledYaml({
    replicas: 2,
    hpa: '  minReplicas: 2\n  maxReplicas: 4\n  metrics:\n  - type: Resource\n    resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } }',
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
    hpa: '  minReplicas: 1\n  maxReplicas: 6\n  metrics:\n  - type: Resource\n    resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } }',
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
