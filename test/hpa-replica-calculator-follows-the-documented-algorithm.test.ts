import { expect, test } from 'vitest';
import { proposeReplicas, type PodSample } from '../src/model/hpa-algorithm.js';

/** Ready pods with metrics, each requesting 1000m. */
const pods = (...usage: number[]): PodSample[] => usage.map((u) => ({ ignored: false, unready: false, missing: false, usage: u, request: 1000 }));
const utilization = (percent: number) => ({ type: 'Utilization' as const, averageUtilization: percent });
const averageValue = (milli: number) => ({ type: 'AverageValue' as const, averageValue: milli });

test('the docs\' example: 200m against a 100m target doubles the replicas, 50m halves them', () => {
  // kubernetes.io "Horizontal Pod Autoscaling", algorithm details.
  expect(proposeReplicas(2, pods(200, 200), averageValue(100), 0.1)).toEqual({ replicas: 4, metric: 200 });
  expect(proposeReplicas(4, pods(50, 50, 50, 50), averageValue(100), 0.1)).toEqual({ replicas: 2, metric: 50 });
});

test('desired = ceil(current x current utilization / target)', () => {
  // 3 pods at 90% against 60%: ratio 1.5, ceil(4.5) = 5.
  expect(proposeReplicas(3, pods(900, 900, 900), utilization(60), 0.1).replicas).toBe(5);
  // Utilization is an integer percent of summed usage over summed requests: 2001m of 3000m is 66%.
  expect(proposeReplicas(3, pods(667, 667, 667), utilization(60), 0.1)).toEqual({ replicas: 4, metric: 66 });
});

test('within the 10% tolerance nothing changes; just beyond it, it does', () => {
  expect(proposeReplicas(4, pods(650, 650, 650, 650), utilization(60), 0.1).replicas).toBe(4); // ratio 1.083
  // 66/60 is 1.1000000000000001 in float64, as in Go: |1 - ratio| is just above 0.1, so it scales.
  expect(proposeReplicas(4, pods(660, 660, 660, 660), utilization(60), 0.1).replicas).toBe(5);
  expect(proposeReplicas(4, pods(670, 670, 670, 670), utilization(60), 0.1).replicas).toBe(5); // ratio 1.1167
  expect(proposeReplicas(4, pods(540, 540, 540, 540), utilization(60), 0.1).replicas).toBe(4); // ratio 0.9
  expect(proposeReplicas(4, pods(530, 530, 530, 530), utilization(60), 0.1).replicas).toBe(4); // ceil(3.53) = 4
  expect(proposeReplicas(4, pods(400, 400, 400, 400), utilization(60), 0.1).replicas).toBe(3); // ceil(2.67) = 3
});

test('on a scale-up, a pod without metrics counts as using nothing', () => {
  const samples = [...pods(1200, 1200), { ignored: false, unready: false, missing: true, usage: NaN, request: 1000 }];
  // Ready pods alone: 120% / 60% = 2. With the missing one at 0: 80% / 60% = 1.33, ceil(1.33 x 3) = 4.
  expect(proposeReplicas(3, samples, utilization(60), 0.1)).toEqual({ replicas: 4, metric: 120 });
});

test('on a scale-down, a pod without metrics counts as using its whole request', () => {
  const samples = [...pods(200, 200), { ignored: false, unready: false, missing: true, usage: NaN, request: 1000 }];
  // Ready pods: 20% / 60%. With the missing one at 100%: 46% / 60% = 0.77, ceil(0.77 x 3) = 3 = current.
  expect(proposeReplicas(3, samples, utilization(60), 0.1).replicas).toBe(3);
  const more = [...pods(100, 100, 100, 100), { ignored: false, unready: false, missing: true, usage: NaN, request: 1000 }];
  // 10% / 60%; with the missing pod at 100%: 28% / 60% = 0.4667, ceil(0.4667 x 5) = 3.
  expect(proposeReplicas(5, more, utilization(60), 0.1).replicas).toBe(3);
});

test('unready pods count as using nothing on a scale-up, and are left out of a scale-down', () => {
  const unready = { ignored: false, unready: true, missing: false, usage: 1000, request: 1000 };
  // Up: 2 ready at 90% plus 2 unready at 0: 45% / 60% < 1 reverses the direction: no change.
  expect(proposeReplicas(4, [...pods(900, 900), unready, unready], utilization(60), 0.1).replicas).toBe(4);
  // Up: 2 ready at 150% plus 1 unready at 0: 100% / 60% = 1.67, ceil(1.67 x 3) = 5.
  expect(proposeReplicas(3, [...pods(1500, 1500), unready], utilization(60), 0.1).replicas).toBe(5);
  // Down: only the ready pods count, ceil(30/60 x 2) = 1.
  expect(proposeReplicas(3, [...pods(300, 300), unready], utilization(60), 0.1).replicas).toBe(1);
});

test('deleted pods are ignored, and with no usable pod the controller does not scale', () => {
  const deleted = { ignored: true, unready: false, missing: false, usage: 5000, request: 1000 };
  expect(proposeReplicas(2, [...pods(600, 600), deleted], utilization(60), 0.1).replicas).toBe(2);
  const none = proposeReplicas(2, [{ ignored: false, unready: true, missing: false, usage: 0, request: 1000 }], utilization(60), 0.1);
  expect(none.error).toBe('did not receive metrics for targeted pods (pods might be unready)');
  expect(none.replicas).toBe(2);
});
