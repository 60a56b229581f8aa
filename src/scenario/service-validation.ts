/**
 * What the API server rejects in a Service, with its field paths and reasons
 * (pkg/apis/core/validation ValidateService). normalizeObjects (kubernetes-objects.ts) runs it on
 * every Service after decoding and defaulting it, in the order service-admission.ts keeps, as
 * the API server does, and leaves a rejected Service out of its result. Where a value is
 * printed, it is printed as a v1.34 API server prints it.
 */
import { formatPath } from './diagnostics.js';
import { closest } from './did-you-mean.js';
import { INVALID_CIDR, isValidCIDR } from './ip-addresses.js';
import type { FieldPath } from './objects.js';
import {
  FieldErrors, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum, Rendered,
  validateLabels, validateObjectMeta, type MetaInput,
} from './metadata-validation.js';

/** A Service spec as decoded, with the API server's defaults applied; strings not yet checked. */
export interface ServiceSpecInput {
  type: string;
  ports: ServicePortInput[];
  selector?: Record<string, string>;
  clusterIP: string;
  externalIPs: string[];
  externalName: string;
  externalTrafficPolicy: string;
  internalTrafficPolicy?: string;
  healthCheckNodePort: number;
  sessionAffinity: string;
  /** sessionAffinityConfig.clientIP.timeoutSeconds, defaulted to 10800 for ClientIP. */
  timeoutSeconds?: number;
  trafficDistribution?: string;
  /** Checked, not simulated: */
  clusterIPs: string[];
  ipFamilies: string[];
  ipFamilyPolicy?: string;
  loadBalancerSourceRanges: string[];
  allocateLoadBalancerNodePorts?: boolean;
  loadBalancerClass?: string;
  /** spec.ports[i].appProtocol, by port. */
  appProtocols: Array<string | undefined>;
}

export interface ServicePortInput {
  name: string;
  protocol: string;
  port: number;
  targetPort: number | string;
  /** 0 when not given, as in the API. */
  nodePort: number;
}

// The API server lists supported values sorted.
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITIES = ['ClientIP', 'None'];
const POLICIES = ['Cluster', 'Local'];
// PreferSameZone and PreferSameNode are served by default since v1.34.
const DISTRIBUTIONS = ['PreferClose', 'PreferSameNode', 'PreferSameZone'];
const MAX_AFFINITY_SECONDS = 86400;
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';
const SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const ONLY_LOAD_BALANCER = "may only be used when `type` is 'LoadBalancer'";

export function isHeadless(spec: ServiceSpecInput): boolean {
  return spec.clusterIP === 'None';
}

/** On create the registry copies clusterIP into an empty clusterIPs (normalizeClusterIPs). */
export function normalizedClusterIPs(spec: ServiceSpecInput): string[] {
  return spec.clusterIPs.length > 0 ? spec.clusterIPs : spec.clusterIP !== '' ? [spec.clusterIP] : [];
}

/** apiservice.ExternallyAccessible: what externalTrafficPolicy applies to. */
export function isExternallyAccessible(spec: ServiceSpecInput): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && spec.externalIPs.length > 0);
}

