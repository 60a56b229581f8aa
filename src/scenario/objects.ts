/**
 * The Kubernetes objects svcsim reads, normalized: defaults applied as the API server applies
 * them, everything svcsim does not model dropped. Produced by kubernetes-objects.ts from raw YAML.
 */

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

export interface NodeObject {
  kind: 'Node';
  meta: ObjectMeta;
  /** topology.kubernetes.io/zone (or the deprecated failure-domain.beta.kubernetes.io/zone). */
  zone?: string;
  unschedulable: boolean;
  /** status.conditions Ready; true when the status is absent (hand-written nodes). */
  ready: boolean;
  /** status.allocatable.cpu in cores, if given. */
  allocatableCpu?: number;
  origin: Origin;
}

export interface PodObject {
  kind: 'Pod';
  meta: ObjectMeta;
  nodeName?: string;
  nodeSelector: Record<string, string>;
  /** status.conditions Ready; true when the status is absent. */
  ready: boolean;
  /** metadata.deletionTimestamp is set. */
  terminating: boolean;
  /** Kind/name of the controlling owner, if any (ownerReferences with controller: true). */
  owner?: string;
  origin: Origin;
}

export interface WorkloadObject {
  kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet';
  meta: ObjectMeta;
  /** spec.replicas, default 1. */
  replicas: number;
  selector: LabelSelector;
  templateLabels: Record<string, string>;
  nodeName?: string;
  nodeSelector: Record<string, string>;
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

export type KubernetesObject = NodeObject | PodObject | WorkloadObject | ServiceObject;

export interface ClusterObjects {
  nodes: NodeObject[];
  pods: PodObject[];
  workloads: WorkloadObject[];
  services: ServiceObject[];
  ingresses: IngressObject[];
}
