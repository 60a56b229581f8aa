import { z } from 'zod';
import { MAX_CONCURRENCY, MAX_MAGLEV_TABLE_SIZE, MAX_OTHER_SERVICES, MAX_POPULATION, MAX_RETRIES } from './limits.js';
import { Count, DistributionSpec, Duration, Int32, PositiveDuration, Share } from './scenario-values.js';
import { SLO_FORM, SLO_PATTERN } from './slo-text.js';

/**
 * The Scenario document: what Kubernetes objects do not say (traffic, pod service times, link
 * latencies, kube-proxy and load-balancer models, variants to compare). This zod schema is the
 * one source of both the validator and the published JSON Schema (schema/scenario.schema.json).
 */

export const SCENARIO_API_VERSION = 'svcsim.io/v1alpha1';

/**
 * The largest spec.seed and spec.traffic.requests, and so --seed and --requests: zod's int()
 * refuses integers beyond 2^53 - 1, where float64 stops counting one by one.
 */
export const MAX_WHOLE_NUMBER = Number.MAX_SAFE_INTEGER;

/** The most replications a study may ask for: 1000 give intervals a thirtieth as wide as 1 gives none. */
export const MAX_REPLICATIONS = 1000;

const LabelMap = z.record(z.string(), z.string());

/** A Kubernetes quantity: 500m, 0.5, 2, 4Gi. */
const Quantity = z.union([z.string().regex(/^[+]?[0-9.]+([eE][-+]?[0-9]+|[numkKMGTPE]|[KMGTPE]i)?$/, { message: 'must be a quantity such as 500m, 2 or 4Gi' }), z.number().nonnegative()]);

const Traffic = z.strictObject({
  service: z.string().min(1).describe('Name of the Service the traffic is aimed at.'),
  namespace: z.string().optional().describe('Namespace of the Service (default: the namespace of the one Service of that name; needed when several namespaces have one).'),
  port: z.union([z.string(), z.number().int()]).optional().describe('Service port, by name or number (default: its first port).'),
  entry: z
    .enum(['loadBalancer', 'nodePort', 'clusterIP'])
    .optional()
    .describe('Where requests enter: the external load balancer, a NodePort on given nodes, or the ClusterIP from in-cluster clients (default from the Service type).'),
  nodes: z.array(z.string()).min(1).optional().describe('nodePort entry: the nodes clients hit, evenly (default: every node).'),
  clients: z
    .strictObject({
      pods: LabelMap.optional().describe('Client pods, by label: each request comes from one of them, evenly.'),
      nodes: z.array(z.string()).min(1).optional().describe('Client nodes (host-network clients), evenly.'),
    })
    .optional()
    .describe('clusterIP entry: where in-cluster requests come from.'),
  arrival: z.enum(['poisson', 'deterministic']).default('poisson').describe('Arrival process.'),
  rate: z.number().positive().describe('Requests per second (a finite number above 0).'),
  requests: z.number().int().positive().optional().describe('How many requests to send (at most 10^9 per variant without --allow-large).'),
  duration: PositiveDuration.optional().describe('How long to send requests for (simulated time, above 0).'),
  warmup: Duration.optional().describe('Requests sent before this time are not measured; it must end before the sending does.'),
});

const PodModel = z.strictObject({
  selector: LabelMap.optional().describe('Pods this model applies to (default: every pod). The first matching entry wins.'),
  concurrency: z.number().int().positive().max(MAX_CONCURRENCY).default(1).describe('Parallel workers per pod (1 to 1000000).'),
  queueLimit: z.number().int().nonnegative().optional().describe('Requests that may wait for a worker; beyond it the pod rejects (default: unbounded).'),
  serviceTime: DistributionSpec.describe('Time a worker spends on one request.'),
  cpu: z.strictObject({
    perWorker: Quantity.describe('CPU a worker uses while busy with a request, e.g. 500m (a Kubernetes quantity).'),
    idle: Quantity.default(0).describe('CPU the pod uses with no request in hand, e.g. 20m.'),
  }).optional().describe('What the pod\'s CPU use is, for a HorizontalPodAutoscaler: busy workers x perWorker + idle.'),
});

