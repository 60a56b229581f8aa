import { expect, test } from 'vitest';
import { runAutoscaled } from './support/autoscaled-cluster.js';

test('a pod that fits nowhere is Pending until a node boots, and an empty node goes after its delay', () => {
  // 520 req/s x 20 ms x 250m = 2.6 cores over 300m a pod: 9 pods. Two 2-CPU nodes hold 8 pods of 500m.
  const { v, rows } = runAutoscaled({
    replicas: 2,
    hpa: '  minReplicas: 2\n  maxReplicas: 12\n  metrics:\n  - type: Resource\n    resource: { name: cpu, target: { type: AverageValue, averageValue: 300m } }',
    spec: `  traffic: { service: web, rate: 520, duration: 1000s }
  timeSeries: { interval: 1s }
  nodeGroups:
  - { name: pool, allocatable: { cpu: "2", memory: 8Gi }, max: 2, provisioningDelay: 60s, scaleDownDelay: 120s }
  timeline:
  - { at: 300s, load: { rate: 60 } }
`,
  });
  const first = (ok: (r: typeof rows[number]) => boolean) => rows.find(ok)?.end ?? NaN;
  const pendingAt = first((r) => r.pending_pods > 0);
  const orderedAt = first((r) => r.nodes_booting > 0);
  const nodeAt = first((r) => r.nodes === 3);
  // The scan after the pod turned Pending (every 10 s) orders the node; it is Ready 60 s later,
  // and the Pending pods are bound to it at once.
  expect(orderedAt - pendingAt).toBeGreaterThanOrEqual(0);
  expect(orderedAt - pendingAt).toBeLessThanOrEqual(10);
  expect(nodeAt - orderedAt).toBe(60);
  expect(rows.find((r) => r.end === nodeAt)!.pending_pods).toBe(0);
  expect(rows.find((r) => r.end === nodeAt - 1)!.pending_pods).toBeGreaterThan(0);
  // One node is enough: the second one of the group is never ordered.
  expect(Math.max(...rows.map((r) => r.nodes + r.nodes_booting))).toBe(3);
  // The backlog of the first minute makes the HPA overshoot to 11; all of them run once the node is up.
  expect(rows.filter((r) => r.start >= 150 && r.start < 300).every((r) => r.ready_pods === r.replicas && r.replicas >= 9)).toBe(true);
  // After the load drops, the pods go (after the 5 minute window), then the empty node (120 s).
  expect(rows.at(-1)!.replicas).toBe(2);
  expect(rows.at(-1)!.nodes).toBe(2);
  const goneAt = first((r) => r.start > nodeAt && r.nodes === 2);
  const emptyAt = first((r) => r.start > nodeAt + 60 && r.running_pods <= 8);
  expect(goneAt - emptyAt).toBeGreaterThanOrEqual(120);
  expect(v.requests).toBe(v.completed + v.inFlightAtEnd);
});
