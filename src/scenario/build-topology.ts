import { distributionSpec } from './distribution-spec.js';
import type { Dynamics, NetworkSpec, TimelineAction, Topology, TopologyPod, TrafficSpec } from '../model/topology.js';
import { resolveTimeline } from './build-timeline.js';
import { parseDuration } from './durations.js';
import { mapSelects } from './labels.js';
import type { ClusterObjects, FieldPath, ServiceObject } from './objects.js';
import { buildAutoscaling } from './build-autoscaling.js';
import { buildHeadless } from './build-headless.js';
import { buildExternalName, buildIngress } from './build-routes.js';
import { chooseLoadBalancer } from './load-balancer-choice.js';
import type { PendingPod, PlacedPod, Report } from './placement.js';
import { noEndpointReason } from './service-endpoints.js';
import type { ScenarioDocument } from './scenario-schema.js';

/**
 * Resolves names to indices and picks what the run needs: the traffic's Service and port, its
 * endpoints (pods its selector picks, in its namespace) with their pod models, the entry nodes
 * or client nodes. Reports what cannot be resolved; returns undefined if anything failed.
 */
export function buildTopology(objects: ClusterObjects, placed: PlacedPod[], scenario: ScenarioDocument, report: Report, pending: PendingPod[] = []):
  { topology: Topology; traffic: TrafficSpec; service: ServiceObject } | undefined {
  const spec = scenario.spec;
  const t = spec.traffic;
  let pods = placed;
  let errors = 0;
  const err = (path: FieldPath, message: string) => { errors++; report('error', path, message); };
  const service = findService(objects.services, t.service, t.namespace, err);
  if (!service) return undefined;
  const namespace = service.meta.namespace;
  if (service.type === 'ExternalName' && !spec.externalName) {
    err(['spec', 'externalName'], `Required value: Service "${t.service}" is an ExternalName Service (a DNS alias for ${service.externalName}): say how long DNS and the outside target take`);
    return undefined;
  }
  if (service.type !== 'ExternalName' && spec.externalName) {
    err(['spec', 'externalName'], `Forbidden: Service "${t.service}" is of type ${service.type}, not ExternalName`);
  }
  if (t.port !== undefined && !service.ports.some((p) => p.name === t.port || p.port === t.port)) {
    const ports = service.ports.map((p) => (p.name ? `${p.name} (${p.port})` : String(p.port))).join(', ');
    err(['spec', 'traffic', 'port'], `Not found: port ${JSON.stringify(t.port)} on Service "${service.meta.name}" (ports: ${ports})`);
  }
  const entry = t.entry ?? (service.type === 'LoadBalancer' ? 'loadBalancer' : service.type === 'NodePort' ? 'nodePort' : 'clusterIP');
  if (service.type === 'ExternalName' && entry !== 'clusterIP') {
    err(['spec', 'traffic', 'entry'], `Invalid value: "${entry}": an ExternalName Service is reached from inside the cluster only`);
  }
  if (entry === 'loadBalancer' && service.type !== 'LoadBalancer') {
    err(['spec', 'traffic', 'entry'], `Invalid value: "loadBalancer": Service "${service.meta.name}" is of type ${service.type}, which has no external load balancer`);
  }
  if (entry === 'nodePort' && service.type === 'ClusterIP') {
    err(['spec', 'traffic', 'entry'], `Invalid value: "nodePort": Service "${service.meta.name}" is of type ClusterIP, which opens no node port`);
  }

  const nodeNames = objects.nodes.map((n) => n.meta.name);
  const nodeIndex = new Map(nodeNames.map((n, i) => [n, i]));
  if (objects.nodes.length === 0) err([], 'Required value: at least one v1 Node object (the cluster has no nodes)');

  const planned = [...pods];
  const namedActions = resolveTimeline(spec, objects, planned, err, (path, message) => report('warning', path, message));
  pods = planned;
  const selected = service.selector ? pods.filter((p) => p.namespace === namespace && mapSelects(service.selector!, p.labels)) : [];
  const noEndpoint = service.type === 'ExternalName' ? undefined : noEndpointReason(service, pods, pending);
  if (noEndpoint) err(['spec', 'traffic', 'service'], noEndpoint);
  const topologyPods: TopologyPod[] = [];
  /** Adds an endpoint pod with its pod model (once); returns its index, or -1 if no model selects it. */
  const addPod = (p: PlacedPod, serviceName: string): number => {
    const known = topologyPods.findIndex((q) => q.name === p.name);
    if (known >= 0) return known;
    const i = spec.pods.findIndex((m) => m.selector === undefined || Object.entries(m.selector).every(([k, v]) => p.labels[k] === v));
    if (i < 0) {
      err(['spec', 'pods'], `Required value: no entry selects pod "${p.name}" (labels ${JSON.stringify(p.labels)}), an endpoint of Service "${serviceName}"`);
      return -1;
    }
    const m = spec.pods[i];
    topologyPods.push({
      name: p.name, running: p.running !== false, node: nodeIndex.get(p.node)!, ready: p.ready, workers: m.concurrency,
      queueLimit: m.queueLimit ?? Infinity, serviceTime: distributionSpec(m.serviceTime),
    });
    return topologyPods.length - 1;
  };
  for (const p of selected) addPod(p, service.meta.name);
  const endpoints = topologyPods.map((_, i) => i);
  const scaledByTimeline = new Set(spec.timeline.flatMap((e) => [e.podStart?.workload, e.scale?.workload, e.rollingUpdate?.workload])
    .filter((x): x is string => x !== undefined));
  const built = buildAutoscaling(objects, spec, pods, topologyPods, endpoints, service.selector, (severity, path, message, origin) => {
    if (severity === 'error') errors++;
    report(severity, path, message, origin);
  }, scaledByTimeline);
  const ingress = spec.ingress ? buildIngress(objects, pods, spec.ingress, addPod, err) : undefined;
  const externalName = spec.externalName && service.type === 'ExternalName'
    ? buildExternalName(objects, service, spec.externalName) : undefined;
  const isHeadless = service.type === 'ClusterIP' && service.headless;
  const headless = isHeadless ? buildHeadless(objects, service, spec.headless, report) : undefined;
  if (isHeadless && !headless) errors++; // buildHeadless has said why

  const resolveNodes = (path: FieldPath, names: string[]): number[] => names.flatMap((n, k) => {
    const i = nodeIndex.get(n);
    if (i === undefined) { err([...path, k], `Not found: node "${n}" (nodes: ${nodeNames.join(', ')})`); return []; }
    return [i];
  });
  const allNodes = nodeNames.map((_, i) => i);
  const entryNodes = t.nodes ? resolveNodes(['spec', 'traffic', 'nodes'], t.nodes) : allNodes;
  let clientNodes = allNodes;
  let clientsArePods = false;
  if (t.clients?.pods) {
    const clients = pods.filter((p) => mapSelects(t.clients!.pods!, p.labels));
    if (clients.length === 0) err(['spec', 'traffic', 'clients', 'pods'], `Not found: no pod has labels ${JSON.stringify(t.clients.pods)}`);
    clientNodes = clients.map((p) => nodeIndex.get(p.node)!);
    clientsArePods = true;
  } else if (t.clients?.nodes) {
    clientNodes = resolveNodes(['spec', 'traffic', 'clients', 'nodes'], t.clients.nodes);
  }

  const lb = spec.loadBalancer;
  const choice = chooseLoadBalancer(service, objects.nodes, lb, entry, (severity, path, message, origin) => {
    if (severity === 'error') errors++;
    report(severity, path, message, origin);
  });
  if (choice.model === 'maglev' && !(isPrime(lb.maglevTableSize) && lb.maglevTableSize > topologyPods.length)) {
    err(['spec', 'loadBalancer', 'maglevTableSize'], `Invalid value: ${lb.maglevTableSize}: must be a prime larger than the number of endpoints (${topologyPods.length}), e.g. 16381`);
  }
  if (lb.dsr && choice.model !== 'maglev') err(['spec', 'loadBalancer', 'dsr'], `Invalid value: true: direct server return needs model maglev, not ${choice.model}`);
  const nodeZones = [...new Set(objects.nodes.map((n) => n.zone ?? ''))];
  const clientZones: Array<[string, number]> = spec.clients.zones
    ? Object.entries(spec.clients.zones)
    : nodeZones.map((z) => [z, 1]);
  if (clientZones.reduce((sum, [, w]) => sum + w, 0) <= 0) err(['spec', 'clients', 'zones'], 'Invalid value: the shares must add up to more than 0');
  const podIndex = new Map(topologyPods.map((p, i) => [p.name, i]));
  const indices = (names: string[]) => names.flatMap((n) => (podIndex.has(n) ? [podIndex.get(n)!] : []));
  const timeline: TimelineAction[] = namedActions.map((a) => {
    if (a.kind === 'podTermination' || a.kind === 'podStart') return { ...a, pods: indices(a.pods) } as TimelineAction;
    if (a.kind === 'rollingUpdate') return { ...a, old: indices(a.old), fresh: indices(a.fresh) };
    return a as TimelineAction;
  });
  const c = spec.clients;
  const dynamics: Dynamics = {
    timeline,
    propagationDelay: parseDuration(spec.dynamics.endpointPropagationDelay),
    readinessDelay: parseDuration(spec.dynamics.readinessDelay),
    clientTimeout: c.timeout !== undefined ? parseDuration(c.timeout) : Infinity,
    retries: c.retries ? { count: c.retries.count, backoff: parseDuration(c.retries.backoff), jitter: c.retries.jitter } : { count: 0, backoff: 0, jitter: 0 },
  };
  if (c.retries && c.retries.count > 0 && c.timeout === undefined) {
    report('warning', ['spec', 'clients', 'retries'], 'without clients.timeout a lost request is never retried: only refusals and failures are');
  }
  const requests = t.requests;
  const duration = t.duration !== undefined ? parseDuration(t.duration) : undefined;
  if (errors > 0) return undefined;
  return {
    service,
    topology: {
      nodes: [...objects.nodes.map((n, i) => ({
        name: n.meta.name, zone: n.zone ?? '', ready: n.ready, allocatableCpu: n.allocatableCpu, loadBalancerTarget: choice.targets[i],
      })), ...(built?.nodes ?? [])],
      pods: topologyPods,
      endpoints,
      dynamics,
      ingress,
      externalName,
      headless,
      entry,
      externalTrafficPolicy: service.externalTrafficPolicy ?? 'Cluster',
      internalTrafficPolicy: service.internalTrafficPolicy ?? 'Cluster',
      entryNodes,
      clientNodes,
      clientsArePods,
      network: networkSpec(spec.network),
      service: {
        name: service.meta.name,
        namespace,
        sessionAffinity: service.sessionAffinity,
        affinityTimeout: service.sessionAffinityTimeoutSeconds ?? 10800,
        trafficDistribution: service.trafficDistribution,
        topologyMode: service.meta.annotations['service.kubernetes.io/topology-mode']
          ?? service.meta.annotations['service.kubernetes.io/topology-aware-hints'],
      },
      loadBalancer: {
        model: choice.model,
        reason: choice.reason,
        healthCheck: typeof lb.healthCheck === 'object'
          ? { interval: parseDuration(lb.healthCheck.interval), healthyThreshold: lb.healthCheck.healthyThreshold, unhealthyThreshold: lb.healthCheck.unhealthyThreshold }
          : lb.healthCheck ? { interval: 10, healthyThreshold: 2, unhealthyThreshold: 3 } : null,
        checksHealth: lb.healthCheck !== false,
        crossZone: choice.crossZone,
        maglevTableSize: lb.maglevTableSize,
        dsr: lb.dsr,
      },
      kubeProxy: {
        mode: spec.kubeProxy.mode,
        scheduler: spec.kubeProxy.scheduler,
        newConnectionCost: spec.kubeProxy.mode === 'iptables' && spec.kubeProxy.iptablesCost
          ? parseDuration(spec.kubeProxy.iptablesCost.perService) * (spec.kubeProxy.iptablesCost.otherServices + objects.services.length)
          : 0,
      },
      clients: {
        population: spec.clients.population,
        zones: clientZones,
        requestsPerConnection: spec.clients.requestsPerConnection,
      },
      zones: spec.zones,
      ...(built ? { autoscaling: built.autoscaling } : {}),
    },
    traffic: {
      arrival: t.arrival, rate: t.rate, requests, duration,
      warmup: t.warmup !== undefined ? parseDuration(t.warmup) : 0,
      timeSeriesInterval: parseDuration(spec.timeSeries.interval),
    },
  };
}

