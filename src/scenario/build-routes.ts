import { distributionSpec } from './distribution-spec.js';
import { IngressRouter, NO_ROUTE } from './ingress-rules.js';
import type { ExternalNameSpec, IngressSpec } from '../model/topology.js';
import { parseDuration } from './durations.js';
import { mapSelects } from './labels.js';
import type { ClusterObjects, FieldPath, ServiceObject } from './objects.js';
import type { PlacedPod } from './placement.js';
import type { ScenarioDocument } from './scenario-schema.js';

type Spec = ScenarioDocument['spec'];

/**
 * The Ingress tier of a run: each entry of the request mix routed once, here, through the
 * Ingresses' rules to a backend Service, whose endpoints join the run's pods. A request no rule
 * and no default backend takes is an input error: the controller would answer 404 to all of them.
 */
export function buildIngress(objects: ClusterObjects, pods: PlacedPod[], mix: NonNullable<Spec['ingress']>,
  addPod: (p: PlacedPod, service: string) => number, err: (path: FieldPath, message: string) => void): IngressSpec | undefined {
  const ingresses = objects.ingresses.filter((i) => mix.ingressClassName === undefined || i.ingressClassName === mix.ingressClassName);
  if (ingresses.length === 0) {
    err(['spec', 'ingress'], `Not found: no Ingress${mix.ingressClassName ? ` of class "${mix.ingressClassName}"` : ''} in the input`);
    return undefined;
  }
  const router = new IngressRouter(ingresses);
  const backendPods: number[][] = router.backends.map(() => []);
  const used = new Set<number>();
  const routeOf = mix.requests.map((r, k) => {
    const route = router.routeIndex(r.host.toLowerCase(), r.path);
    if (route === NO_ROUTE) {
      err(['spec', 'ingress', 'requests', k], `Not found: no Ingress rule or default backend takes host "${r.host}" path "${r.path}" (the controller would answer 404)`);
    }
    return route;
  });
  for (const route of routeOf) {
    if (route === NO_ROUTE || used.has(route)) continue;
    used.add(route);
    const b = router.backends[route];
    const service = objects.services.find((s) => s.meta.name === b.service && s.meta.namespace === b.namespace);
    if (!service) {
      err(['spec', 'ingress'], `Not found: Service "${b.service}" in namespace "${b.namespace}", a backend of the Ingress rules`);
      continue;
    }
    if (!service.ports.some((p) => p.port === b.port || p.name === b.port)) {
      err(['spec', 'ingress'], `Not found: port ${JSON.stringify(b.port)} on Service "${b.service}", a backend of the Ingress rules`);
    }
    const selected = service.selector ? pods.filter((p) => p.namespace === b.namespace && mapSelects(service.selector!, p.labels)) : [];
    backendPods[route] = selected.map((p) => addPod(p, service.meta.name)).filter((i) => i >= 0);
  }
  let sum = 0;
  return {
    routeOf,
    cumulativeWeight: mix.requests.map((r) => (sum += r.weight)),
    backendPods,
    backendNames: router.backends.map((b) => `${b.namespace}/${b.service}`),
  };
}

export function buildExternalName(objects: ClusterObjects, service: ServiceObject, spec: NonNullable<Spec['externalName']>): ExternalNameSpec {
  return {
    name: spec.name ?? service.meta.name,
    namespace: service.meta.namespace,
    services: objects.services.map((s) => ({ name: s.meta.name, namespace: s.meta.namespace, externalName: s.externalName })),
    dns: {
      latency: distributionSpec(spec.dns.latency),
      upstreamLatency: distributionSpec(spec.dns.upstreamLatency),
      ndots: spec.dns.ndots,
      nodeSearchDomains: spec.dns.nodeSearchDomains,
      queriesPerName: spec.dns.queriesPerName,
      cacheTtl: spec.dns.cacheTtl !== undefined ? parseDuration(spec.dns.cacheTtl) : undefined,
    },
    targetLatency: distributionSpec(spec.target.latency),
  };
}
