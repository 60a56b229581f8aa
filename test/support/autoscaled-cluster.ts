import { scenarioFromYaml } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/run/run-scenario.js';
import type { VariantResult } from '../../src/stats/results.js';
import { AUTOSCALING_GAUGES } from '../../src/stats/time-series-table.js';

export interface AutoscaledCluster {
  /** Nodes of 2 CPUs (node-0, node-1, ...). */
  nodes?: number;
  replicas: number;
  /** The HPA's spec lines after scaleTargetRef (indented by two). */
  hpa: string;
  /** The Scenario's spec lines before `pods` (indented by two): traffic, timeline, nodeGroups... */
  spec: string;
  /** Workers per pod, and CPU a busy one uses. */
  concurrency?: number;
  perWorker?: string;
  idle?: string;
  request?: string;
  policy?: 'Cluster' | 'Local';
}

/** A Deployment "web" (pods requesting 500m) behind a LoadBalancer Service, with an HPA. */
export function autoscaledYaml(c: AutoscaledCluster): string {
  const nodes = Array.from({ length: c.nodes ?? 2 }, (_, i) => `apiVersion: v1
kind: Node
metadata: { name: node-${i}, labels: { topology.kubernetes.io/zone: zone-1 } }
status: { allocatable: { cpu: "2", memory: 8Gi, pods: "110" } }
---
`).join('');
  return `${nodes}apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${c.replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - name: web
        image: example/web
        resources: { requests: { cpu: ${c.request ?? '500m'}, memory: 256Mi } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  type: LoadBalancer
  externalTrafficPolicy: ${c.policy ?? 'Cluster'}
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
${c.hpa}
---
apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: autoscaled }
spec:
${c.spec}  pods:
  - concurrency: ${c.concurrency ?? 2}
    serviceTime: { exponential: { mean: 20ms } }
    cpu: { perWorker: ${c.perWorker ?? '250m'}, idle: ${c.idle ?? 0} }
  loadBalancer: { model: even }
`;
}

/** Runs it; returns the variant and its time series' rows with the autoscaling levels by name. */
export function runAutoscaled(c: AutoscaledCluster): { v: VariantResult; rows: Array<{ start: number; end: number; sent: number; received: number[] } & Record<typeof AUTOSCALING_GAUGES[number], number>> } {
  const v = runScenario(scenarioFromYaml(autoscaledYaml(c))).variants[0];
  const table = v.timeSeries!;
  const rows = Array.from({ length: table.length }, (_, i) => {
    const r = table.row(i);
    return { start: r.start, end: r.end, sent: r.sent, received: r.received, ...Object.fromEntries(AUTOSCALING_GAUGES.map((g, k) => [g, r.gauges![k]])) } as never;
  });
  return { v, rows };
}

/** An HPA's spec lines (for `hpa`): between `min` and `max` replicas, at `utilization`% of the pods' CPU requests. */
export function cpuHpa(min: number, max: number, utilization = 60): string {
  return `  minReplicas: ${min}\n  maxReplicas: ${max}\n  metrics:\n  - type: Resource\n    resource: { name: cpu, target: { type: Utilization, averageUtilization: ${utilization} } }`;
}
