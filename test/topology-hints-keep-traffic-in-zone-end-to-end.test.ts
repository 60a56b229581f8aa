import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';

const node = (name: string, zone: string, cpu?: string) => `apiVersion: v1
kind: Node
metadata: { name: ${name}, labels: { topology.kubernetes.io/zone: ${zone} } }
${cpu ? `status: { allocatable: { cpu: "${cpu}" } }\n` : ''}---
`;

function run(cpuB?: string) {
  return runScenario(scenarioFromYaml(`${node('node-a', 'zone-1', '4')}${node('node-b', 'zone-2', cpuB)}apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 4
  selector: { matchLabels: { app: web } }
  template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: web }] } }
---
apiVersion: v1
kind: Service
metadata:
  name: web
  annotations: { service.kubernetes.io/topology-mode: Auto }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: hints }
spec:
  traffic: { service: web, entry: clusterIP, clients: { nodes: [node-a] }, rate: 50, requests: 2000 }
  pods: [{ serviceTime: 5ms }]
  placement: { web: { node-a: 2, node-b: 2 } }
`)).variants[0];
}

test('topology-mode Auto: with hints allotted by zone CPU, zone-1 clients stay in zone-1', () => {
  const v = run('4');
  expect(v.crossZoneFraction).toBe(0);
  expect(v.pods.filter((p) => p.zone === 'zone-2').every((p) => p.completed === 0)).toBe(true);
});

test('topology-mode Auto: a node without allocatable CPU disables hints, and traffic spreads', () => {
  // Every ready endpoint: half of them in zone-2, so the crossing share is binomial around 1/2.
  const v = run(undefined);
  expect(Math.abs(v.crossZoneFraction - 0.5)).toBeLessThanOrEqual(3.2905 * Math.sqrt(0.25 / v.completed));
});
