/**
 * The HorizontalPodAutoscaler of the input, resolved for the run: its workload and that
 * workload's pods (with a place for each pod it may add, absent and unbound until created), the
 * pods' CPU model, where they may go (taints, tolerations, selectors, affinity and cordons judged
 * here, once: they do not change during a run), what each node has left, and the Scenario's node
 * groups as nodes that the cluster autoscaler brings up. The model schedules and scales.
 */
import type { MetricTarget } from '../model/hpa-algorithm.js';
import type { AutoscalingSpec, TopologyNode, TopologyPod } from '../model/topology.js';
import { parseQuantity } from './decoder.js';
import { distributionSpec } from './distribution-spec.js';
import { parseDuration } from './durations.js';
import { mapSelects, selectorSelects } from './labels.js';
import { fitsNodeAffinity } from './node-affinity.js';
import type { ClusterObjects, FieldPath, HpaObject } from './objects.js';
import type { PlacedPod, Report } from './placement.js';
import { HOSTNAME, schedulingNode, type SchedulingNode } from './scheduling-state.js';
import type { ScenarioDocument } from './scenario-schema.js';
import { podTolerations, untoleratedTaint } from './tolerations.js';

const SCALABLE = ['Deployment', 'StatefulSet', 'ReplicaSet'];
const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface BuiltAutoscaling {
  autoscaling: AutoscalingSpec;
  /** The node groups' nodes, to append to the topology's nodes. */
  nodes: TopologyNode[];
}

/**
 * `topologyPods` and `endpoints` get the places of the pods the HPA may add. Returns undefined
 * when the input has no HPA, or after reporting why the one it has cannot run.
 */
