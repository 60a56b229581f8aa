import { MAX_AFFINITY_CELLS } from '../model/session-affinity.js';
import type { Topology, TrafficSpec } from '../model/topology.js';
import { distributionMean, distributionSpec } from './distribution-spec.js';
import { formatDuration, parseDuration } from './durations.js';
import { MAX_PENDING_EVENTS, type RunLimits } from './limits.js';
import { selectorSelects } from './labels.js';
import type { ClusterObjects, FieldPath, WorkloadObject } from './objects.js';
import type { CompareLists } from './compare-ranges.js';
import type { Report } from './placement.js';
import { estimateCost, totalMemory, type MemoryPart, type VariantCost } from './run-cost.js';
import type { ScenarioDocument } from './scenario-schema.js';
import { approx, bytes, span } from './quantities.js';

/**
 * The pre-flight: every run is bounded before it starts. checkScenario calls it, so `validate`
 * and `run` refuse alike: the input's size before placement allocates a pod, each variant's cost
 * (run-cost.ts) once it is built, then the run's against the limits (limits.ts). A refusal
 * names the field to change, the estimate and the limit; `--allow-large` lifts the run limits,
 * not the engine's own (events pending at once, session-affinity table).
 */

type Spec = ScenarioDocument['spec'];

/** Where the command line set the traffic's length, so messages name the option. */
export interface TrafficOrigin {
  requests?: boolean;
  duration?: boolean;
}

const ALLOW_LARGE = 'or run with --allow-large';

/** Pods and nodes in the input, before placement makes a pod: `replicas: 2147483647` stops here. */
export function checkInputSize(objects: ClusterObjects, spec: Spec, limits: RunLimits, report: Report): boolean {
  if (objects.nodes.length > limits.nodes) {
    const n = objects.nodes[limits.nodes];
    report('error', [], `the input has ${objects.nodes.length} Nodes, more than the limit of ${limits.nodes} `
      + `(Kubernetes' own limit per cluster); leave some out, ${ALLOW_LARGE}`, { file: n.origin.file, line: n.origin.lineOf(['metadata', 'name']), object: `Node/${n.meta.name}` });
    return false;
  }
  // The pods as placement will make them: each workload's replicas less the Pods of it the input
  // lists (a dump's ReplicaSet makes none: its Deployment does), a DaemonSet one per node; then
  // what pins and the timeline start: an upper bound.
  const alive = new Map(objects.workloads.map((w) => [w.meta.name, w.replicas]));
  const present = new Set(objects.workloads.map((w) => `${w.kind}/${w.meta.name}`));
  const makesPods = (w: WorkloadObject) => !(w.owner !== undefined && present.has(w.owner));
  const listed = (w: WorkloadObject) => objects.pods
    .filter((p) => p.meta.namespace === w.meta.namespace && selectorSelects(w.selector, p.meta.labels)).length;
  let pods = objects.pods.length;
  let biggest: { made: number; report: (message: string) => void } | undefined;
  const made = (count: number, value: number, at: (message: string) => void) => {
    pods += count;
    if (!biggest || count > biggest.made) biggest = { made: count, report: (m) => at(`Invalid value: ${value}: ${m}`) };
  };
  for (const w of objects.workloads.filter(makesPods)) {
    const count = w.kind === 'DaemonSet' ? objects.nodes.length : Math.max(0, w.replicas - listed(w));
    made(count, w.replicas, (m) => report('error', ['spec', 'replicas'], m,
      { file: w.origin.file, line: w.origin.lineOf(['spec', 'replicas']), object: `${w.kind}/${w.meta.name}` }));
  }
  // Pins are made before placement checks them against replicas: count them too.
  for (const [workload, pins] of Object.entries(spec.placement ?? {})) {
    for (const [node, count] of Object.entries(pins)) made(count, count, (m) => report('error', ['spec', 'placement', workload, node], m));
  }
  spec.timeline.forEach((e, i) => {
    const at = (field: FieldPath) => (m: string) => report('error', ['spec', 'timeline', i, ...field], m);
    if (e.podStart) {
      alive.set(e.podStart.workload, (alive.get(e.podStart.workload) ?? 0) + e.podStart.count);
      made(e.podStart.count, e.podStart.count, at(['podStart', 'count']));
    } else if (e.scale) {
      const before = alive.get(e.scale.workload) ?? 0;
      alive.set(e.scale.workload, e.scale.replicas);
      made(Math.max(0, e.scale.replicas - before), e.scale.replicas, at(['scale', 'replicas']));
    } else if (e.rollingUpdate) {
      const count = alive.get(e.rollingUpdate.workload) ?? 0;
      made(count, count, at(['rollingUpdate', 'workload']));
    }
  });
  // An HPA has a place made for every pod it may add, and node groups a node for each they may add.
  for (const h of objects.hpas) {
    made(Math.max(0, h.maxReplicas), h.maxReplicas, (m) => report('error', ['spec', 'maxReplicas'], m,
      { file: h.origin.file, line: h.origin.lineOf(['spec', 'maxReplicas']), object: `HorizontalPodAutoscaler/${h.meta.name}` }));
  }
  const groupNodes = spec.nodeGroups.reduce((n, g) => n + g.max, 0);
  if (objects.nodes.length + groupNodes > limits.nodes) {
    report('error', ['spec', 'nodeGroups'], `Invalid value: the node groups may add ${approx(groupNodes)} nodes to the input's ${objects.nodes.length}, `
      + `more than the limit of ${approx(limits.nodes)} (Kubernetes' own limit per cluster); lower their max, ${ALLOW_LARGE}`);
    return false;
  }
  if (pods <= limits.pods || !biggest) return true;
  biggest.report(`the cluster would have about ${approx(pods)} pods, more than the limit of ${approx(limits.pods)} `
    + `(Kubernetes' own limit per cluster); lower it, ${ALLOW_LARGE}`);
  return false;
}