/**
 * The traffic's Service: in traffic.namespace if given; else the one Service of that name in
 * any namespace, as a dump of several namespaces has it (kubectl's "default" would be a guess).
 */
function findService(services: readonly ServiceObject[], name: string, namespace: string | undefined,
  err: (path: FieldPath, message: string) => void): ServiceObject | undefined {
  const named = services.filter((s) => s.meta.name === name);
  const found = namespace === undefined ? (named.length === 1 ? named[0] : undefined) : named.find((s) => s.meta.namespace === namespace);
  if (found) return found;
  const where = (list: readonly ServiceObject[]) => list.map((s) => `${s.meta.namespace}/${s.meta.name}`).join(', ');
  if (namespace === undefined && named.length > 1) {
    err(['spec', 'traffic', 'service'], `Invalid value: "${name}": a Service of that name is in several namespaces (${where(named)}): say which with spec.traffic.namespace`);
  } else {
    err(['spec', 'traffic', 'service'], `Not found: Service "${name}"${namespace === undefined ? '' : ` in namespace "${namespace}"`}`
      + (services.length ? ` (Services: ${where(services)})` : ' (no Service in the input)'));
  }
  return undefined;
}

function isPrime(n: number): boolean {
  if (n < 2 || !Number.isInteger(n)) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** The link latencies as plain data (the Scenario document has checked each). */
function networkSpec(n: ScenarioDocument['spec']['network']): NetworkSpec {
  return {
    sameNode: distributionSpec(n.sameNode), sameZone: distributionSpec(n.sameZone), crossZone: distributionSpec(n.crossZone),
    clientToLoadBalancer: distributionSpec(n.clientToLoadBalancer), loadBalancerToNode: distributionSpec(n.loadBalancerToNode),
    clientToNode: distributionSpec(n.clientToNode),
  };
}
