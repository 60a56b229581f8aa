import type { DistributionSpec } from '../engine/distributions.js';
import type { HealthCheckSpec } from './health-check.js';
import type { Behavior, MetricTarget } from './hpa-algorithm.js';

/**
 * The cluster one variant runs on, resolved from Kubernetes objects and the Scenario: plain
 * data, indices instead of names, nothing left to look up while the simulation runs.
 */
export interface TopologyNode {
  name: string;
  zone: string;
  ready: boolean;
  /** Allocatable CPU cores, if the Node says (topology hints allot endpoints by it). */
  allocatableCpu?: number;
  /**
   * The external load balancer may send to it: the cloud's service controller (or MetalLB) has
   * not left it out. An excluded node still runs its pods and kube-proxy.
   */
  loadBalancerTarget: boolean;
}

export interface TopologyPod {
  name: string;
  /** false: the pod does not exist until a timeline event starts it. */
  running: boolean;
  /** Index into nodes; -1 for a pod an autoscaler may add, which the scheduler binds when it is created. */
  node: number;
  ready: boolean;
  workers: number;
  /** Waiting room; Infinity when unbounded. */
  queueLimit: number;
  serviceTime: DistributionSpec;
}

/** A whole number drawn per use: a constant, geometric by its mean, or uniform in [min, max]. */
export type CountSpec = number | { geometric: { mean: number } } | { uniform: { min: number; max: number } };

export type Entry = 'loadBalancer' | 'nodePort' | 'clusterIP';
export type Policy = 'Cluster' | 'Local';

export interface NetworkSpec {
  sameNode: DistributionSpec;
  sameZone: DistributionSpec;
  crossZone: DistributionSpec;
  clientToLoadBalancer: DistributionSpec;
  loadBalancerToNode: DistributionSpec;
  clientToNode: DistributionSpec;
}

/** Traffic through an Ingress controller (the traffic Service's endpoints are the controller pods). */
export interface IngressSpec {
  /** For each entry of the request mix: its backend (index into backendPods), or -1. */
  routeOf: number[];
  /** Running sum of the mix's weights. */
  cumulativeWeight: number[];
  /** For each backend Service of the rules: its endpoint pods (indices into pods). */
  backendPods: number[][];
  backendNames: string[];
}

/** How a client pod's resolver and the cluster DNS answer: shared by ExternalName and headless Services. */
export interface ResolverSpec {
  latency: DistributionSpec;
  upstreamLatency: DistributionSpec;
  ndots: number;
  nodeSearchDomains: string[];
  queriesPerName: 1 | 2;
}

/** Traffic to an ExternalName Service: DNS resolution, then the outside target. */
export interface ExternalNameSpec {
  /** The name the clients look up. */
  name: string;
  namespace: string;
  services: Array<{ name: string; namespace: string; externalName?: string }>;
  dns: ResolverSpec & {
    /** Seconds a client caches an answer; undefined: no client cache. */
    cacheTtl?: number;
  };
  targetLatency: DistributionSpec;
}

/**
 * Traffic to a headless Service (clusterIP: None): the clients resolve its name through the
 * cluster DNS to the pod IPs it publishes and connect straight to a pod.
 */
export interface HeadlessSpec {
  /** The name the clients look up, and the absolute name it must resolve as. */
  name: string;
  fqdn: string;
  /** The clients' namespace: their first search domain. */
  namespace: string;
  services: Array<{ name: string; namespace: string; externalName?: string }>;
  /** spec.publishNotReadyAddresses: not-ready (terminating) endpoints are published too. */
  publishNotReadyAddresses: boolean;
  dns: ResolverSpec & {
    /** Seconds a client keeps an answer (0: it resolves anew for every connection). */
    ttl: number;
    /** rotate: each answer in a fresh random order (CoreDNS loadbalance); fixed: the endpoints' order. */
    order: 'rotate' | 'fixed';
  };
}

/** A timeline event resolved to indices: what happens at `at` seconds. */
export type TimelineAction =
  | { at: number; kind: 'nodeFailure'; node: number; deleted: boolean }
  | { at: number; kind: 'nodeRecovery'; node: number }
  | { at: number; kind: 'podTermination'; pods: number[]; grace: number }
  | { at: number; kind: 'podStart'; pods: number[] }
  | { at: number; kind: 'rollingUpdate'; old: number[]; fresh: number[]; maxSurge: number; maxUnavailable: number; grace: number }
  | { at: number; kind: 'latency'; link?: string; node?: number; value: DistributionSpec }
  | { at: number; kind: 'load'; rate?: number; ramp?: { to: number; over: number }; diurnal?: { min: number; max: number; period: number } };

export interface Dynamics {
  timeline: TimelineAction[];
  /** Seconds from a readiness change to kube-proxy acting on it. */
  propagationDelay: number;
  /** Seconds from a pod's start to its readiness. */
  readinessDelay: number;
  /** Seconds a client waits for an attempt; Infinity: for ever. */
  clientTimeout: number;
  retries: { count: number; backoff: number; jitter: number };
}

