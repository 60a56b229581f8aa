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
  // A row holds the level at its end. Where the level changes inside a row, taking that level for
  // the whole row is wrong by at most the change times the row's length: the exact integral is
  // within the rows' total variation (x 1 s) of the sum.
  const approx = rows.reduce((sum, r) => sum + r.running_pods * (r.end - r.start), 0);
  const variation = rows.reduce((sum, r, i) => sum + Math.abs(r.running_pods - (i === 0 ? 2 : rows[i - 1].running_pods)) * (r.end - r.start), 0);
  expect(variation).toBeGreaterThan(0);
  expect(Math.abs(approx - v.autoscaling!.replicaSeconds)).toBeLessThanOrEqual(variation + 1e-9);
  expect(v.autoscaling!.nodeSeconds).toBeCloseTo(2 * 300, 6);
});
