/**
 * From raw objects to the cluster svcsim simulates, the way the API server takes them in:
 * decode (decoder.ts; a value of the wrong YAML type rejects the object before anything else),
 * apply the defaults, validate (metadata-validation.ts, service-validation.ts; Ingresses are
 * decoded and validated in ingress-objects.ts), keep what it would accept.
 *
 * Validation is folded in: normalizeObjects returns every diagnostic and leaves an object with an
 * error out of `objects`, so callers stop when hasErrors(diagnostics). Fields svcsim does not
 * model (status, managedFields, resourceVersion, uid...) are ignored. Pods and ReplicaSets keep
 * their controlling owner; deciding what a dump's owned objects mean is the placement step's job.
 */
import { Decoder, type Decoded, type NormalizedObject } from './decoder.js';
import type { Diagnostic } from './diagnostics.js';
import { decodeHorizontalPodAutoscaler } from './hpa-objects.js';
import { decodeIngress } from './ingress-objects.js';
import { FieldErrors, isDNS1123Subdomain, isLabelKey, validateObjectMeta } from './metadata-validation.js';
import { decodeMeta, readyCondition } from './object-meta.js';
import type {
  ClusterObjects, NodeObject, RawObject, ServiceObject, ServicePortObject, ServiceType, TaintEffect, TrafficPolicy, WorkloadKind,
} from './objects.js';
import { decodePod, decodeWorkload } from './pod-objects.js';
import { TAINT_EFFECTS } from './scheduling-spec.js';
import { admitServices, decodeCheckedOnlyFields, type ServiceToAdmit } from './service-admission.js';
import { isExternallyAccessible, validateService, warnUnknownServiceFields, type ServiceSpecInput } from './service-validation.js';

export interface NormalizedObjects {
  objects: ClusterObjects;
  diagnostics: Diagnostic[];
}

/** The kinds svcsim models, with the API group(s) Kubernetes serves them from. */
const MODELLED: Record<string, { apiVersion: string; groups: string[]; resource: string }> = {
  Node: { apiVersion: 'v1', groups: [''], resource: 'nodes' },
  Pod: { apiVersion: 'v1', groups: [''], resource: 'pods' },
  Service: { apiVersion: 'v1', groups: [''], resource: 'services' },
  ReplicationController: { apiVersion: 'v1', groups: [''], resource: 'replicationcontrollers' },
  Deployment: { apiVersion: 'apps/v1', groups: ['apps', 'extensions'], resource: 'deployments.apps' },
  ReplicaSet: { apiVersion: 'apps/v1', groups: ['apps', 'extensions'], resource: 'replicasets.apps' },
  StatefulSet: { apiVersion: 'apps/v1', groups: ['apps'], resource: 'statefulsets.apps' },
  DaemonSet: { apiVersion: 'apps/v1', groups: ['apps', 'extensions'], resource: 'daemonsets.apps' },
  Ingress: { apiVersion: 'networking.k8s.io/v1', groups: ['networking.k8s.io', 'extensions'], resource: 'ingresses.networking.k8s.io' },
  HorizontalPodAutoscaler: { apiVersion: 'autoscaling/v2', groups: ['autoscaling'], resource: 'horizontalpodautoscalers.autoscaling' },
};

const DEFAULT_AFFINITY_SECONDS = 10800;