/** ValidateService, in its order, for the rules svcsim's results depend on. */
export function validateService(errs: FieldErrors, meta: MetaInput, spec: ServiceSpecInput): void {
  validateObjectMeta(errs, meta, isDNS1035Label);
  const mode = meta.annotations[TOPOLOGY_MODE];
  const hints = meta.annotations[TOPOLOGY_HINTS];
  if (mode !== undefined && hints !== undefined && mode !== hints) {
    errs.invalid(annotationPath(TOPOLOGY_MODE), mode, `must match annotations[${TOPOLOGY_HINTS}] when both are specified`,
      ['metadata', 'annotations', TOPOLOGY_MODE]);
  }
  if (spec.ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') errs.required(['spec', 'ports']);

  if ((spec.type === 'LoadBalancer' || spec.type === 'NodePort') && isHeadless(spec)) {
    errs.invalid(['spec', 'clusterIPs', 0], spec.clusterIP, `may not be set to 'None' for ${spec.type} services`, ['spec', 'clusterIP']);
  }
  if (spec.type === 'ExternalName') {
    const forbidden = 'may not be set for ExternalName services';
    if (normalizedClusterIPs(spec).length > 0) errs.forbidden(['spec', 'clusterIPs'], forbidden, spec.clusterIPs.length ? undefined : ['spec', 'clusterIP']);
    if (spec.ipFamilies.length > 0) errs.forbidden(['spec', 'ipFamilies'], forbidden);
    if (spec.ipFamilyPolicy !== undefined) errs.forbidden(['spec', 'ipFamilyPolicy'], forbidden);
    // A trailing dot marks the CNAME target as fully qualified.
    const cname = spec.externalName.replace(/\.$/, '');
    if (cname === '') errs.required(['spec', 'externalName']);
    else for (const msg of isDNS1123Subdomain(cname)) errs.invalid(['spec', 'externalName'], cname, msg);
  }

  const names = new Set<string>();
  spec.ports.forEach((p, i) => {
    validatePort(errs, p, ['spec', 'ports', i], spec.ports.length > 1, names);
    const app = spec.appProtocols[i];
    if (app !== undefined) for (const msg of isQualifiedName(app)) errs.invalid(['spec', 'ports', i, 'appProtocol'], app, msg);
  });

  if (spec.selector) validateLabels(errs, spec.selector, ['spec', 'selector']);

  if (!AFFINITIES.includes(spec.sessionAffinity)) errs.unsupported(['spec', 'sessionAffinity'], spec.sessionAffinity, AFFINITIES);
  if (spec.sessionAffinity === 'ClientIP' && spec.timeoutSeconds !== undefined
    && (spec.timeoutSeconds <= 0 || spec.timeoutSeconds > MAX_AFFINITY_SECONDS)) {
    errs.invalid(['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'], spec.timeoutSeconds,
      `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`);
  }

  if (!SERVICE_TYPES.includes(spec.type)) errs.unsupported(['spec', 'type'], spec.type, SERVICE_TYPES);
  if (spec.type === 'ClusterIP') {
    spec.ports.forEach((p, i) => {
      if (p.nodePort !== 0) errs.forbidden(['spec', 'ports', i, 'nodePort'], "may not be used when `type` is 'ClusterIP'");
    });
  }
  const nodePorts = new Set<string>();
  spec.ports.forEach((p, i) => {
    if (p.nodePort === 0) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.duplicate(['spec', 'ports', i, 'nodePort'], p.nodePort);
    nodePorts.add(key);
  });
  const ports = new Set<string>();
  spec.ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (ports.has(key)) errs.duplicate(['spec', 'ports', i], servicePortKey(p));
    ports.add(key);
  });

  validateLoadBalancerFields(errs, meta, spec);
  validateTrafficPolicies(errs, spec);
  if (spec.trafficDistribution !== undefined && !DISTRIBUTIONS.includes(spec.trafficDistribution)) {
    errs.unsupported(['spec', 'trafficDistribution'], spec.trafficDistribution, DISTRIBUTIONS);
  }
}

function validatePort(errs: FieldErrors, p: ServicePortInput, at: FieldPath, requireName: boolean, names: Set<string>): void {
  if (requireName && p.name === '') {
    errs.required([...at, 'name']);
  } else if (p.name !== '') {
    for (const msg of isDNS1123Label(p.name)) errs.invalid([...at, 'name'], p.name, msg);
    if (names.has(p.name)) errs.duplicate([...at, 'name'], p.name);
    names.add(p.name);
  }
  for (const msg of isValidPortNum(p.port)) errs.invalid([...at, 'port'], p.port, msg);
  if (!PROTOCOLS.includes(p.protocol)) errs.unsupported([...at, 'protocol'], p.protocol, PROTOCOLS);
  const target = p.targetPort;
  const targetMsgs = typeof target === 'number' ? isValidPortNum(target) : isValidPortName(target);
  for (const msg of targetMsgs) errs.invalid([...at, 'targetPort'], target, msg);
}

/**
 * The (protocol, port) key the API server reports a duplicate with: an internal Go struct,
 * which it prints as JSON with Go's field names.
 */
function servicePortKey(p: ServicePortInput): Rendered {
  return new Rendered(JSON.stringify({ Name: '', Protocol: p.protocol, AppProtocol: null, Port: p.port, TargetPort: 0, NodePort: 0 }));
}

/** metadata.annotations[key], as the API server prints a map key in a field path. */
function annotationPath(key: string): FieldPath {
  return ['metadata', `annotations[${key}]`];
}