/** Variants are every combination of the compare values: counted before they are made. */
export function checkVariantCount(compare: CompareLists, limits: RunLimits, report: Report): boolean {
  const count = Object.values(compare).reduce((n, values) => n * values.length, 1);
  if (count <= limits.variants) return true;
  report('error', ['spec', 'compare'], `Invalid value: ${approx(count)} variants (every combination of the values), `
    + `more than the limit of ${approx(limits.variants)}; compare fewer values, ${ALLOW_LARGE}`);
  return false;
}

/** One built variant's cost, or undefined when it breaks what no flag lifts (reported). */
export function checkVariantCost(topology: Topology, traffic: TrafficSpec, spec: Spec, from: TrafficOrigin,
  report: Report): VariantCost | undefined {
  const cost = estimateCost(topology, traffic);
  let ok = true;
  const t = spec.traffic;
  if (t.warmup !== undefined && traffic.warmup > 0 && traffic.warmup >= cost.sendTime) {
    ok = false;
    const why = traffic.duration !== undefined
      ? `not shorter than the sending (duration ${JSON.stringify(t.duration)}${from.duration ? ', from --duration' : ''})`
      : `the ${approx(cost.requests)} requests are all sent in about ${span(cost.sendTime)}, before the warm-up ends`;
    report('error', ['spec', 'traffic', 'warmup'], `Invalid value: ${JSON.stringify(t.warmup)}: ${why}: nothing would be measured`);
  }
  const pending = cost.pending.flight + cost.pending.timeouts;
  if (pending > MAX_PENDING_EVENTS) {
    ok = false;
    const engine = `more than the ${MAX_PENDING_EVENTS} the engine holds (half its 2^21, for the estimate's sake)`;
    if (cost.pending.timeouts > cost.pending.flight) {
      report('error', ['spec', 'clients', 'timeout'], `Invalid value: ${JSON.stringify(spec.clients.timeout)}: every attempt keeps a timer `
        + `until its timeout, so about ${approx(pending)} events would be pending at once at ${approx(cost.maxRate)} requests/s, ${engine}; shorten it or lower the rate`);
    } else {
      report('error', ['spec', 'traffic', 'rate'], `Invalid value: ${t.rate}: about ${approx(pending)} events would be pending at once `
        + `(requests on their way and in service at up to ${approx(cost.maxRate)}/s), ${engine}; lower the rate`);
    }
  }
  if (cost.affinityCells > MAX_AFFINITY_CELLS) {
    ok = false;
    report('error', ['spec', 'clients', 'population'], `Invalid value: ${spec.clients.population}: sessionAffinity ClientIP keeps an entry per `
      + `node and client, ${approx(cost.affinityCells)} of them, more than the ${MAX_AFFINITY_CELLS} svcsim can hold; lower it`);
  }
  return ok ? cost : undefined;
}

type Measure = (c: VariantCost) => number;

