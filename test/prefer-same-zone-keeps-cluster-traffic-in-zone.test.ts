import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

const nodes = { 'node-a': 'zone-1', 'node-b': 'zone-2' };
const clients = `  traffic: { service: web, entry: clusterIP, clients: { nodes: [node-a] }, rate: 50, requests: 2000 }
  compare:
    spec.trafficDistribution: [PreferSameZone, PreferClose]
`;

test('PreferSameZone (and its old name PreferClose) keeps in-zone while the zone has endpoints', () => {
  const text = smallCluster({ nodes, pods: { 'node-a': 1, 'node-b': 2 }, type: 'ClusterIP', spec: clients });
  for (const v of runScenario(scenarioFromYaml(text)).variants) {
    expect(v.pods.map((p) => p.completed)).toEqual([2000, 0, 0]);
    expect(v.crossZoneFraction).toBe(0);
  }
});

test('PreferSameZone falls back to the whole cluster when the zone has no endpoint', () => {
  const text = smallCluster({ nodes, pods: { 'node-b': 2 }, type: 'ClusterIP', spec: clients });
  for (const v of runScenario(scenarioFromYaml(text)).variants) {
    expect(v.completed).toBe(2000);
    expect(v.crossZoneFraction).toBe(1);
  }
});
