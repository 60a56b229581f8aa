import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { gatherResults, runTask, studyTasks } from '../src/run/study.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { metricIndex } from '../src/stats/summary-metrics.js';
import { smallCluster } from './support/small-cluster.js';

const text = smallCluster({
  nodes: { 'node-a': 'zone-a', 'node-b': 'zone-a' }, pods: { 'node-a': 2, 'node-b': 1 },
  spec: '  replications: 3\n  traffic: { service: web, rate: 100, requests: 1000 }\n  compare:\n    spec.externalTrafficPolicy: [Cluster, Local]\n',
  podModel: 'serviceTime: { exponential: { mean: 5ms } }',
});

test('a study of 2 variants x 3 replications is six tasks, variant by variant, each plain data', () => {
  const tasks = studyTasks(2, 3);
  expect(tasks).toEqual([
    { variant: 0, replication: 0 }, { variant: 0, replication: 1 }, { variant: 0, replication: 2 },
    { variant: 1, replication: 0 }, { variant: 1, replication: 1 }, { variant: 1, replication: 2 },
  ]);
  expect(structuredClone(tasks)).toEqual(tasks);
});

test('runScenario runs the tasks in order and reports each as it ends', () => {
  const scenario = scenarioFromYaml(text);
  const done: string[] = [];
  runScenario(scenario, { onTaskDone: (t, i, n) => done.push(`${i + 1}/${n} ${t.variant}:${t.replication}`) });
  expect(done).toEqual(['1/6 0:0', '2/6 0:1', '3/6 0:2', '4/6 1:0', '5/6 1:1', '6/6 1:2']);
});

test('results gathered from tasks that finished in any order equal runScenario\'s', () => {
  const scenario = scenarioFromYaml(text);
  // As a pool of workers would return them: last first.
  const outcomes = studyTasks(2, 3).reverse().map((task) => runTask(scenario, task));
  expect(gatherResults(scenario, outcomes)).toEqual(runScenario(scenario));
});

test('replications are independent: each one\'s latency differs, and replication 0 is the run without replications', () => {
  const scenario = scenarioFromYaml(text);
  const study = runScenario(scenario).study!;
  const means = study.variants[0].replications.map((r) => r.metrics[metricIndex('latency_mean_ms')]);
  expect(new Set(means).size).toBe(3);
  const single = runScenario({ ...scenario, replications: 1 });
  expect(single.study).toBeUndefined();
  expect(single.variants).toEqual(runScenario(scenario).variants);
});
