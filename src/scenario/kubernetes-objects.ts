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
import { decodeIngress } from './ingress-objects.js';
import { selectorSelects } from './labels.js';
import {
  FieldErrors, isDNS1123Subdomain, isSelectorOperator, validateLabels, validateLabelSelector, validateObjectMeta,
  type MetaInput, type SelectorInput,
} from './metadata-validation.js';
import type {
  ClusterObjects, FieldPath, LabelSelector, NodeObject, ObjectMeta, PodObject, RawObject, ServiceObject, ServicePortObject,
  ServiceType, TrafficPolicy, WorkloadObject,
} from './objects.js';
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
  Deployment: { apiVersion: 'apps/v1', groups: ['apps', 'extensions'], resource: 'deployments.apps' },
  ReplicaSet: { apiVersion: 'apps/v1', groups: ['apps', 'extensions'], resource: 'replicasets.apps' },
  StatefulSet: { apiVersion: 'apps/v1', groups: ['apps'], resource: 'statefulsets.apps' },
  Ingress: { apiVersion: 'networking.k8s.io/v1', groups: ['networking.k8s.io', 'extensions'], resource: 'ingresses.networking.k8s.io' },
};

const DEFAULT_AFFINITY_SECONDS = 10800;

export function normalizeObjects(raw: readonly RawObject[]): NormalizedObjects {
  const objects: ClusterObjects = { nodes: [], pods: [], workloads: [], services: [], ingresses: [] };
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
    default: objects.workloads.push(o);
  }
}

function decode(r: RawObject, d: Decoder): Decoded {
  switch (r.kind) {
    case 'Node': return decodeNode(r, d);
    case 'Pod': return decodePod(r, d);
    case 'Service': return decodeService(r, d);
    case 'Ingress': return decodeIngress(r, d, decodeMeta(d, true));
    default: return decodeWorkload(r, d, r.kind as WorkloadObject['kind']);
  }
}

function decodeNode(r: RawObject, d: Decoder): Decoded {
  const { meta, input } = decodeMeta(d, false);
  d.object(['spec']);
  d.object(['status']);
  d.object(['status', 'allocatable']);
  const node: NodeObject = {
    kind: 'Node', meta,
    zone: meta.labels['topology.kubernetes.io/zone'] ?? meta.labels['failure-domain.beta.kubernetes.io/zone'],
    unschedulable: d.boolean(['spec', 'unschedulable']) ?? false,
    // A hand-written Node has no status; it is taken as Ready.
    ready: readyCondition(d) ?? true,
    allocatableCpu: d.quantity(['status', 'allocatable', 'cpu']),
    origin: r.origin,
  };
  return { object: node, validate: () => validateObjectMeta(d.errs, input, isDNS1123Subdomain) };
}

function decodePod(r: RawObject, d: Decoder): Decoded {
  const { meta, input } = decodeMeta(d, true);
  d.object(['spec']);
  d.object(['status']);
  const phase = d.string(['status', 'phase']);
  const pod: PodObject = {
    kind: 'Pod', meta,
    nodeName: d.string(['spec', 'nodeName']) || undefined,
    nodeSelector: d.stringMap(['spec', 'nodeSelector']),
    // No Ready condition: a hand-written Pod (no status) is ready; a dumped one is if Running.
    ready: readyCondition(d) ?? (phase === undefined || phase === 'Running'),
    terminating: d.get(['metadata', 'deletionTimestamp']) !== undefined,
    owner: controllerOf(d),
    origin: r.origin,
  };
  return {
    object: pod,
    validate: () => {
      validateObjectMeta(d.errs, input, isDNS1123Subdomain);
      validatePlacement(d.errs, pod.nodeName, pod.nodeSelector, ['spec']);
    },
  };
}

