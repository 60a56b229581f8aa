import { expect, test } from 'vitest';
import { load } from './fixtures/k8s/load.js';

/** An autoscaling/v2 HPA whose spec is `spec` (indented by two): the spec starts on line 6. */
const hpa = (spec: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
${spec}
`;
const REF = '  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n';
const cpu = (target: string) => `  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: ${target}\n`;

test('defaults: minReplicas 1 and, with no metrics, CPU at 80% utilization; no behavior stays none', () => {
  const { messages, objects } = load(hpa(`${REF}  maxReplicas: 5`), 'hpa.yaml');
  expect(messages).toEqual([]);
  const h = objects.hpas[0];
  expect([h.minReplicas, h.maxReplicas, h.metrics[0].target, h.behavior]).toEqual([1, 5, { type: 'Utilization', averageUtilization: 80 }, undefined]);
});

test('a behavior given in part is filled with the defaults of each direction', () => {
  const { objects } = load(hpa(`${REF}  maxReplicas: 5\n  behavior:\n    scaleDown:\n      selectPolicy: Min`), 'hpa.yaml');
  expect(objects.hpas[0].behavior).toEqual({
    scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
    scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
  });
});

test('replica bounds are checked as the API server words them', () => {
  expect(load(hpa(`${REF}  minReplicas: 0\n  maxReplicas: 0`), 'hpa.yaml').messages).toEqual([
    'hpa.yaml:7: error: The HorizontalPodAutoscaler "web" is invalid: spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
    'hpa.yaml:8: error: The HorizontalPodAutoscaler "web" is invalid: spec.maxReplicas: Invalid value: 0: must be greater than 0',
  ]);
  expect(load(hpa(`${REF}  minReplicas: 5\n  maxReplicas: 3`), 'hpa.yaml').messages).toEqual([
    'hpa.yaml:8: error: The HorizontalPodAutoscaler "web" is invalid: spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`',
  ]);
});

test('a scale target needs a kind and a name that are path segments', () => {
  expect(load(hpa('  scaleTargetRef: { name: a/b }\n  maxReplicas: 3'), 'hpa.yaml').messages).toEqual([
    'hpa.yaml:6: error: The HorizontalPodAutoscaler "web" is invalid: spec.scaleTargetRef.kind: Required value',
    'hpa.yaml:6: error: The HorizontalPodAutoscaler "web" is invalid: spec.scaleTargetRef.name: Invalid value: "a/b": may not contain \'/\'',
  ]);
});

test('metric targets: a utilization below 1, a negative value, neither, or both', () => {
  expect(load(hpa(`${REF}  maxReplicas: 3\n${cpu('{ type: Utilization, averageUtilization: 0 }')}`), 'hpa.yaml').messages).toEqual([
    'hpa.yaml:12: error: The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
  ]);
  expect(load(hpa(`${REF}  maxReplicas: 3\n${cpu('{ type: AverageValue, averageValue: "-1" }')}`), 'hpa.yaml').messages).toEqual([
    'hpa.yaml:12: error: The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].resource.target.averageValue: Invalid value: -1: must be positive',
  ]);
  expect(load(hpa(`${REF}  maxReplicas: 3\n${cpu('{ type: Utilization }')}`), 'hpa.yaml').messages).toEqual([
    'hpa.yaml:12: error: The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization',
  ]);
  expect(load(hpa(`${REF}  maxReplicas: 3\n${cpu('{ type: Utilization, averageUtilization: 50, averageValue: 500m }')}`), 'hpa.yaml').messages).toEqual([
    'hpa.yaml:12: error: The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization',
  ]);
});

test('a metric type must be known and its source given', () => {
  expect(load(hpa(`${REF}  maxReplicas: 3\n  metrics:\n  - type: Pods`), 'hpa.yaml').messages).toEqual([
    'hpa.yaml:9: error: The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].pods: Required value: must populate information for the given metric source',
  ]);
  expect(load(hpa(`${REF}  maxReplicas: 3\n  metrics:\n  - type: Memory`), 'hpa.yaml').messages).toEqual([
    'hpa.yaml:9: error: The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].type: Unsupported value: "Memory": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
  ]);
});

test('behavior: window, selectPolicy and policies within their bounds', () => {
  const behavior = `${REF}  maxReplicas: 3
  behavior:
    scaleUp:
      stabilizationWindowSeconds: 3601
      selectPolicy: Fastest
      policies:
      - { type: Pod, value: 0, periodSeconds: 1801 }`;
  expect(load(hpa(behavior), 'hpa.yaml').messages).toEqual([
    'hpa.yaml:10: error: The HorizontalPodAutoscaler "web" is invalid: spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600',
    'hpa.yaml:11: error: The HorizontalPodAutoscaler "web" is invalid: spec.behavior.scaleUp.selectPolicy: Unsupported value: "Fastest": supported values: "Disabled", "Max", "Min"',
    'hpa.yaml:13: error: The HorizontalPodAutoscaler "web" is invalid: spec.behavior.scaleUp.policies[0].type: Unsupported value: "Pod": supported values: "Percent", "Pods"',
    'hpa.yaml:13: error: The HorizontalPodAutoscaler "web" is invalid: spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
    'hpa.yaml:13: error: The HorizontalPodAutoscaler "web" is invalid: spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800',
  ]);
});

test('autoscaling/v1 is refused with the command that gives the v2 form', () => {
  expect(load(hpa(`${REF}  maxReplicas: 3`).replace('autoscaling/v2', 'autoscaling/v1'), 'hpa.yaml').messages).toEqual([
    'hpa.yaml:1: error: svcsim reads HorizontalPodAutoscaler in autoscaling/v2 only: kubectl get hpa.v2.autoscaling -o yaml gives every HPA in that form',
  ]);
});
