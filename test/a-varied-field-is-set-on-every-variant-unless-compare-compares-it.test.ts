import { expect, test } from 'vitest';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { checkScenario } from '../src/scenario/load-scenario.js';
import { autoscaledYaml } from './support/autoscaled-cluster.js';
import { deploymentYaml, nodeYaml, serviceYaml } from './support/scenario-files.js';

const text = (compare: string) => `${nodeYaml('node-a')}${nodeYaml('node-b')}${deploymentYaml('web', 2)}${serviceYaml('web', 'LoadBalancer')}apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: vary }
spec:
  traffic: { service: web, rate: 100, requests: 300 }
  pods: [{ serviceTime: 5ms }]
  compare:
${compare}`;
const check = (compare: string, key: string, value: number) =>
  checkScenario({ sources: [{ file: 'in.yaml', text: text(compare) }], diagnostics: [] }, { set: { key, value, option: '--vary' } });

test('the varied field takes its value in every variant, whose names and columns stay those of compare', () => {
  const { scenario, diagnostics } = check('    spec.externalTrafficPolicy: [Cluster, Local]\n', 'Deployment/web:spec.replicas', 5);
  expect(diagnostics).toEqual([]);
  expect(scenario!.variants.map((v) => [v.name, v.overrides, v.topology.pods.length])).toEqual([
    ['Cluster', { externalTrafficPolicy: 'Cluster' }, 5], ['Local', { externalTrafficPolicy: 'Local' }, 5],
  ]);
  expect(scenario!.overrideColumns).toEqual(['externalTrafficPolicy']);
  const workers = check('    spec.externalTrafficPolicy: [Cluster, Local]\n', 'Scenario:spec.pods[0].concurrency', 3);
  expect(workers.scenario!.variants.map((v) => v.topology.pods.map((p) => p.workers))).toEqual([[3, 3], [3, 3]]);
});

test('a field compare compares already, or an object not in the input, is refused naming --vary', () => {
  const compared = check('    Deployment/web:spec.replicas: [2, 3]\n', 'Deployment/web:spec.replicas', 4);
  expect(compared.diagnostics.map(formatDiagnostic)).toEqual([
    'in.yaml: error: --vary Deployment/web:spec.replicas: Invalid value: spec.compare compares this field already; take it out of spec.compare',
  ]);
  const missing = check('    spec.externalTrafficPolicy: [Cluster, Local]\n', 'StatefulSet/db:spec.replicas', 4);
  expect(missing.diagnostics.map(formatDiagnostic)).toEqual([
    'in.yaml: error: --vary StatefulSet/db:spec.replicas: Not found: StatefulSet/db (no such object in the input)',
  ]);
});

const HPA = '  minReplicas: 2\n  maxReplicas: 6\n  metrics:\n  - type: Resource\n    resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } }';

test('the replicas of a workload a HorizontalPodAutoscaler scales are refused: the autoscaler would choose them', () => {
  const yaml = autoscaledYaml({ replicas: 2, hpa: HPA, spec: '  traffic: { service: web, rate: 100, duration: 60s }\n' });
  const { diagnostics } = checkScenario({ sources: [{ file: 'hpa.yaml', text: yaml }], diagnostics: [] },
    { set: { key: 'Deployment/web:spec.replicas', value: 3, option: '--vary' } });
  expect(diagnostics.map(formatDiagnostic)).toEqual([
    'hpa.yaml: error: --vary Deployment/web:spec.replicas: Invalid value: HorizontalPodAutoscaler/web scales Deployment/web, so its replicas are the autoscaler\'s; plan without the autoscaler',
  ]);
  // Named with its namespace, the same workload is refused the same way.
  const named = checkScenario({ sources: [{ file: 'hpa.yaml', text: yaml }], diagnostics: [] },
    { set: { key: 'Deployment/default/web:spec.replicas', value: 3, option: '--vary' } });
  expect(named.diagnostics.map((d) => d.message)).toEqual([
    '--vary Deployment/default/web:spec.replicas: Invalid value: HorizontalPodAutoscaler/web scales Deployment/default/web, so its replicas are the autoscaler\'s; plan without the autoscaler',
  ]);
});