/** A HorizontalPodAutoscaler and the workload it scales, resolved to indices. */
export interface HpaSpec {
  name: string;
  /** The scale target, e.g. "Deployment/web". */
  target: string;
  /**
   * The workload's pods: the first `replicas` exist at the start; the rest are places for the
   * pods the autoscaler adds (pods: index into Topology.pods).
   */
  pods: number[];
  replicas: number;
  minReplicas: number;
  maxReplicas: number;
  metric: MetricTarget;
  /** spec.behavior after the API server's defaults; undefined when not given (the controller's older rules apply). */
  behavior?: Behavior;
  /** Nodes a pod of the workload may go to by its taints, tolerations, selectors, affinity and cordons. */
  eligibleNodes: number[];
  /** A pod's requests as the scheduler's fit filter counts them: millicores, bytes. */
  requests: { milliCpu: number; memory: number };
  /** A pod's CPU use: cores per busy worker, cores when idle, and its request (cores). */
  cpu: { perWorker: number; idle: number; request: number };
}

/** A node group the cluster autoscaler grows and shrinks: its nodes are in Topology.nodes. */
export interface NodeGroupSpec {
  name: string;
  /** Its nodes in the order the group adds them; the first `min` run from the start. */
  nodes: number[];
  min: number;
  /** Seconds from the decision to add a node to the node being Ready. */
  provisioningDelay: number;
  /** Seconds a node must be unneeded before it is removed. */
  scaleDownDelay: number;
}

/** The controllers in the loop: the HPA, metrics-server, the scheduler's fit, the cluster autoscaler. */
export interface AutoscalingSpec {
  hpa: HpaSpec;
  nodeGroups: NodeGroupSpec[];
  /** Per node: allocatable (Infinity where not limited) and what the pods placed at load time request. */
  allocatable: { milliCpu: number[]; memory: number[]; pods: number[] };
  requested: { milliCpu: number[]; memory: number[]; pods: number[] };
  /** kube-controller-manager's --horizontal-pod-autoscaler-* flags, in seconds and as a fraction. */
  controller: {
    syncPeriod: number;
    tolerance: number;
    cpuInitializationPeriod: number;
    initialReadinessDelay: number;
    downscaleStabilization: number;
  };
  /** metrics-server's --metric-resolution: seconds between two scrapes of the kubelets. */
  metricResolution: number;
  /** The cluster autoscaler's --scan-interval, seconds. */
  scanInterval: number;
  /** Seconds a pod the HPA removes keeps serving (terminationGracePeriodSeconds). */
  gracePeriod: number;
}

export type LoadBalancerModelName = 'even' | 'nlb' | 'weighted' | 'ip-targets' | 'metallb-l2' | 'metallb-bgp' | 'ecmp' | 'maglev';

export interface Topology {
  nodes: TopologyNode[];
  pods: TopologyPod[];
  /** Pods selected by the Service (ready or not); kube-proxy uses the ready ones. */
  endpoints: number[];
  ingress?: IngressSpec;
  externalName?: ExternalNameSpec;
  headless?: HeadlessSpec;
  dynamics: Dynamics;
  entry: Entry;
  externalTrafficPolicy: Policy;
  internalTrafficPolicy: Policy;
  /** nodePort entry: the nodes clients hit, evenly. */
  entryNodes: number[];
  /** clusterIP entry: the node of each client, evenly (a node appears once per client pod on it). */
  clientNodes: number[];
  /** clusterIP entry: clients are pods (one more veth hop each way) rather than host-network processes. */
  clientsArePods: boolean;
  network: NetworkSpec;
  service: {
    name: string;
    namespace: string;
    sessionAffinity: 'None' | 'ClientIP';
    /** Seconds; only with ClientIP. */
    affinityTimeout: number;
    trafficDistribution?: string;
    /** The service.kubernetes.io/topology-mode annotation (Auto turns topology-aware hints on). */
    topologyMode?: string;
  };
  loadBalancer: {
    model: LoadBalancerModelName;
    /** Why this model: set in the Scenario, read from the Service's annotations, or the default. */
    reason: string;
    /** null: no probing, the balancer always knows the truth (healthCheck: false sends to every node). */
    healthCheck: HealthCheckSpec | null;
    /** false: healthCheck was turned off, traffic goes to every node. */
    checksHealth: boolean;
    /** nlb, ip-targets: each zone's front end may send to every zone. */
    crossZone: boolean;
    maglevTableSize: number;
    dsr: boolean;
  };
  kubeProxy: {
    mode: 'iptables' | 'nftables' | 'ipvs';
    scheduler: 'rr' | 'lc' | 'sh' | 'sed' | 'nq';
    /** Seconds added to the first packet of each new connection (iptables rule walk). */
    newConnectionCost: number;
  };
  clients: {
    population: number;
    /** Share of clients per zone. */
    zones: Array<[string, number]>;
    requestsPerConnection: CountSpec;
  };
  zones: { pricePerGB: number; requestBytes: number; responseBytes: number };
  /** A HorizontalPodAutoscaler in the loop (and node groups), if the input has one. */
  autoscaling?: AutoscalingSpec;
}

export interface TrafficSpec {
  arrival: 'poisson' | 'deterministic';
  /** Requests per second. */
  rate: number;
  /** Stop sending after this many requests (if set). */
  requests?: number;
  /** Stop sending at this simulated time, seconds (if set). */
  duration?: number;
  /** Requests sent before this time are not measured. */
  warmup: number;
  /** Seconds of simulated time per row of timeseries.csv. */
  timeSeriesInterval: number;
  /** A run of requests stops here, with what is in flight, if it gets so far (default: never). */
  horizon?: number;
  /** timeseries.csv ends after this many rows (default: no end). */
  maxTimeSeriesRows?: number;
}