export function normalizeObjects(raw: readonly RawObject[]): NormalizedObjects {
  const objects: ClusterObjects = { nodes: [], pods: [], workloads: [], services: [], ingresses: [], hpas: [] };
  // One list per input object, so that diagnostics come out in input order.
  const reports: Diagnostic[][] = [];
  const warned = new Set<string>();
  const defined = new Map<string, RawObject>();
  const services: Array<ServiceToAdmit & { object: NormalizedObject; decoded: boolean }> = [];

  for (const r of raw) {
    if (r.apiVersion.startsWith('svcsim.io/')) continue;
    const kind = MODELLED[r.kind];
    const group = r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : '';
    if (!kind || !kind.groups.includes(group)) {
      const key = `${r.origin.file}\n${r.apiVersion}\n${r.kind}`;
      if (!warned.has(key)) {
        warned.add(key);
        const which = kind ? `${r.kind} (${r.apiVersion})` : r.kind;
        reports.push([{ severity: 'warning', file: r.origin.file, line: r.origin.lineOf(['kind']), message: `kind ${which} is not modelled; ignored` }]);
      }
      continue;
    }
    if (r.kind === 'HorizontalPodAutoscaler' && r.apiVersion === 'autoscaling/v1') {
      // The API server serves v1 too; svcsim reads the v2 form, which every v1 object also has.
      reports.push([{ severity: 'error', file: r.origin.file, line: r.origin.lineOf(['apiVersion']),
        message: 'svcsim reads HorizontalPodAutoscaler in autoscaling/v2 only: kubectl get hpa.v2.autoscaling -o yaml gives every HPA in that form' }]);
      continue;
    }
    if (r.apiVersion !== kind.apiVersion) {
      reports.push([{ severity: 'error', file: r.origin.file, line: r.origin.lineOf(['apiVersion']), message: `no matches for kind "${r.kind}" in version "${r.apiVersion}"` }]);
      continue;
    }

    const errs = new FieldErrors(r);
    reports.push(errs.diagnostics);
    const d = new Decoder(errs, r.value);
    const decoded = decode(r, d);
    const { meta } = decoded.object;
    if (meta.name !== '') {
      const key = `${kind.resource}/${meta.namespace}/${meta.name}`;
      const first = defined.get(key);
      if (first) {
        reports.push([{
          severity: 'error', file: r.origin.file, line: r.origin.lineOf(['metadata', 'name']),
          message: `${kind.resource} "${meta.name}" already exists (also defined at ${first.origin.file}:${first.origin.lineOf(['metadata', 'name'])})`,
        }]);
        continue;
      }
      defined.set(key, r);
    }
    // Like the API server, validate only what could be decoded.
    const decodedCleanly = errs.errorCount === 0;
    if (decodedCleanly && !decoded.serviceSpec) decoded.validate();
    if (decoded.serviceSpec) {
      // Services are validated and kept by admitServices, after the allocators, which see them all.
      warnUnknownServiceFields(errs, r.value);
      services.push({ errs, spec: decoded.serviceSpec, validate: decoded.validate, object: decoded.object, decoded: decodedCleanly });
    } else if (errs.errorCount === 0) {
      add(objects, decoded.object);
    }
  }

  admitServices(services.filter((s) => s.decoded));
  for (const s of services) if (s.errs.errorCount === 0) add(objects, s.object);
  return { objects, diagnostics: reports.flat() };
}

function add(objects: ClusterObjects, o: NormalizedObject): void {
  switch (o.kind) {
    case 'Node': objects.nodes.push(o); break;
    case 'Pod': objects.pods.push(o); break;
    case 'Service': objects.services.push(o); break;
    case 'Ingress': objects.ingresses.push(o); break;
    case 'HorizontalPodAutoscaler': objects.hpas.push(o); break;
    default: objects.workloads.push(o);
  }
}

function decode(r: RawObject, d: Decoder): Decoded {
  switch (r.kind) {
    case 'Node': return decodeNode(r, d);
    case 'Pod': return decodePod(r, d);
    case 'Service': return decodeService(r, d);
    case 'Ingress': return decodeIngress(r, d, decodeMeta(d, true));
    case 'HorizontalPodAutoscaler': return decodeHorizontalPodAutoscaler(r, d);
    default: return decodeWorkload(r, d, r.kind as WorkloadKind);
  }
}

function decodeNode(r: RawObject, d: Decoder): Decoded {
  const { meta, input } = decodeMeta(d, false);
  d.object(['spec']);
  d.object(['status']);
  d.object(['status', 'allocatable']);
  const taints = (d.array(['spec', 'taints']) ?? []).map((_, i) => {
    const at = ['spec', 'taints', i];
    d.object(at);
    return { key: d.string([...at, 'key']) ?? '', value: d.string([...at, 'value']) ?? '', effect: (d.string([...at, 'effect']) ?? '') as TaintEffect };
  });
  const cpu = d.quantity(['status', 'allocatable', 'cpu']);
  const memory = d.quantity(['status', 'allocatable', 'memory']);
  const pods = d.quantity(['status', 'allocatable', 'pods']);
  const node: NodeObject = {
    kind: 'Node', meta,
    zone: meta.labels['topology.kubernetes.io/zone'] ?? meta.labels['failure-domain.beta.kubernetes.io/zone'],
    unschedulable: d.boolean(['spec', 'unschedulable']) ?? false,
    taints,
    // A hand-written Node has no status; it is taken as Ready.
    ready: (readyCondition(d) ?? 'True') === 'True',
    allocatableCpu: cpu,
    allocatable: {
      milliCpu: cpu === undefined ? undefined : Math.floor(cpu * 1000 + 1e-9),
      memory: memory === undefined ? undefined : Math.floor(memory + 1e-9),
      pods: pods === undefined ? undefined : Math.floor(pods),
    },
    origin: r.origin,
  };
  const validate = () => {
    validateObjectMeta(d.errs, input, isDNS1123Subdomain);
    taints.forEach((t, i) => {
      const at = ['spec', 'taints', i];
      if (t.key === '') d.errs.required([...at, 'key']);
      else for (const msg of isLabelKey(t.key)) d.errs.invalid([...at, 'key'], t.key, msg);
      if ((t.effect as string) === '') d.errs.required([...at, 'effect']);
      else if (!TAINT_EFFECTS.includes(t.effect)) d.errs.unsupported([...at, 'effect'], t.effect, TAINT_EFFECTS);
    });
  };
  return { object: node, validate };
}

