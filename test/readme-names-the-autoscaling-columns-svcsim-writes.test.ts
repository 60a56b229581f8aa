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
  expect(header('timeseries.csv').slice(-7)).toEqual(documented('timeseries.csv'));
  const run = JSON.parse(files.get('run.json')!);
  expect(run.variants[0].scalingDecisions[0]).toMatchObject({ at: 15, from: 2, to: 4, reason: 'DesiredWithinRange' });
});
