import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

test('a request forwarded across zones counts its bytes both ways, priced on each side', () => {
  // Clients in zone-1 reach node-a (zone-1), whose only way to a pod is node-b in zone-2.
  const spec = `  traffic: { service: web, entry: nodePort, nodes: [node-a], rate: 50, requests: 1000 }
  clients: { zones: { zone-1: 1 } }
  zones: { pricePerGB: 0.01, requestBytes: 2000, responseBytes: 50000 }
`;
  const text = smallCluster({ nodes: { 'node-a': 'zone-1', 'node-b': 'zone-2' }, pods: { 'node-b': 1 }, type: 'NodePort', spec });
  const [v] = runScenario(scenarioFromYaml(text)).variants;
  expect(v.crossZoneFraction).toBe(1);
  expect(v.crossZoneGB).toBeCloseTo((1000 * (2000 + 50000)) / 1e9, 12);
  expect(v.crossZoneCostUsd).toBeCloseTo(2 * 0.01 * v.crossZoneGB, 12);
});

test('nothing crosses zones when clients, nodes and pods share one', () => {
  const spec = '  traffic: { service: web, rate: 50, requests: 1000 }\n';
  const text = smallCluster({ nodes: { 'node-a': 'zone-1', 'node-b': 'zone-1' }, pods: { 'node-a': 1, 'node-b': 1 }, spec });
  const [v] = runScenario(scenarioFromYaml(text)).variants;
  expect(v.crossZoneFraction).toBe(0);
  expect(v.crossZoneCostUsd).toBe(0);
});