/** The fields that only a LoadBalancer may have: source ranges (field or annotation), allocation, class. */
function validateLoadBalancerFields(errs: FieldErrors, meta: MetaInput, spec: ServiceSpecInput): void {
  const balancer = spec.type === 'LoadBalancer';
  const annotation = meta.annotations[SOURCE_RANGES];
  if (spec.loadBalancerSourceRanges.length > 0) {
    // The API server names this field with a capital L.
    const at = ['spec', 'LoadBalancerSourceRanges'];
    const written = ['spec', 'loadBalancerSourceRanges'];
    if (!balancer) errs.forbidden(at, ONLY_LOAD_BALANCER, written);
    spec.loadBalancerSourceRanges.forEach((range, i) => {
      // Space-padding is allowed, a leftover from the annotation.
      const value = range.trim();
      if (!isValidCIDR(value)) errs.invalid([...at, i], value, INVALID_CIDR, [...written, i]);
    });
  } else if (annotation !== undefined) {
    const at = annotationPath(SOURCE_RANGES);
    const written = ['metadata', 'annotations', SOURCE_RANGES];
    if (!balancer) errs.forbidden(at, ONLY_LOAD_BALANCER, written);
    if (annotation.trim() !== '') {
      for (const range of annotation.trim().split(',')) {
        if (!isValidCIDR(range.trim())) errs.invalid(at, range.trim(), INVALID_CIDR, written);
      }
    }
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && !balancer) {
    errs.forbidden(['spec', 'allocateLoadBalancerNodePorts'], ONLY_LOAD_BALANCER);
  }
  if (spec.loadBalancerClass !== undefined) {
    const at = ['spec', 'loadBalancerClass'];
    if (!balancer) errs.forbidden(at, ONLY_LOAD_BALANCER);
    else for (const msg of isQualifiedName(spec.loadBalancerClass)) errs.invalid(at, spec.loadBalancerClass, msg);
  }
}

function validateTrafficPolicies(errs: FieldErrors, spec: ServiceSpecInput): void {
  const etp = ['spec', 'externalTrafficPolicy'];
  if (!isExternallyAccessible(spec)) {
    if (spec.externalTrafficPolicy !== '') errs.invalid(etp, spec.externalTrafficPolicy, 'may only be set for externally-accessible services');
  } else if (spec.externalTrafficPolicy === '') {
    errs.required(etp);
  } else if (!POLICIES.includes(spec.externalTrafficPolicy)) {
    errs.unsupported(etp, spec.externalTrafficPolicy, POLICIES);
  }
  const needsHealthCheck = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  if (!needsHealthCheck && spec.healthCheckNodePort !== 0) {
    errs.invalid(['spec', 'healthCheckNodePort'], spec.healthCheckNodePort,
      "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
  }
  if (spec.internalTrafficPolicy !== undefined && !POLICIES.includes(spec.internalTrafficPolicy)) {
    errs.unsupported(['spec', 'internalTrafficPolicy'], spec.internalTrafficPolicy, POLICIES);
  }
}

// --- unknown fields ---------------------------------------------------------------------------

const SPEC_FIELDS = ['allocateLoadBalancerNodePorts', 'clusterIP', 'clusterIPs', 'externalIPs', 'externalName',
  'externalTrafficPolicy', 'healthCheckNodePort', 'internalTrafficPolicy', 'ipFamilies', 'ipFamilyPolicy',
  'loadBalancerClass', 'loadBalancerIP', 'loadBalancerSourceRanges', 'ports', 'publishNotReadyAddresses', 'selector',
  'sessionAffinity', 'sessionAffinityConfig', 'trafficDistribution', 'type'];
const PORT_FIELDS = ['appProtocol', 'name', 'nodePort', 'port', 'protocol', 'targetPort'];

/**
 * kubectl's strict field validation warns of fields the schema does not have. In a Service a
 * misspelt field (`externalTrafficpolicy`) silently changes what is simulated, so say so.
 */
export function warnUnknownServiceFields(errs: FieldErrors, value: Record<string, unknown>): void {
  const check = (object: unknown, known: readonly string[], at: FieldPath) => {
    if (!object || typeof object !== 'object' || Array.isArray(object)) return;
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const hint = closest(key, known);
      errs.warning([...at, key], `unknown field "${formatPath([...at, key])}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
  };
  const spec = value.spec as Record<string, unknown> | undefined;
  check(spec, SPEC_FIELDS, ['spec']);
  if (spec && Array.isArray(spec.ports)) spec.ports.forEach((p, i) => check(p, PORT_FIELDS, ['spec', 'ports', i]));
}