export function buildAutoscaling(objects: ClusterObjects, spec: ScenarioDocument['spec'], placed: readonly PlacedPod[],
  topologyPods: TopologyPod[], endpoints: number[], serviceSelector: Record<string, string> | undefined, report: Report,
  scaledByTimeline: ReadonlySet<string>): BuiltAutoscaling | undefined {
  const hpas = objects.hpas;
  if (hpas.length === 0) {
    spec.pods.forEach((m, i) => {
      if (m.cpu) report('warning', ['spec', 'pods', i, 'cpu'], 'only a HorizontalPodAutoscaler reads a pod\'s CPU, and the input has none: it changes nothing');
    });
    if (spec.nodeGroups.length > 0) {
      report('warning', ['spec', 'nodeGroups'], 'without a HorizontalPodAutoscaler no pod is created during the run: the node groups stay at their min');
    }
    return undefined;
  }
  const hpa = hpas[0];
  let errors = 0;
  const at = (h: HpaObject, path: FieldPath) => ({ file: h.origin.file, line: h.origin.lineOf(path), object: `HorizontalPodAutoscaler/${h.meta.name}` });
  const objectErr = (path: FieldPath, message: string, h = hpa) => { errors++; report('error', path, message, at(h, path)); };
  const err = (path: FieldPath, message: string) => { errors++; report('error', path, message); };
  for (const extra of hpas.slice(1)) objectErr(['metadata', 'name'], `svcsim runs one HorizontalPodAutoscaler per scenario; HorizontalPodAutoscaler/${hpa.meta.name} is the first`, extra);

  const ref = hpa.scaleTargetRef;
  if (!SCALABLE.includes(ref.kind)) {
    objectErr(['spec', 'scaleTargetRef', 'kind'], `Unsupported value: "${ref.kind}": svcsim scales a Deployment, StatefulSet or ReplicaSet`);
    return undefined;
  }
  const w = objects.workloads.find((x) => x.kind === ref.kind && x.meta.name === ref.name && x.meta.namespace === hpa.meta.namespace);
  if (!w) {
    objectErr(['spec', 'scaleTargetRef', 'name'], `Not found: no ${ref.kind} "${ref.name}" in namespace "${hpa.meta.namespace}"`);
    return undefined;
  }
  const target = `${w.kind}/${w.meta.name}`;
  if (scaledByTimeline.has(w.meta.name)) err(['spec', 'timeline'], `Forbidden: HorizontalPodAutoscaler/${hpa.meta.name} sets the replicas of ${target}: the timeline may not scale, start or update its pods`);
  if (hpa.metrics.length !== 1 || hpa.metrics[0].type !== 'Resource' || hpa.metrics[0].name !== 'cpu') {
    const i = hpa.metrics.findIndex((m) => m.type !== 'Resource' || m.name !== 'cpu');
    objectErr(['spec', 'metrics', Math.max(0, i)], 'Unsupported value: svcsim simulates one metric, of type Resource with name cpu');
    return undefined;
  }
  const t = hpa.metrics[0].target;
  let metric: MetricTarget;
  if (t.type === 'Utilization' && t.averageUtilization !== undefined) metric = { type: 'Utilization', averageUtilization: t.averageUtilization };
  else if (t.type === 'AverageValue' && t.averageValue !== undefined) metric = { type: 'AverageValue', averageValue: Math.ceil(t.averageValue * 1000) };
  else {
    objectErr(['spec', 'metrics', 0, 'resource', 'target', 'type'], `Unsupported value: "${t.type}": a cpu target is Utilization (with averageUtilization) or AverageValue (with averageValue)`);
    return undefined;
  }
  const request = w.scheduling.requests.milliCpu;
  if (metric.type === 'Utilization' && request === 0) {
    err(['spec', 'scaleTargetRef'], `Required value: ${target}'s containers request no cpu, so its utilization is undefined (the controller says: missing request for cpu): set resources.requests.cpu`);
  }
  if (serviceSelector === undefined || !mapSelects(serviceSelector, w.templateLabels)) {
    err(['spec', 'traffic', 'service'], `Invalid value: the Service does not select ${target}'s pods: the HorizontalPodAutoscaler would scale pods that get no traffic`);
  }
  const modelIndex = spec.pods.findIndex((m) => m.selector === undefined || Object.entries(m.selector).every(([k, v]) => w.templateLabels[k] === v));
  const model = spec.pods[modelIndex];
  if (!model) {
    err(['spec', 'pods'], `Required value: no entry selects the pods of ${target} (labels ${JSON.stringify(w.templateLabels)})`);
    return undefined;
  }
  if (!model.cpu) {
    err(['spec', 'pods', modelIndex, 'cpu'], `Required value: the pods HorizontalPodAutoscaler/${hpa.meta.name} scales need a CPU model (busy workers x perWorker + idle), e.g. {perWorker: 500m}`);
    return undefined;
  }
  const perWorker = parseQuantity(String(model.cpu.perWorker))!;
  const idle = parseQuantity(String(model.cpu.idle))!;
  const s = w.scheduling;
  if (s.podAffinity.length + s.podAntiAffinity.length + s.preferredPodAffinity.length + s.preferredPodAntiAffinity.length
    + s.topologySpreadConstraints.length > 0) {
    report('warning', ['spec', 'scaleTargetRef'], `${target}'s pod (anti-)affinity and topology spread constraints place the pods at load time only: pods the HPA adds go by room, spreading and least allocation`, at(hpa, ['spec', 'scaleTargetRef']));
  }

  // The workload's pods now, in the order the HPA's controller created them, then the places of new ones.
  const own = topologyPods.flatMap((p, i) => {
    const pp = placed.find((q) => q.name === p.name);
    return pp && pp.running !== false && pp.namespace === w.meta.namespace && selectorSelects(w.selector, pp.labels) ? [i] : [];
  });
  const replicas = own.length;
  const template = { workers: model.concurrency, queueLimit: model.queueLimit ?? Infinity, serviceTime: distributionSpec(model.serviceTime) };
  const names = new Set(placed.map((p) => p.name));
  let n = 0;
  for (let k = 0; k < hpa.maxReplicas; k++) {
    while (names.has(`${w.meta.name}-${n}`)) n++;
    names.add(`${w.meta.name}-${n}`);
    topologyPods.push({ name: `${w.meta.name}-${n}`, running: false, node: -1, ready: true, workers: template.workers,
      queueLimit: template.queueLimit, serviceTime: template.serviceTime });
    own.push(topologyPods.length - 1);
    endpoints.push(topologyPods.length - 1);
  }

  // The node groups' nodes after the Node objects, with what every node has left.
  const groupNodes: TopologyNode[] = [];
  const scheduling: SchedulingNode[] = objects.nodes.map(schedulingNode);
  const allocatable = { milliCpu: [] as number[], memory: [] as number[], pods: [] as number[] };
  const requested = { milliCpu: [] as number[], memory: [] as number[], pods: [] as number[] };
  for (const node of objects.nodes) {
    const a = node.allocatable;
    allocatable.milliCpu.push(a.milliCpu ?? Infinity);
    allocatable.memory.push(a.memory ?? Infinity);
    allocatable.pods.push(a.pods ?? Infinity);
    const on = placed.filter((p) => p.node === node.meta.name && p.running !== false);
    requested.milliCpu.push(on.reduce((sum, p) => sum + p.scheduling.requests.milliCpu, 0));
    requested.memory.push(on.reduce((sum, p) => sum + p.scheduling.requests.memory, 0));
    requested.pods.push(on.length);
  }
  const groups = spec.nodeGroups.map((g, gi) => {
    if (g.min > g.max) err(['spec', 'nodeGroups', gi, 'max'], `Invalid value: ${g.max}: must be greater than or equal to min (${g.min})`);
    const zone = g.zone ?? g.labels[ZONE_LABEL] ?? '';
    const nodes: number[] = [];
    for (let k = 0; k < g.max; k++) {
      const name = `${g.name}-${k}`;
      if (objects.nodes.some((x) => x.meta.name === name)) err(['spec', 'nodeGroups', gi, 'name'], `Duplicate value: node "${name}" is also a Node object`);
      nodes.push(objects.nodes.length + groupNodes.length);
      const cpu = parseQuantity(String(g.allocatable.cpu))!;
      groupNodes.push({ name, zone, ready: k < g.min, allocatableCpu: cpu, loadBalancerTarget: true });
      scheduling.push({ name, labels: { [HOSTNAME]: name, ...(zone ? { [ZONE_LABEL]: zone } : {}), ...g.labels }, taints: [], unschedulable: false, allocatable: {} });
      allocatable.milliCpu.push(Math.round(cpu * 1000));
      allocatable.memory.push(parseQuantity(String(g.allocatable.memory))!);
      allocatable.pods.push(g.allocatable.pods);
      requested.milliCpu.push(0);
      requested.memory.push(0);
      requested.pods.push(0);
    }
    return { name: g.name, nodes, min: g.min, provisioningDelay: parseDuration(g.provisioningDelay), scaleDownDelay: parseDuration(g.scaleDownDelay) };
  });
  const tolerations = podTolerations(s, false);
  const eligibleNodes = scheduling.flatMap((node, i) => (!node.unschedulable && !untoleratedTaint(node.taints, tolerations, ['NoSchedule', 'NoExecute'])
    && fitsNodeAffinity(s, node) ? [i] : []));
  if (errors > 0) return undefined;
  const a = spec.autoscaling;
  return {
    nodes: groupNodes,
    autoscaling: {
      hpa: {
        name: hpa.meta.name, target, pods: own, replicas, minReplicas: hpa.minReplicas, maxReplicas: hpa.maxReplicas, metric,
        behavior: hpa.behavior, eligibleNodes, requests: { milliCpu: request, memory: s.requests.memory },
        cpu: { perWorker, idle, request: request / 1000 },
      },
      nodeGroups: groups,
      allocatable,
      requested,
      controller: {
        syncPeriod: parseDuration(a.syncPeriod), tolerance: a.tolerance, cpuInitializationPeriod: parseDuration(a.cpuInitializationPeriod),
        initialReadinessDelay: parseDuration(a.initialReadinessDelay), downscaleStabilization: parseDuration(a.downscaleStabilization),
      },
      metricResolution: parseDuration(a.metricResolution),
      scanInterval: parseDuration(a.scanInterval),
      gracePeriod: parseDuration(spec.dynamics.gracePeriod),
    },
  };
}
