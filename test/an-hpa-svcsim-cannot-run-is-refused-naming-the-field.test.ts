import { expect, test } from 'vitest';
import { formatDiagnostic, InputError } from '../src/scenario/diagnostics.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { autoscaledYaml } from './support/autoscaled-cluster.js';

const HPA = '  minReplicas: 2\n  maxReplicas: 6\n  metrics:\n  - type: Resource\n    resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } }';
const SPEC = '  traffic: { service: web, rate: 100, duration: 60s }\n';

function refusal(yaml: string): string[] {
  try {
    scenarioFromYaml(yaml, {}, 'hpa.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    throw e;
  }
  return [];
}

test('pods an HPA scales need a CPU model', () => {
  const yaml = autoscaledYaml({ replicas: 2, hpa: HPA, spec: SPEC }).replace(/\n    cpu: .*\n/, '\n');
  expect(refusal(yaml)).toEqual([
    'hpa.yaml:51: error: The Scenario "autoscaled" is invalid: spec.pods[0].cpu: Required value: the pods HorizontalPodAutoscaler/web scales need a CPU model (busy workers x perWorker + idle), e.g. {perWorker: 500m}',
  ]);
});

test('a metric other than Resource cpu is refused at its place in the HPA', () => {
  const yaml = autoscaledYaml({ replicas: 2, hpa: HPA.replace('name: cpu', 'name: memory'), spec: SPEC });
  expect(refusal(yaml)).toEqual([
    'hpa.yaml:42: error: HorizontalPodAutoscaler "web": spec.metrics[0]: Unsupported value: svcsim simulates one metric, of type Resource with name cpu',
  ]);
});

test('a scale target that is not in the input is refused', () => {
  const yaml = autoscaledYaml({ replicas: 2, hpa: HPA, spec: SPEC }).replace('kind: Deployment, name: web }', 'kind: Deployment, name: api }');
  expect(refusal(yaml)).toEqual([
    'hpa.yaml:38: error: HorizontalPodAutoscaler "web": spec.scaleTargetRef.name: Not found: no Deployment "api" in namespace "default"',
  ]);
});

test('the timeline may not scale what the HPA scales', () => {
  const yaml = autoscaledYaml({ replicas: 2, hpa: HPA, spec: `${SPEC}  timeline: [{ at: 10s, scale: { workload: web, replicas: 4 } }]\n` });
  expect(refusal(yaml)).toEqual([
    'hpa.yaml:50: error: The Scenario "autoscaled" is invalid: spec.timeline: Forbidden: HorizontalPodAutoscaler/web sets the replicas of Deployment/web: the timeline may not scale, start or update its pods',
  ]);
});
