import { searchCandidates } from '../model/dns.js';
import type { HeadlessSpec } from '../model/topology.js';
import { distributionSpec } from './distribution-spec.js';
import { parseDuration } from './durations.js';
import type { ClusterObjects, FieldPath, ServiceObject } from './objects.js';
import type { Report } from './placement.js';
import { HEADLESS_DEFAULTS, type ScenarioDocument } from './scenario-schema.js';

const CLUSTER_DOMAIN = 'cluster.local';

/**
 * The run's view of a headless Service: the name its clients look up (checked to resolve, by
 * the search path, to this Service and not to another), the DNS model (the Scenario's
 * `headless` section, or its defaults), and warnings for Service fields that only kube-proxy
 * reads: kube-proxy skips a Service without a cluster IP, so they do nothing.
 */
export function buildHeadless(objects: ClusterObjects, service: ServiceObject, written: ScenarioDocument['spec']['headless'],
  report: Report): HeadlessSpec | undefined {
  const h = written ?? HEADLESS_DEFAULTS;
  const ns = service.meta.namespace;
  const name = h.name ?? service.meta.name;
  const fqdn = `${service.meta.name}.${ns}.svc.${CLUSTER_DOMAIN}.`.toLowerCase();
  const ignored = (path: FieldPath, what: string) => report('warning', path,
    `${what} has no effect on a headless Service: kube-proxy, which implements it, skips Services without a cluster IP`,
    { file: service.origin.file, line: service.origin.lineOf(path), object: `Service/${service.meta.name}` });
  if (service.sessionAffinity === 'ClientIP') ignored(['spec', 'sessionAffinity'], 'sessionAffinity ClientIP');
  if (service.internalTrafficPolicy === 'Local') ignored(['spec', 'internalTrafficPolicy'], 'internalTrafficPolicy Local');
  if (service.trafficDistribution !== undefined) ignored(['spec', 'trafficDistribution'], `trafficDistribution ${service.trafficDistribution}`);
  const topologyMode = Object.keys(service.meta.annotations).find((k) => k.startsWith('service.kubernetes.io/topology-'));
  if (topologyMode) ignored(['metadata', 'annotations', topologyMode], `the ${topologyMode} annotation`);

  const problem = resolutionProblem(objects, name, fqdn, ns, h.dns.ndots, h.dns.nodeSearchDomains);
  if (problem) {
    report('error', ['spec', 'headless', 'name'], `Invalid value: ${JSON.stringify(name)}: ${problem}`);
    return undefined;
  }
  return {
    name, fqdn, namespace: ns,
    services: objects.services.map((s) => ({ name: s.meta.name, namespace: s.meta.namespace, externalName: s.externalName })),
    publishNotReadyAddresses: service.publishNotReadyAddresses,
    dns: {
      latency: distributionSpec(h.dns.latency),
      upstreamLatency: distributionSpec(h.dns.upstreamLatency),
      ndots: h.dns.ndots,
      nodeSearchDomains: h.dns.nodeSearchDomains,
      queriesPerName: h.dns.queriesPerName,
      ttl: parseDuration(h.dns.ttl),
      order: h.dns.order,
    },
  };
}

/** Why `name` would not reach the Service `fqdn` from a pod in `ns`, or undefined when it does. */
function resolutionProblem(objects: ClusterObjects, name: string, fqdn: string, ns: string, ndots: number,
  nodeSearchDomains: readonly string[]): string | undefined {
  const known = new Map(objects.services.map((s) => [`${s.meta.name}.${s.meta.namespace}.svc.${CLUSTER_DOMAIN}.`.toLowerCase(), s]));
  let tried: string[];
  try {
    tried = searchCandidates(name, { ndots, searchDomains: [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN, ...nodeSearchDomains] });
  } catch (e) {
    return (e as Error).message;
  }
  // The first name the cluster DNS knows answers; a name outside the cluster domain is taken
  // as unknown upstream.
  const hit = tried.find((n) => known.has(n));
  if (hit === fqdn) return undefined;
  if (hit !== undefined) {
    const other = known.get(hit)!;
    return `resolves to Service "${other.meta.name}" in namespace "${other.meta.namespace}" (${hit}) before ${fqdn}`;
  }
  return `does not resolve to ${fqdn} (names tried: ${tried.join(', ')})`;
}
