/**
 * The Kubernetes objects svcsim reads, normalized: defaults applied as the API server applies
 * them, everything svcsim does not model dropped. Produced by kubernetes-objects.ts from raw YAML.
 */

import type { Behavior } from '../model/hpa-algorithm.js';

export type FieldPath = ReadonlyArray<string | number>;

/** Where a document came from, for error messages. */
export interface Origin {
  file: string;
  /** 0-based index of the YAML document in the file. */
  document: number;
  /** Path prefix inside the document: ["items", 3] for an object of a kind: List. */
  prefix: FieldPath;
  /** 1-based line of a path inside this object (relative to the object), if known. */
  lineOf(path: FieldPath): number | undefined;
}

/** One Kubernetes (or Scenario) object as written, before normalization. */
export interface RawObject {
  apiVersion: string;
  kind: string;
  name: string;
  value: Record<string, unknown>;
  origin: Origin;
}

export interface ObjectMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: Array<{ key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values: string[] }>;
}

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  key: string;
  value: string;
  effect: TaintEffect;
}

export interface Toleration {
  /** "" with operator Exists tolerates every taint. */
  key: string;
  operator: 'Exists' | 'Equal';
  value: string;
  /** undefined: every effect. */
  effect?: TaintEffect;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values: string[];
}

/** One of a required node affinity's nodeSelectorTerms: its requirements are ANDed. */
export interface NodeSelectorTerm {
  matchExpressions: NodeSelectorRequirement[];
  /** Only the field metadata.name exists (the DaemonSet controller uses it). */
  matchFields: NodeSelectorRequirement[];
}

export interface PodAffinityTerm {
  /** undefined: selects no pod. */
  labelSelector?: LabelSelector;
  /** Empty: the pod's own namespace; undefined: every namespace (namespaceSelector given). */
  namespaces?: string[];
  topologyKey: string;
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector;
  minDomains: number;
  matchLabelKeys: string[];
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
}

/** CPU in millicores, memory in bytes, as the scheduler counts them. */
export interface Resources {
  milliCpu: number;
  memory: number;
}

/** What kube-scheduler reads from a PodSpec (a Pod's, or a workload's template). */
export interface PodScheduling {
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
  /** requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms (ORed); undefined when not set. */
  requiredNodeTerms?: NodeSelectorTerm[];
  preferredNodeTerms: Array<{ weight: number; preference: NodeSelectorTerm }>;
  podAffinity: PodAffinityTerm[];
  podAntiAffinity: PodAffinityTerm[];
  preferredPodAffinity: Array<{ weight: number; term: PodAffinityTerm }>;
  preferredPodAntiAffinity: Array<{ weight: number; term: PodAffinityTerm }>;
  topologySpreadConstraints: TopologySpreadConstraint[];
  /** The containers' requests (limits where no request is given), as the fit check counts them. */
  requests: Resources;
  /** The same with 100m CPU and 200Mi for each container that requests none: what scoring counts. */
  nonZeroRequests: Resources;
  /** No container requests or limits anything (QoS class BestEffort). */
  bestEffort: boolean;
}

export interface NodeObject {
  kind: 'Node';
  meta: ObjectMeta;
  /** topology.kubernetes.io/zone (or the deprecated failure-domain.beta.kubernetes.io/zone). */
  zone?: string;
  unschedulable: boolean;
  taints: Taint[];
  /** status.conditions Ready; true when the status is absent (hand-written nodes). */
  ready: boolean;
  /** status.allocatable.cpu in cores, if given. */
  allocatableCpu?: number;
  /** status.allocatable as the scheduler counts it; a resource not given is not limited. */
  allocatable: { milliCpu?: number; memory?: number; pods?: number };
  origin: Origin;
}

export interface PodObject {
  kind: 'Pod';
  meta: ObjectMeta;
  nodeName?: string;
  scheduling: PodScheduling;
  /** status.conditions Ready; true when the status is absent. */
  ready: boolean;
  /** status.phase, if given. */
  phase?: string;
  /** metadata.creationTimestamp as written (RFC 3339 sorts as text), if given. */
  created?: string;
  /** The controller.kubernetes.io/pod-deletion-cost annotation (default 0). */
  deletionCost: number;
  /** metadata.deletionTimestamp is set. */
  terminating: boolean;
  /** Kind/name of the controlling owner, if any (ownerReferences with controller: true). */
  owner?: string;
  origin: Origin;
}

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'ReplicationController' | 'DaemonSet';