function decodeWorkload(r: RawObject, d: Decoder, kind: WorkloadObject['kind']): Decoded {
  const { meta, input } = decodeMeta(d, true);
  d.object(['spec']);
  const selectorGiven = d.object(['spec', 'selector']) !== undefined;
  const selector: SelectorInput = {
    matchLabels: d.stringMap(['spec', 'selector', 'matchLabels']),
    matchExpressions: (d.array(['spec', 'selector', 'matchExpressions']) ?? []).map((_, i) => {
      const at = ['spec', 'selector', 'matchExpressions', i];
      d.object(at);
      return { key: d.string([...at, 'key']) ?? '', operator: d.string([...at, 'operator']) ?? '', values: d.stringList([...at, 'values']) };
    }),
  };
  d.object(['spec', 'template']);
  d.object(['spec', 'template', 'metadata']);
  d.object(['spec', 'template', 'spec']);
  const labelsPath = ['spec', 'template', 'metadata', 'labels'];
  const workload: WorkloadObject = {
    kind, meta,
    replicas: d.integer(['spec', 'replicas']) ?? 1,
    selector: selector as LabelSelector,
    templateLabels: d.stringMap(labelsPath),
    nodeName: d.string(['spec', 'template', 'spec', 'nodeName']) || undefined,
    nodeSelector: d.stringMap(['spec', 'template', 'spec', 'nodeSelector']),
    owner: controllerOf(d),
    origin: r.origin,
  };
  const validate = () => {
    const errs = d.errs;
    validateObjectMeta(errs, input, isDNS1123Subdomain);
    if (workload.replicas < 0) errs.invalid(['spec', 'replicas'], workload.replicas, 'must be greater than or equal to 0');
    const before = errs.errorCount;
    if (!selectorGiven) {
      errs.required(['spec', 'selector']);
    } else {
      validateLabelSelector(errs, selector, ['spec', 'selector']);
      if (Object.keys(selector.matchLabels).length + selector.matchExpressions.length === 0) {
        // ReplicaSets share the Deployment's wording.
        errs.invalid(['spec', 'selector'], {}, `empty selector is invalid for ${kind === 'StatefulSet' ? 'statefulset' : 'deployment'}`);
      }
    }
    validateLabels(errs, workload.templateLabels, labelsPath);
    const selectorUsable = errs.errorCount === before && selector.matchExpressions.every((e) => isSelectorOperator(e.operator));
    if (selectorUsable && !selectorSelects(workload.selector, workload.templateLabels)) {
      // Labels that were never written are a nil map, which the API server prints as null.
      errs.invalid(labelsPath, d.get(labelsPath) === undefined ? null : workload.templateLabels, '`selector` does not match template `labels`');
    }
    validatePlacement(errs, workload.nodeName, workload.nodeSelector, ['spec', 'template', 'spec']);
  };
  return { object: workload, validate };
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

function decodeMeta(d: Decoder, namespaced: boolean): { meta: ObjectMeta; input: MetaInput } {
  d.object(['metadata']);
  const name = d.string(['metadata', 'name']) ?? '';
  const namespace = namespaced ? d.string(['metadata', 'namespace']) || undefined : undefined;
  const labels = d.stringMap(['metadata', 'labels']);
  const annotations = d.stringMap(['metadata', 'annotations']);
  // Nodes are cluster-scoped: their namespace is "".
  const meta: ObjectMeta = { name, namespace: namespaced ? namespace ?? 'default' : '', labels, annotations };
  return { meta, input: { name, namespace, labels, annotations } };
}

/** ValidatePodSpec's checks on where a pod may run. */
function validatePlacement(errs: FieldErrors, nodeName: string | undefined, nodeSelector: Record<string, string>, at: FieldPath): void {
  validateLabels(errs, nodeSelector, [...at, 'nodeSelector']);
  if (nodeName) for (const msg of isDNS1123Subdomain(nodeName)) errs.invalid([...at, 'nodeName'], nodeName, msg);
}

function readyCondition(d: Decoder): boolean | undefined {
  const conditions = d.array(['status', 'conditions']) ?? [];
  for (let i = 0; i < conditions.length; i++) {
    if (d.string(['status', 'conditions', i, 'type']) === 'Ready') return d.string(['status', 'conditions', i, 'status']) === 'True';
  }
  return undefined;
}

function controllerOf(d: Decoder): string | undefined {
  const refs = d.array(['metadata', 'ownerReferences']) ?? [];
  for (let i = 0; i < refs.length; i++) {
    const at = ['metadata', 'ownerReferences', i];
    if (d.boolean([...at, 'controller']) === true) return `${d.string([...at, 'kind']) ?? ''}/${d.string([...at, 'name']) ?? ''}`;
  }
  return undefined;
}