const Autoscaling = z.strictObject({
  syncPeriod: PositiveDuration.default('15s').describe('kube-controller-manager --horizontal-pod-autoscaler-sync-period.'),
  tolerance: z.number().min(0).max(1).default(0.1).describe('--horizontal-pod-autoscaler-tolerance: no scaling while |1 - ratio| is within it.'),
  cpuInitializationPeriod: Duration.default('5m').describe('--horizontal-pod-autoscaler-cpu-initialization-period.'),
  initialReadinessDelay: Duration.default('30s').describe('--horizontal-pod-autoscaler-initial-readiness-delay.'),
  downscaleStabilization: Duration.default('5m').describe('--horizontal-pod-autoscaler-downscale-stabilization (HPAs without spec.behavior).'),
  metricResolution: PositiveDuration.default('15s').describe('metrics-server --metric-resolution: seconds between scrapes; CPU is averaged over one.'),
  scanInterval: PositiveDuration.default('10s').describe('The cluster autoscaler\'s --scan-interval.'),
});

const NodeGroup = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'must be a DNS-1123 label' }).describe('Its nodes are named <name>-0, <name>-1, ...'),
  labels: LabelMap.default({}).describe('Labels of the nodes it adds (the node template).'),
  zone: z.string().optional().describe('topology.kubernetes.io/zone of its nodes.'),
  allocatable: z.strictObject({
    cpu: Quantity, memory: Quantity, pods: Int32(1).default(110),
  }).describe('What each node offers the scheduler.'),
  min: Int32(0).default(0).describe('Nodes it always has (they run from the start).'),
  max: Int32(1).describe('Nodes it may have.'),
  provisioningDelay: Duration.default('90s').describe('From the decision to add a node to the node being Ready (the cloud\'s boot plus kubelet).'),
  scaleDownDelay: Duration.default('10m').describe('How long a node must be unneeded before it goes (--scale-down-unneeded-time).'),
});

const Network = z.strictObject({
  sameNode: DistributionSpec.default(0).describe('Node to a pod on the same node (veth), one way.'),
  sameZone: DistributionSpec.default(0).describe('Node to node in the same zone, one way.'),
  crossZone: DistributionSpec.default(0).describe('Node to node across zones, one way.'),
  clientToLoadBalancer: DistributionSpec.default(0).describe('Client to the external load balancer, one way.'),
  loadBalancerToNode: DistributionSpec.default(0).describe('Load balancer to a node, one way.'),
  clientToNode: DistributionSpec.default(0).describe('External client straight to a node (nodePort entry), one way.'),
});

const Retries = z.strictObject({
  count: z.number().int().nonnegative().max(MAX_RETRIES).describe('Retries after the first attempt (0 to 100).'),
  backoff: Duration.default('100ms').describe('Wait before the first retry; doubles for each further one.'),
  jitter: z.number().min(0).max(1).default(0.5).describe('Each wait is shortened by up to this fraction, at random.'),
});

const Clients = z.strictObject({
  population: z.number().int().positive().max(MAX_POPULATION).default(1000)
    .describe('Distinct client IP addresses, 1 to 16777216 (2^24); each request comes from one of them, evenly.'),
  zones: z.record(z.string(), Share.min(0)).optional()
    .describe('Share of clients in each zone, e.g. { us-east-1a: 2, us-east-1b: 1 } (default: even over the nodes\' zones).'),
  requestsPerConnection: Count.default(1).describe('Requests a client sends on one keep-alive connection before opening a new one (1: a connection per request).'),
  timeout: PositiveDuration.optional().describe('A client gives up on an attempt after this long, above 0 (default: it waits for ever).'),
  retries: Retries.optional().describe('Retry a failed, refused or timed-out attempt on a new connection.'),
});

const PodSelection = z.strictObject({
  pod: z.string().optional().describe('One pod, by name.'),
  workload: z.string().optional().describe('Pods of this Deployment, StatefulSet or ReplicaSet.'),
  selector: z.record(z.string(), z.string()).optional().describe('Pods with these labels.'),
  count: Int32(1).optional().describe('Only this many of them (the newest first).'),
});

