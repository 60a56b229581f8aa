/**
 * Topology-aware routing: which ready endpoints kube-proxy on a node uses when the Service sets
 * trafficDistribution or the topology-mode: Auto annotation. Two halves, as in Kubernetes: the
 * EndpointSlice controller writes hints (staging/src/k8s.io/endpointslice: trafficdist,
 * topologycache), kube-proxy filters by them (pkg/proxy/topology.go). Run once when the
 * variant is built; kube-proxy recomputes only when endpoints change.
 *
 * Filters return indices into the `endpoints` array they are given, in its order. Only ready
 * endpoints are returned; kube-proxy's fallback to serving-terminating endpoints is not here.
 * Topology applies to Cluster-policy traffic only: Local policies ignore hints.
 */
export interface ZonedEndpoint {
  node: number;
  /** '' when the endpoint has no zone. */
  zone: string;
  ready: boolean;
}

/** PreferClose is the older name of PreferSameZone. */
export type TrafficDistribution = 'PreferSameZone' | 'PreferClose' | 'PreferSameNode';

/** Endpoints with a hint for a zone may be allotted to no more than 1.2x their fair share. */
export const OVERLOAD_THRESHOLD = 0.2;

/**
 * The endpoints kube-proxy on `clientNode` (in `clientZone`, '' if unlabelled) uses under
 * `mode`. The controller hints every ready endpoint for its own zone (none if it has no zone)
 * and, for PreferSameNode, for its own node; kube-proxy then narrows to the same node if every
 * ready endpoint has a node hint and one is on this node, else to the same zone if every ready
 * endpoint has a zone hint and one is in this zone, else takes them all.
 */
export function trafficDistributionFilter(
  mode: TrafficDistribution,
  clientNode: number,
  clientZone: string,
  endpoints: readonly ZonedEndpoint[],
): Int32Array {
  const sameNode = mode === 'PreferSameNode' && hasHintFor(endpoints, (e) => e.node, clientNode);
  if (sameNode) return readyWhere(endpoints, (e) => e.node === clientNode);
  const sameZone = hasHintFor(endpoints, (e) => (e.zone === '' ? undefined : e.zone), clientZone);
  return readyWhere(endpoints, (e) => !sameZone || e.zone === clientZone);
}

/**
 * The endpoints kube-proxy in `clientZone` uses given the controller's zone hints (one per
 * endpoint, '' or missing for none, as `allocateTopologyHints` returns them). Hints count only
 * when every ready endpoint carries one and at least one is for this zone; else all are used.
 */
export function hintFilter(
  clientZone: string,
  endpoints: readonly { ready: boolean }[],
  zoneHints: readonly string[],
): Int32Array {
  const hint = (i: number): string | undefined => (zoneHints[i] ? zoneHints[i] : undefined);
  let everyHinted = true;
  let anyForZone = false;
  for (let i = 0; i < endpoints.length; i++) {
    if (!endpoints[i].ready) continue;
    const h = hint(i);
    if (h === undefined) everyHinted = false;
    else if (h === clientZone) anyForZone = true;
  }
  const use = everyHinted && anyForZone;
  const out: number[] = [];
  for (let i = 0; i < endpoints.length; i++) {
    if (endpoints[i].ready && (!use || hint(i) === clientZone)) out.push(i);
  }
  return Int32Array.from(out);
}

export type HintsDisabledReason =
  | 'insufficient node info'
  | 'fewer than 2 zones'
  | 'more zones than endpoints'
  | 'overload threshold'
  | 'endpoint without zone';

export type TopologyHints =
  /** Zone hinted for each endpoint, '' for endpoints that are not ready. */
  | { hints: string[] }
  /** No hints: kube-proxy uses every ready endpoint. `message` is the controller's event text. */
  | { disabled: HintsDisabledReason; message: string };

/**
 * topology-mode: Auto. The EndpointSlice controller allots ready endpoints to zones in
 * proportion to each zone's allocatable CPU: every endpoint starts hinted for its own zone,
 * then zones holding more than their share give endpoints, in list order, to zones holding
 * fewer. Each zone gets at least ceil(share / 1.2) endpoints, so at least one.
 *
 * @param zoneAllocatableCpu allocatable CPU, in cores, summed over the counted nodes of each
 *   zone. Give a zone 0 (or no entry) when one of its nodes reports no allocatable CPU.
 * @param nodeZones zone of each node the controller counts ('' for a node without a zone
 *   label). It skips nodes that are not ready and control-plane nodes; so should the caller.
 *
 * Kubernetes iterates zones in map order (random); here zones go in name order, so the result
 * is deterministic.
 */