/** A built variant with what the run-wide checks need to name fields. */
export interface CostedVariant {
  name: string;
  traffic: TrafficSpec;
  cost: VariantCost;
  spec: Spec;
  objects: ClusterObjects;
}

/**
 * The run limits, each against the costliest variant, reported once; then the time series:
 * its interval is coarsened (1, 2 or 5 times a power of ten seconds) to keep the rows of all
 * variants within the limit, with a warning. Sets each variant's horizon and row cap, the
 * engine's guard against what no estimate foresees (a rare draw of a heavy-tailed distribution).
 */
export function checkRunCost(variants: CostedVariant[], limits: RunLimits, from: TrafficOrigin, report: Report): boolean {
  const worst = (measure: Measure) => variants.reduce((a, b) => (measure(b.cost) > measure(a.cost) ? b : a));
  // Name the variant when it stands out; when every variant costs the same, say so.
  const which = (v: CostedVariant, measure: Measure) => {
    if (variants.length === 1) return '';
    return variants.every((o) => measure(o.cost) === measure(v.cost)) ? ' in each variant' : ` in variant "${v.name}"`;
  };
  // One refusal at most: a run too long is also one of too many events, and one message is clearer.
  let ok = true;
  const refuse = (path: FieldPath, value: unknown, what: string, limit: string, fix: string) => {
    if (ok) report('error', path, `Invalid value: ${value}: ${what}, more than the limit of ${limit}; ${fix}, ${ALLOW_LARGE}`);
    ok = false;
  };
  const length = (v: CostedVariant): [FieldPath, string] => (v.traffic.duration !== undefined
    ? [['spec', 'traffic', 'duration'], `${JSON.stringify(v.spec.traffic.duration)}${from.duration ? ' (from --duration)' : ''}`]
    : [['spec', 'traffic', 'requests'], `${v.spec.traffic.requests}${from.requests ? ' (from --requests)' : ''}`]);

  const sent: Measure = (c) => c.requests;
  const busiest = worst(sent);
  if (busiest.cost.requests > limits.requests) {
    const [path, value] = length(busiest);
    refuse(path, value, `the run would send about ${approx(busiest.cost.requests)} requests${which(busiest, sent)}`, approx(limits.requests), 'lower it');
  }
  const simulated: Measure = (c) => c.simTime;
  const longest = worst(simulated);
  if (longest.cost.simTime > limits.simulatedSeconds) {
    const { cost, spec } = longest;
    const what = `the run would simulate about ${span(cost.simTime)}${which(longest, simulated)}`;
    const limit = span(limits.simulatedSeconds);
    if (longest.traffic.duration !== undefined) {
      refuse(...length(longest), what, limit, 'shorten it');
    } else if (cost.drain > cost.sendTime) {
      const slowest = slowestPodModel(spec);
      refuse(['spec', 'pods', slowest, 'serviceTime'], JSON.stringify(spec.pods[slowest].serviceTime),
        `${what}: its pods would work off a backlog of ${approx(cost.requests)} requests for about ${span(cost.drain)}`, limit,
        'shorten it, add workers or send fewer requests');
    } else {
      refuse(['spec', 'traffic', 'rate'], spec.traffic.rate, `${what}: ${approx(cost.requests)} requests at ${approx(cost.requests / cost.sendTime)}/s`,
        limit, 'raise it or send fewer requests');
    }
  }
  const happened: Measure = (c) => c.events.requests + c.events.probes + c.events.timeline;
  const eventful = worst(happened);
  const e = eventful.cost.events;
  const events = e.requests + e.probes + e.timeline;
  if (events > limits.events) {
    const what = `the run would simulate about ${approx(events)} events${which(eventful, happened)}`;
    const hc = eventful.spec.loadBalancer.healthCheck;
    if (e.probes >= e.requests && e.probes >= e.timeline) {
      const interval = typeof hc === 'object' ? hc.interval : '10s';
      refuse(['spec', 'loadBalancer', 'healthCheck', 'interval'], JSON.stringify(interval),
        `${what}: health probes every ${interval} on ${eventful.objects.nodes.length} nodes for ${span(eventful.cost.simTime)}`,
        approx(limits.events), 'lengthen it');
    } else if (e.timeline > e.requests) {
      refuse(['spec', 'timeline'], `${eventful.spec.timeline.length} events`, what, approx(limits.events), 'make fewer changes');
    } else {
      refuse(...length(eventful), what, approx(limits.events), 'send fewer requests');
    }
  }
  if (!ok) return false;
  coarsenTimeSeries(variants, limits, report);
  const hungry = worst(totalMemory);
  const memory = totalMemory(hungry.cost);
  if (memory > limits.memoryBytes) {
    const parts = Object.entries(hungry.cost.memory) as Array<[MemoryPart, number]>;
    const [part, partBytes] = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
    const what = `the run would need about ${bytes(memory)} of memory${which(hungry, totalMemory)}, ${bytes(partBytes)} of it for ${MEMORY_PARTS[part]}`;
    const [path, value, fix, origin] = memoryField(part, hungry);
    report('error', path, `Invalid value: ${value}: ${what}, more than the limit of ${bytes(limits.memoryBytes)}; ${fix}, ${ALLOW_LARGE}`, origin);
    return false;
  }
  for (const v of variants) {
    v.traffic.horizon = limits.simulatedSeconds;
    v.traffic.maxTimeSeriesRows = limits.timeSeriesRows;
  }
  return true;
}

