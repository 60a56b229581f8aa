import { expect, test } from 'vitest';
import { runAutoscaled } from './support/autoscaled-cluster.js';

test('under Local, a booted node gets traffic only after its pods are ready and two probes pass', () => {
  const { v, rows } = runAutoscaled({
    replicas: 2, policy: 'Local',
    hpa: '  minReplicas: 2\n  maxReplicas: 12\n  metrics:\n  - type: Resource\n    resource: { name: cpu, target: { type: AverageValue, averageValue: 300m } }',
    spec: `  traffic: { service: web, rate: 520, duration: 300s }
  timeSeries: { interval: 1s }
  nodeGroups:
  - { name: pool, allocatable: { cpu: "2", memory: 8Gi }, max: 1, provisioningDelay: 60s }
`,
  });
  const pool = v.nodes.findIndex((n) => n.name === 'pool-0');
  const ordered = rows.find((r) => r.nodes_booting > 0)!.start;
  // The pods the two nodes could not hold start on pool-0 when it is up (60 s), ready 5 s later.
  const ready = rows.find((r) => r.start > ordered && r.ready_pods > 8)!.end;
  expect(ready - ordered).toBeGreaterThanOrEqual(65);
  expect(ready - ordered).toBeLessThanOrEqual(67);
  const traffic = rows.find((r) => r.received[pool] > 0)!.start;
  // Ready, then 1 s to reach kube-proxy (its health check answers 200), then two passing probes 10 s apart.
  expect(traffic - ready).toBeGreaterThanOrEqual(1 + 10 - 1);
  expect(traffic - ready).toBeLessThanOrEqual(1 + 20 + 1);
});