export function allocateTopologyHints(
  endpoints: readonly ZonedEndpoint[],
  zoneAllocatableCpu: Readonly<Record<string, number>>,
  nodeZones: readonly string[],
): TopologyHints {
  // Node information (the controller's SetNodes): any gap disables hints for every Service.
  const zones = [...new Set(nodeZones)].sort();
  const milli = zones.map((z) => Math.round((zoneAllocatableCpu[z] ?? 0) * 1000));
  const totalMilli = milli.reduce((a, b) => a + b, 0);
  if (zones.includes('') || milli.some((m) => !(m > 0)) || totalMilli === 0) {
    return disabled('insufficient node info', INSUFFICIENT_NODE_INFO);
  }
  // The controller drops its zone ratios here too, so the event reads as for missing info.
  if (zones.length < 2) {
    return disabled('fewer than 2 zones', INSUFFICIENT_NODE_INFO);
  }

  let ready = 0;
  for (const e of endpoints) if (e.ready) ready++;
  if (zones.length > ready) {
    return disabled('more zones than endpoints', `Insufficient number of endpoints (${ready} endpoints, ${zones.length} zones)`);
  }

  // Allocations (getAllocations): the share, and the least a zone may get without its
  // endpoints taking more than 1.2x their fair load.
  const desired = new Float64Array(zones.length);
  let minTotal = 0;
  for (let z = 0; z < zones.length; z++) {
    const share = (milli[z] / totalMilli) * ready;
    const minimum = Math.ceil(share * (1 / (1 + OVERLOAD_THRESHOLD)));
    desired[z] = Math.max(share, minimum);
    minTotal += minimum;
  }
  if (minTotal > ready) {
    return disabled('overload threshold', `Unable to allocate minimum required endpoints to each zone without exceeding overload threshold (${ready} endpoints, ${zones.length} zones)`);
  }

  // Step 1: every ready endpoint hinted for its own zone.
  const hints = endpoints.map((e) => (e.ready ? e.zone : ''));
  if (endpoints.some((e) => e.ready && e.zone === '')) {
    return disabled('endpoint without zone', 'One or more endpoints do not have a zone specified');
  }
  const held = zones.map((z) => hints.filter((h) => h === z).length);

  // Step 2 (getGivingAndReceivingZones): whole endpoints to move, largest surplus to largest
  // deficit, while a move covers at least half an endpoint on both sides.
  const surplus = zones.map((_, z) => Math.max(0, held[z] - desired[z]));
  const deficit = zones.map((_, z) => Math.max(0, desired[z] - held[z]));
  const give = new Int32Array(zones.length);
  const take = new Int32Array(zones.length);
  for (;;) {
    const g = largest(surplus);
    const r = largest(deficit);
    if (g < 0 || r < 0) break;
    if ((surplus[g] < 1 && deficit[r] < 1) || surplus[g] < 0.5 || deficit[r] < 0.5) break;
    give[g]++;
    surplus[g]--;
    take[r]++;
    deficit[r]--;
  }

  // Step 3 (redistributeHints): walk the endpoints in order, re-hinting donors' endpoints.
  for (let i = 0; i < endpoints.length; i++) {
    if (!endpoints[i].ready) continue;
    const from = zones.indexOf(endpoints[i].zone);
    if (from < 0 || give[from] === 0) continue;
    const to = take.findIndex((t) => t > 0);
    if (to < 0) break;
    hints[i] = zones[to];
    give[from]--;
    take[to]--;
  }
  return { hints };
}

const INSUFFICIENT_NODE_INFO =
  'Insufficient Node information: allocatable CPU or zone not specified on one or more nodes';

function disabled(reason: HintsDisabledReason, message: string): TopologyHints {
  return { disabled: reason, message };
}

/** Index of the largest positive value, the first on ties; -1 if none is positive. */
function largest(values: readonly number[]): number {
  let best = -1;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] > max) {
      best = i;
      max = values[i];
    }
  }
  return best;
}

/** Every ready endpoint has a hint (`hintOf` not undefined) and one is for `target`. */
function hasHintFor<T>(
  endpoints: readonly ZonedEndpoint[],
  hintOf: (e: ZonedEndpoint) => T | undefined,
  target: T,
): boolean {
  let any = false;
  for (const e of endpoints) {
    if (!e.ready) continue;
    const h = hintOf(e);
    if (h === undefined) return false;
    if (h === target) any = true;
  }
  return any;
}

function readyWhere(endpoints: readonly ZonedEndpoint[], keep: (e: ZonedEndpoint) => boolean): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < endpoints.length; i++) if (endpoints[i].ready && keep(endpoints[i])) out.push(i);
  return Int32Array.from(out);
}
