import { expect, test } from 'vitest';
import { runAutoscaled } from './support/autoscaled-cluster.js';

test('270 req/s of 20 ms at 250m per busy worker settle at ceil(1.35 cores / 300m) = 5 pods, and stay', () => {
  // Offered CPU: 270/s x 0.02 s x 0.25 cores = 1.35 cores; the target is 60% of 500m = 300m a pod.
  // (Not a load that needs exactly 5.0 pods: there every window a little above the mean asks for 6,
  // and the 5 minute downscale window keeps the highest recommendation.)
  const { v, rows } = runAutoscaled({
    replicas: 2,
    hpa: '  minReplicas: 1\n  maxReplicas: 10\n  metrics:\n  - type: Resource\n    resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } }',
    spec: '  traffic: { service: web, rate: 270, duration: 600s }\n  timeSeries: { interval: 15s }\n',
  });
  const settled = rows.filter((r) => r.start >= 420);
  expect(new Set(settled.map((r) => r.replicas))).toEqual(new Set([5]));
  expect(settled.every((r) => r.ready_pods === 5 && r.pending_pods === 0)).toBe(true);
  // Two pods of 100 req/s each are saturated at first: the HPA sees 100% and scales up at once.
  expect(v.autoscaling!.decisions[0]).toMatchObject({ at: 15, from: 2, metric: 100 });
});

test('the decisions in run.json are every change, and the replica-seconds add up from the time series', () => {
  const { v, rows } = runAutoscaled({
    replicas: 2,
    hpa: '  minReplicas: 2\n  maxReplicas: 10\n  metrics:\n  - type: Resource\n    resource: { name: cpu, target: { type: AverageValue, averageValue: 300m } }',
    spec: '  traffic: { service: web, rate: 300, duration: 300s }\n  timeSeries: { interval: 1s }\n',
  });
  let replicas = 2;
  for (const d of v.autoscaling!.decisions) {
    expect(d.from).toBe(replicas);
    replicas = d.to;
  }
  expect(rows.at(-1)!.replicas).toBe(replicas);
  // Levels change only at syncs and pod events; with 1 s rows the sum of running x 1 s is within
  // one pod-second per change of the exact integral.
  const approx = rows.reduce((sum, r) => sum + r.running_pods * (r.end - r.start), 0);
  expect(Math.abs(approx - v.autoscaling!.replicaSeconds)).toBeLessThan(rows.length * 0.05 + 20);
  expect(v.autoscaling!.nodeSeconds).toBeCloseTo(2 * 300, 6);
});