function decodeService(r: RawObject, d: Decoder): Decoded {
  const { meta, input } = decodeMeta(d, true);
  d.object(['spec']);
  const type = d.string(['spec', 'type']) || 'ClusterIP';
  const ports = (d.array(['spec', 'ports']) ?? []).map((_, i) => {
    const at = ['spec', 'ports', i];
    d.object(at);
    const port = d.integer([...at, 'port']) ?? 0;
    const target = d.intOrString([...at, 'targetPort']);
    return {
      name: d.string([...at, 'name']) ?? '',
      protocol: d.string([...at, 'protocol']) || 'TCP',
      port,
      targetPort: target === undefined || target === 0 || target === '' ? port : target,
      nodePort: d.integer([...at, 'nodePort']) ?? 0,
    };
  });
  const selector = d.stringMap(['spec', 'selector']);
  d.object(['spec', 'sessionAffinityConfig']);
  d.object(['spec', 'sessionAffinityConfig', 'clientIP']);
  const sessionAffinity = d.string(['spec', 'sessionAffinity']) || 'None';
  const timeout = d.integer(['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds']);
  const spec: ServiceSpecInput = {
    type, ports,
    // An empty selector does not survive the API server's storage: it reads back as none.
    selector: Object.keys(selector).length > 0 ? selector : undefined,
    clusterIP: d.string(['spec', 'clusterIP']) ?? '',
    externalIPs: d.stringList(['spec', 'externalIPs']),
    externalName: d.string(['spec', 'externalName']) ?? '',
    externalTrafficPolicy: d.string(['spec', 'externalTrafficPolicy']) ?? '',
    internalTrafficPolicy: d.string(['spec', 'internalTrafficPolicy']),
    healthCheckNodePort: d.integer(['spec', 'healthCheckNodePort']) ?? 0,
    sessionAffinity,
    timeoutSeconds: sessionAffinity === 'ClientIP' ? timeout ?? DEFAULT_AFFINITY_SECONDS : undefined,
    trafficDistribution: d.string(['spec', 'trafficDistribution']),
    ...decodeCheckedOnlyFields(d),
  };
  if (spec.externalTrafficPolicy === '' && isExternallyAccessible(spec)) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  const opensNodePorts = type === 'NodePort' || type === 'LoadBalancer';
  const object: ServiceObject = {
    kind: 'Service', meta,
    type: type as ServiceType,
    ports: ports.map((p): ServicePortObject => ({
      name: p.name, protocol: p.protocol as ServicePortObject['protocol'], port: p.port, targetPort: p.targetPort,
      ...(opensNodePorts && p.nodePort !== 0 ? { nodePort: p.nodePort } : {}),
    })),
    selector: spec.selector,
    externalTrafficPolicy: (spec.externalTrafficPolicy || undefined) as TrafficPolicy | undefined,
    internalTrafficPolicy: spec.internalTrafficPolicy as TrafficPolicy | undefined,
    sessionAffinity: sessionAffinity as ServiceObject['sessionAffinity'],
    sessionAffinityTimeoutSeconds: spec.timeoutSeconds,
    externalName: spec.externalName || undefined,
    trafficDistribution: spec.trafficDistribution,
    headless: spec.clusterIP === 'None',
    publishNotReadyAddresses: d.boolean(['spec', 'publishNotReadyAddresses']) ?? false,
    origin: r.origin,
  };
  return { object, validate: () => validateService(d.errs, input, spec), serviceSpec: spec };
}