export interface WorkloadObject {
  kind: WorkloadKind;
  meta: ObjectMeta;
  /** spec.replicas, default 1 (a DaemonSet has none: it runs a pod on every eligible node). */
  replicas: number;
  selector: LabelSelector;
  templateLabels: Record<string, string>;
  nodeName?: string;
  scheduling: PodScheduling;
  /** Kind/name of the controlling owner, if any: a dumped ReplicaSet names its Deployment. */
  owner?: string;
  origin: Origin;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export type TrafficPolicy = 'Cluster' | 'Local';

export interface ServicePortObject {
  name: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port: number;
  /** Defaults to port. A string names a container port. */
  targetPort: number | string;
  /** Only for NodePort and LoadBalancer; allocated from 30000-32767 when not given. */
  nodePort?: number;
}

export interface ServiceObject {
  kind: 'Service';
  meta: ObjectMeta;
  type: ServiceType;
  ports: ServicePortObject[];
  /** Absent: a Service without selector (endpoints managed by hand), which svcsim leaves empty. */
  selector?: Record<string, string>;
  /** Defaulted to Cluster for NodePort and LoadBalancer; undefined otherwise. */
  externalTrafficPolicy?: TrafficPolicy;
  /** Defaulted to Cluster (except ExternalName). */
  internalTrafficPolicy?: TrafficPolicy;
  sessionAffinity: 'None' | 'ClientIP';
  /** Defaulted to 10800 when sessionAffinity is ClientIP. */
  sessionAffinityTimeoutSeconds?: number;
  externalName?: string;
  trafficDistribution?: string;
  /** clusterIP: None */
  headless: boolean;
  /** spec.publishNotReadyAddresses: endpoints are marked ready whatever the pods' readiness. */
  publishNotReadyAddresses: boolean;
  origin: Origin;
}

/** A Service and port an Ingress sends traffic to, in the Ingress's namespace. */
export interface IngressServiceBackend {
  name: string;
  /** Exactly one is set: a port number of the Service, or the name of one of its ports. */
  port: { number?: number; name?: string };
}

export type IngressPathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

export interface IngressPathObject {
  /** As written; "" when left out, which only ImplementationSpecific allows. */
  path: string;
  pathType: IngressPathType;
  backend: { service: IngressServiceBackend };
}

export interface IngressRuleObject {
  /** Absent: the rule applies to every host. "*.foo.com" covers exactly one DNS label. */
  host?: string;
  /** spec.rules[].http.paths; empty when the rule has no http. */
  paths: IngressPathObject[];
}

/**
 * A networking.k8s.io/v1 Ingress. Paths and a default backend that name a `resource` instead
 * of a Service are dropped (with a warning): svcsim routes only to Services.
 */
export interface IngressObject {
  kind: 'Ingress';
  meta: ObjectMeta;
  ingressClassName?: string;
  defaultBackend?: { service: IngressServiceBackend };
  rules: IngressRuleObject[];
  /** spec.tls as written: the hosts each certificate covers (none listed: the controller's default). */
  tls?: Array<{ hosts: string[]; secretName?: string }>;
  origin: Origin;
}

/** One of an HPA's spec.metrics as written (svcsim runs Resource cpu ones). */
export interface HpaMetricObject {
  type: string;
  /** The metric source fields that were given: resource, pods, object, external, containerResource. */
  present: string[];
  /** resource.name */
  name: string;
  /** resource.target; quantities in their base unit (cores for cpu). */
  target: { type: string; averageUtilization?: number; averageValue?: number; value?: number };
}

/** An autoscaling/v2 HorizontalPodAutoscaler after the API server's defaults. */
export interface HpaObject {
  kind: 'HorizontalPodAutoscaler';
  meta: ObjectMeta;
  scaleTargetRef: { kind: string; name: string; apiVersion: string };
  minReplicas: number;
  maxReplicas: number;
  metrics: HpaMetricObject[];
  /** undefined when not given: the controller then uses its older fixed rules. */
  behavior?: Behavior;
  origin: Origin;
}

export type KubernetesObject = NodeObject | PodObject | WorkloadObject | ServiceObject | HpaObject;

export interface ClusterObjects {
  nodes: NodeObject[];
  pods: PodObject[];
  workloads: WorkloadObject[];
  services: ServiceObject[];
  ingresses: IngressObject[];
  hpas: HpaObject[];
}