const MEMORY_PARTS: Record<MemoryPart, string> = {
  pods: 'pods', clients: 'client addresses', timeSeries: 'the time series', maglev: 'Maglev tables', inFlight: 'requests in flight',
};

function memoryField(part: MemoryPart, v: CostedVariant): [FieldPath, unknown, string, Parameters<Report>[3]] {
  const s = v.spec;
  if (part === 'clients') return [['spec', 'clients', 'population'], s.clients.population, 'lower it', undefined];
  if (part === 'maglev') return [['spec', 'loadBalancer', 'maglevTableSize'], s.loadBalancer.maglevTableSize, 'lower it', undefined];
  if (part === 'timeSeries') return [['spec', 'timeSeries', 'interval'], JSON.stringify(s.timeSeries.interval), 'lengthen it', undefined];
  if (part === 'inFlight') return [['spec', 'traffic', 'rate'], s.traffic.rate, 'lower it', undefined];
  const w = v.objects.workloads.reduce<ClusterObjects['workloads'][number] | undefined>((a, b) => (!a || b.replicas > a.replicas ? b : a), undefined);
  if (!w) return [['spec', 'traffic', 'service'], JSON.stringify(s.traffic.service), 'select fewer pods', undefined];
  return [['spec', 'replicas'], w.replicas, 'lower it',
    { file: w.origin.file, line: w.origin.lineOf(['spec', 'replicas']), object: `${w.kind}/${w.meta.name}` }];
}

function coarsenTimeSeries(variants: CostedVariant[], limits: RunLimits, report: Report): void {
  const rows = variants.reduce((sum, v) => sum + v.cost.timeSeriesRows, 0);
  if (rows <= limits.timeSeriesRows) return;
  const simTime = variants.reduce((sum, v) => sum + v.cost.simTime, 0);
  const interval = niceCeiling(simTime / (limits.timeSeriesRows - variants.length));
  const first = variants[0];
  for (const v of variants) {
    if (v.traffic.timeSeriesInterval >= interval) continue;
    v.traffic.timeSeriesInterval = interval;
    v.cost.timeSeriesRows = Math.ceil(v.cost.simTime / interval) + 1;
    v.cost.memory.timeSeries = v.cost.timeSeriesRows * (12 + v.objects.nodes.length) * 8;
  }
  const over = variants.length > 1 ? ` over ${variants.length} variants` : '';
  report('warning', ['spec', 'timeSeries', 'interval'], `timeseries.csv would have about ${approx(rows)} rows at ${formatDuration(parseDuration(first.spec.timeSeries.interval))}`
    + `${over} (about ${span(simTime / variants.length)} of simulated time${variants.length > 1 ? ' each' : ''}), more than the limit of ${approx(limits.timeSeriesRows)}: `
    + `writing a row per ${formatDuration(interval)} instead; set the interval yourself, ${ALLOW_LARGE}`);
}

/** The smallest of 1, 2, 5 x 10^k seconds at or above `seconds`. */
function niceCeiling(seconds: number): number {
  const power = 10 ** Math.floor(Math.log10(seconds));
  return [1, 2, 5, 10].map((m) => m * power).find((x) => x >= seconds * (1 - 1e-12)) ?? 10 * power;
}

function slowestPodModel(spec: Spec): number {
  const means = spec.pods.map((p) => distributionMean(distributionSpec(p.serviceTime)));
  return means.indexOf(Math.max(...means));
}