const TimelineEvent = z.strictObject({
  at: Duration.describe('Simulated time of the event.'),
  nodeFailure: z.strictObject({ node: z.string(), mode: z.enum(['NotReady', 'Deleted']).default('NotReady') }).optional()
    .describe('The node stops: its pods die, requests on them fail, packets sent to it are lost.'),
  nodeRecovery: z.strictObject({ node: z.string() }).optional().describe('A failed node comes back (its pods restart).'),
  podTermination: PodSelection.extend({ gracePeriod: Duration.optional() }).optional()
    .describe('Pods start terminating: not ready but still serving until the grace period ends.'),
  podStart: z.strictObject({ workload: z.string(), count: Int32(1).default(1), node: z.string().optional() }).optional()
    .describe('New pods of a workload start; each is ready after the readiness delay.'),
  scale: z.strictObject({ workload: z.string(), replicas: Int32(0) }).optional(),
  rollingUpdate: z.strictObject({
    workload: z.string(),
    maxSurge: Int32(0).default(1),
    maxUnavailable: Int32(0).default(0),
  }).optional().describe('Replace every pod of a Deployment, as its controller does.'),
  latency: z.strictObject({
    link: z.enum(['sameNode', 'sameZone', 'crossZone', 'clientToLoadBalancer', 'loadBalancerToNode', 'clientToNode']).optional(),
    node: z.string().optional().describe('A degraded node: the extra delay applies to every packet into or out of it.'),
    value: DistributionSpec,
  }).optional().describe('A link class gets a new latency, or a node an extra one.'),
  load: z.strictObject({
    rate: z.number().positive().optional().describe('Step to this rate.'),
    ramp: z.strictObject({ to: z.number().positive(), over: PositiveDuration }).optional().describe('Change linearly to this rate.'),
    diurnal: z.strictObject({ min: z.number().nonnegative(), max: z.number().positive(), period: PositiveDuration.default('24h') }).optional()
      .describe('From here on, a sine between min and max (at min when the event happens).'),
  }).optional(),
});

const Dynamics = z.strictObject({
  endpointPropagationDelay: Duration.default('1s').describe('From a pod\'s readiness change to kube-proxy on every node, and the cluster DNS, acting on it.'),
  readinessDelay: Duration.default('5s').describe('From a pod\'s start to its readiness.'),
  gracePeriod: Duration.default('30s').describe('terminationGracePeriodSeconds, unless an event says otherwise.'),
});

const KubeProxy = z.strictObject({
  mode: z.enum(['iptables', 'nftables', 'ipvs']).default('iptables')
    .describe('iptables and nftables choose uniformly at random per new connection; ipvs uses `scheduler`.'),
  scheduler: z.enum(['rr', 'lc', 'sh', 'sed', 'nq']).default('rr').describe('IPVS scheduler (mode ipvs only).'),
  iptablesCost: z
    .strictObject({
      perService: Duration.describe('Time to walk one Service\'s rules for the first packet of a connection.'),
      otherServices: z.number().int().nonnegative().max(MAX_OTHER_SERVICES).default(0).describe('Services in the cluster besides those in the input (0 to 1000000).'),
    })
    .optional()
    .describe('iptables mode: a delay per new connection, linear in the number of Services.'),
});

const HealthCheck = z.strictObject({
  interval: PositiveDuration.default('10s'),
  healthyThreshold: Int32(1).default(2),
  unhealthyThreshold: Int32(1).default(3),
});

const LoadBalancer = z.strictObject({
  model: z.enum(['even', 'nlb', 'weighted', 'ip-targets', 'metallb-l2', 'metallb-bgp', 'ecmp', 'maglev']).optional()
    .describe('How the external load balancer reaches the cluster; see the README table. Default: the model the Service\'s annotations name (e.g. service.beta.kubernetes.io/aws-load-balancer-type: nlb), else even.'),
  healthCheck: z.union([z.boolean(), HealthCheck]).default(true)
    .describe('Probe nodes and skip failing ones (under Local: nodes without a ready endpoint). true: every 10s, 2 up, 3 down.'),
  crossZone: z.boolean().optional().describe('nlb, ip-targets: each zone\'s front end spreads over every zone instead of its own. Default: as the Service\'s AWS annotations say, else false (the NLB default).'),
  maglevTableSize: z.number().int().positive().max(MAX_MAGLEV_TABLE_SIZE).default(16381)
    .describe('maglev: lookup table size, a prime up to 131071 (Cilium\'s sizes: 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071).'),
  dsr: z.boolean().default(false).describe('maglev: direct server return, the reply skips the ingress node.'),
});

const Zones = z.strictObject({
  pricePerGB: Share.min(0).default(0.01).describe('USD per GB crossing zones, charged in each direction (out of one zone and into the other).'),
  requestBytes: z.number().nonnegative().default(1000),
  responseBytes: z.number().nonnegative().default(10000),
});

