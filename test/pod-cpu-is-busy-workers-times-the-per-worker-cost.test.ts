import { expect, test } from 'vitest';
import { runAutoscaled } from './support/autoscaled-cluster.js';

test('the HPA sees utilization = (c x rho x perWorker + idle) / request for an M/M/c pod', () => {
  // One pod, c = 2 workers, 60 req/s of exponential 20 ms: c x rho = 60 x 0.02 = 1.2 busy workers.
  // CPU = 1.2 x 250m + 50m = 350m, over a 500m request: 70%. min = max = 1, so the count never moves.
  const { rows } = runAutoscaled({
    nodes: 1, replicas: 1, idle: '50m',
    hpa: '  minReplicas: 1\n  maxReplicas: 1\n  metrics:\n  - type: Resource\n    resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }',
    spec: '  traffic: { service: web, rate: 60, duration: 1215s }\n  timeSeries: { interval: 15s }\n',
  });
  // Each row ends just before a sync; its level is the previous sync's metric (one 15 s window).
  const seen = rows.map((r) => r.hpa_metric).filter((m) => Number.isFinite(m));
  expect(seen.length).toBeGreaterThanOrEqual(78);
  const n = seen.length;
  const mean = seen.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(seen.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  // The controller truncates to a whole percent: 0.5 below the exact mean on average. Windows 15 s
  // apart are nearly independent (the pod forgets its state in well under a second), so the mean
  // is within 4 standard errors of the theory but for a 1 in 15000 chance.
  expect(Math.abs(mean - (70 - 0.5))).toBeLessThan(4 * sd / Math.sqrt(n));
  // And the interval is narrow enough to mean something: under 2 points.
  expect(4 * sd / Math.sqrt(n)).toBeLessThan(2);
});
