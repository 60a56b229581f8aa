/**
 * What the API server does with a new Service around ValidateService, in its order. The generic
 * registry's Store.create runs the Service storage's BeginCreate before the strategy validates:
 * a loose pre-validation of the cluster IP fields (initIPFamilyFields), then the allocators
 * (pkg/registry/core/service/storage/alloc.go). Either failing is the whole answer: the
 * validation errors of such a Service are never reported. A Service that validation rejects
 * gives its ports back, so it keeps none, as on a real cluster.
 */
import type { Decoder } from './decoder.js';
import { INVALID_IP, isValidIP } from './ip-addresses.js';
import type { FieldErrors } from './metadata-validation.js';
import { normalizedClusterIPs, type ServiceSpecInput } from './service-validation.js';

/** The API server's default --service-node-port-range. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

const FAMILIES = ['IPv4', 'IPv6'];
const FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

/** The Service fields svcsim does not simulate but the API server checks, as decoded. */
export type CheckedOnlyFields = Pick<ServiceSpecInput, 'clusterIPs' | 'ipFamilies' | 'ipFamilyPolicy' | 'loadBalancerSourceRanges'
  | 'allocateLoadBalancerNodePorts' | 'loadBalancerClass' | 'appProtocols'>;

export function decodeCheckedOnlyFields(d: Decoder): CheckedOnlyFields {
  const ports = d.get(['spec', 'ports']);
  return {
    clusterIPs: d.stringList(['spec', 'clusterIPs']),
    ipFamilies: d.stringList(['spec', 'ipFamilies']),
    ipFamilyPolicy: d.string(['spec', 'ipFamilyPolicy']),
    loadBalancerSourceRanges: d.stringList(['spec', 'loadBalancerSourceRanges']),
    allocateLoadBalancerNodePorts: d.boolean(['spec', 'allocateLoadBalancerNodePorts']),
    loadBalancerClass: d.string(['spec', 'loadBalancerClass']),
    appProtocols: Array.isArray(ports) ? ports.map((_, i) => d.string(['spec', 'ports', i, 'appProtocol'])) : [],
  };
}

export interface ServiceToAdmit {
  errs: FieldErrors;
  spec: ServiceSpecInput;
  /** ValidateService on this Service. */
  validate(): void;
}

/** Admits the Services in input order, the NodePorts of each accepted one taken from then on. */
export function admitServices(services: readonly ServiceToAdmit[]): void {
  const taken = new Set<number>();
  for (const s of services) {
    if (!preValidateClusterIPs(s.errs, s.spec)) continue;
    const mine = allocateNodePorts(s.errs, s.spec, taken);
    if (!mine) continue;
    s.validate();
    if (s.errs.errorCount === 0) for (const port of mine) taken.add(port);
  }
}

/**
 * The part of ValidateServiceClusterIPsRelatedFields that names single values; the checks that
 * print the whole clusterIPs list, and those that depend on the cluster's IP families, are not
 * made (README, Validation).
 */
function preValidateClusterIPs(errs: FieldErrors, spec: ServiceSpecInput): boolean {
  if (spec.type === 'ExternalName') return true;
  const before = errs.errorCount;
  spec.ipFamilies.forEach((family, i) => {
    const at = ['spec', 'ipFamilies', i];
    if (!FAMILIES.includes(family)) errs.unsupported(at, family, FAMILIES);
    if (spec.ipFamilies.indexOf(family) < i) errs.duplicate(at, family);
  });
  if (spec.ipFamilyPolicy !== undefined && !FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.unsupported(['spec', 'ipFamilyPolicy'], spec.ipFamilyPolicy, FAMILY_POLICIES);
  }
  const written = spec.clusterIPs.length > 0;
  normalizedClusterIPs(spec).forEach((ip, i) => {
    if ((i === 0 && ip === 'None') || isValidIP(ip)) return;
    errs.invalid(['spec', 'clusterIPs', i], ip, INVALID_IP, written ? ['spec', 'clusterIPs', i] : ['spec', 'clusterIP']);
  });
  return errs.errorCount === before;
}

/**
 * initNodePorts and allocHealthCheckNodePort: each requested nodePort must lie in the range and
 * be free. Ports are keyed by service port number, so TCP and UDP on one port share a nodePort,
 * and one nodePort asked for by two port numbers is allocated twice: already allocated. Returns
 * the ports taken, or undefined after reporting the first that could not be.
 */
function allocateNodePorts(errs: FieldErrors, spec: ServiceSpecInput, taken: ReadonlySet<number>): number[] | undefined {
  const mine: number[] = [];
  const problem = (port: number): string | undefined => {
    if (port < NODE_PORT_RANGE.min || port > NODE_PORT_RANGE.max) {
      return `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`;
    }
    if (taken.has(port) || mine.includes(port)) return 'provided port is already allocated';
    mine.push(port);
    return undefined;
  };
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    const allocates = spec.type === 'NodePort' || spec.allocateLoadBalancerNodePorts !== false;
    // Service port -> its nodePort; 0 when one will be picked from the range later.
    const byPort = new Map<number, number>();
    for (let i = 0; i < spec.ports.length; i++) {
      const p = spec.ports[i];
      if (p.nodePort === 0 && !allocates) continue;
      const known = byPort.get(p.port);
      const requested = known === undefined ? spec.ports.find((q) => q.port === p.port && q.nodePort !== 0)?.nodePort ?? 0 : p.nodePort;
      if (requested === 0 || requested === known) {
        if (known === undefined) byPort.set(p.port, 0);
        continue;
      }
      const why = problem(requested);
      if (why) {
        errs.invalid(['spec', 'ports', i, 'nodePort'], requested, why);
        return undefined;
      }
      if (known === undefined) byPort.set(p.port, requested);
    }
  }
  const hc = spec.healthCheckNodePort;
  if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && hc !== 0) {
    const why = problem(hc);
    if (why) {
      // Returned as an internal error, not as an invalid field.
      errs.internal(['spec', 'healthCheckNodePort'], `Internal error occurred: failed to allocate requested HealthCheck NodePort ${hc}: ${why}`);
      return undefined;
    }
  }
  return mine;
}