const IngressMix = z.strictObject({
  ingressClassName: z.string().optional().describe('Only Ingresses of this class (default: every Ingress in the input).'),
  requests: z
    .array(z.strictObject({
      host: z.string().min(1),
      // A pattern, not startsWith: zod publishes startsWith as a format JSON Schema does not define.
      path: z.string().regex(/^\//, { message: 'must begin with "/"' }),
      weight: Share.positive().default(1),
    }))
    .min(1)
    .describe('The request mix: each request asks for one host and path, in proportion to the weights.'),
});

const ExternalName = z.strictObject({
  name: z.string().optional().describe('The name clients look up (default: the Service\'s short name).'),
  dns: z
    .strictObject({
      latency: DistributionSpec.default('1ms').describe('One query from a pod to the cluster DNS and back (estimate).'),
      upstreamLatency: DistributionSpec.default('10ms').describe('The cluster DNS resolving an outside name upstream (estimate).'),
      ndots: z.number().int().nonnegative().default(5),
      nodeSearchDomains: z.array(z.string()).default([]).describe('Search domains the pods inherit from the node.'),
      queriesPerName: z.union([z.literal(1), z.literal(2)]).default(1).describe('2: A and AAAA in parallel.'),
      cacheTtl: Duration.optional().describe('Clients cache answers this long (default: no client cache).'),
    })
    .default({ latency: '1ms', upstreamLatency: '10ms', ndots: 5, nodeSearchDomains: [], queriesPerName: 1 }),
  target: z.strictObject({
    latency: DistributionSpec.describe('The outside service: request and response, its own work included.'),
  }),
});

const HeadlessDns = z.strictObject({
  latency: DistributionSpec.default('1ms').describe('One query from a pod to the cluster DNS and back (estimate).'),
  upstreamLatency: DistributionSpec.default('10ms').describe('The cluster DNS forwarding a search-path name outside the cluster domain upstream (estimate).'),
  ndots: z.number().int().nonnegative().default(5),
  nodeSearchDomains: z.array(z.string()).default([]).describe('Search domains the pods inherit from the node.'),
  queriesPerName: z.union([z.literal(1), z.literal(2)]).default(1).describe('2: A and AAAA in parallel.'),
  ttl: Duration.default('30s')
    .describe('How long a client keeps an answer: the records\' TTL (the kubernetes plugin\'s ttl: 30s in kubeadm\'s Corefile, 5s where the Corefile leaves it out), or 0 for clients that cache nothing (glibc, musl, Go, Node).'),
  order: z.enum(['rotate', 'fixed']).default('rotate')
    .describe('rotate: every answer in a fresh random order (CoreDNS\'s loadbalance plugin, in the stock Corefiles); fixed: the endpoints\' order (a Corefile without loadbalance).'),
});

const Headless = z.strictObject({
  name: z.string().optional().describe('The name clients look up (default: the Service\'s short name).'),
  dns: HeadlessDns.default({ latency: '1ms', upstreamLatency: '10ms', ndots: 5, nodeSearchDomains: [], queriesPerName: 1, ttl: '30s', order: 'rotate' }),
});

/** What a headless Service's clients do when the Scenario says nothing: Headless's defaults. */
export const HEADLESS_DEFAULTS: z.output<typeof Headless> = Headless.parse({});

const Placement = z
  .record(z.string(), z.record(z.string(), Int32(0)))
  .describe('Pins pods of a workload to nodes: { webserver: { node-a: 2, node-b: 1 } }. Pods left over are spread by the default scheduler.');

const CompareRange = z.strictObject({
  from: z.union([z.number(), z.string()]),
  to: z.union([z.number(), z.string()]),
  step: z.union([z.number(), z.string()]),
}).describe('A sweep: from, from + step, ... up to to; all numbers (replicas, a rate, concurrency) or all durations ("1ms").');

const Compare = z
  .record(z.string(), z.union([z.array(z.union([z.string(), z.number(), z.boolean()])).min(1), CompareRange]))
  .describe('Field path -> values (a list, or a range { from, to, step }); every combination is a variant. A path is "spec.externalTrafficPolicy" (on the traffic Service), "Kind/name:spec.field" (any object) or "Scenario:spec.field" (this document, e.g. Scenario:spec.loadBalancer.model).');

export const ScenarioSchema = z.strictObject({
  apiVersion: z.literal(SCENARIO_API_VERSION),
  kind: z.literal('Scenario'),
  metadata: z.strictObject({ name: z.string().min(1), description: z.string().optional() }),
  spec: z.strictObject({
    seed: z.number().int().nonnegative().default(1),
    replications: z.number().int().min(1).max(MAX_REPLICATIONS).default(1)
      .describe('Independent runs of every variant: replication r draws from streams keyed by (seed, r, name). Above 1, every metric is reported as a mean with a 95% interval, and variants are compared pairwise against the first.'),
    slo: z.array(z.string().regex(SLO_PATTERN, { message: SLO_FORM })).default([])
      .describe('Service-level objectives, e.g. ["p99<=50ms", "errors<=0.1%", "utilization<=70%"]: metrics mean, p50, p90, p99, p999, max (durations), errors, utilization (percentages); each variant passes, fails or is inconclusive.'),
    traffic: Traffic,
    pods: z.array(PodModel).default([]).describe('Pod models; every endpoint of the Services in play needs one.'),
    network: Network.default({ sameNode: 0, sameZone: 0, crossZone: 0, clientToLoadBalancer: 0, loadBalancerToNode: 0, clientToNode: 0 }),
    clients: Clients.default({ population: 1000, requestsPerConnection: 1 }),
    kubeProxy: KubeProxy.default({ mode: 'iptables', scheduler: 'rr' }),
    loadBalancer: LoadBalancer.default({ healthCheck: true, maglevTableSize: 16381, dsr: false }),
    zones: Zones.default({ pricePerGB: 0.01, requestBytes: 1000, responseBytes: 10000 }),
    placement: Placement.optional(),
    ingress: IngressMix.optional().describe('Traffic through an Ingress controller: the traffic Service is the controller\'s.'),
    externalName: ExternalName.optional().describe('Traffic to an ExternalName Service: DNS, then the outside target.'),
    headless: Headless.optional().describe('Traffic to a headless Service (clusterIP: None): DNS answers with pod IPs, clients connect straight to a pod.'),
    compare: Compare.optional(),
    timeline: z.array(TimelineEvent).default([]).describe('Changes to the cluster and the load, at simulated times.'),
    dynamics: Dynamics.default({ endpointPropagationDelay: '1s', readinessDelay: '5s', gracePeriod: '30s' }),
    autoscaling: Autoscaling.default({
      syncPeriod: '15s', tolerance: 0.1, cpuInitializationPeriod: '5m', initialReadinessDelay: '30s', downscaleStabilization: '5m',
      metricResolution: '15s', scanInterval: '10s',
    }).describe('The autoscaling controllers\' settings, for a HorizontalPodAutoscaler in the input.'),
    nodeGroups: z.array(NodeGroup).default([]).describe('Node groups the cluster autoscaler grows when pods are Pending and shrinks when nodes are unneeded.'),
    timeSeries: z.strictObject({ interval: PositiveDuration.default('1s') }).default({ interval: '1s' })
      .describe('timeseries.csv: one row per interval of simulated time (above 0; coarsened to keep the file within 100000 rows unless --allow-large).'),
  }),
});

export type ScenarioDocument = z.output<typeof ScenarioSchema>;
export type DistributionInput = z.output<typeof DistributionSpec>;
export type DurationInput = z.output<typeof Duration>;
export type CountInput = z.output<typeof Count>;
export type TimelineEventInput = z.output<typeof TimelineEvent>;

/**
 * The published JSON Schema (schema/scenario.schema.json). An editor's `# yaml-language-server:
 * $schema=` line applies it to every document of a file, so it accepts any Kubernetes object and
 * holds a document to the Scenario's rules only when it is one (kind Scenario of an svcsim.io
 * API version, as the loader picks them).
 */
export function scenarioJsonSchema(): object {
  const { $schema, ...scenario } = z.toJSONSchema(ScenarioSchema, { io: 'input' }) as Record<string, unknown>;
  spellTypeUnionsWithAnyOf(scenario);
  return {
    $schema,
    title: 'svcsim scenario file',
    description: 'A document of an svcsim scenario file: a Kubernetes object, or the one kind: Scenario document (checked against $defs.Scenario).',
    type: 'object',
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' } },
    required: ['apiVersion', 'kind'],
    if: {
      properties: { apiVersion: { type: 'string', pattern: '^svcsim\\.io/' }, kind: { const: 'Scenario' } },
      required: ['apiVersion', 'kind'],
    },
    then: { $ref: '#/$defs/Scenario' },
    $defs: { Scenario: scenario },
  };
}

/**
 * zod writes a union of primitives as a list of types (`type: [string, number]`), which strict
 * Ajv refuses (strictTypes); the same union spelt with anyOf passes every validator.
 */
function spellTypeUnionsWithAnyOf(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (Array.isArray(schema.type)) {
    schema.anyOf = schema.type.map((type) => ({ type }));
    delete schema.type;
  }
  for (const child of Object.values(schema)) spellTypeUnionsWithAnyOf(child);
}
