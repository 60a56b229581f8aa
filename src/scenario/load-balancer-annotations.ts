import type { LoadBalancerModelName } from '../model/topology.js';

/**
 * The load-balancer model a LoadBalancer Service gets from its well-known annotations, when the
 * Scenario does not name one, and the annotations svcsim reads or knows to be irrelevant.
 * Sources: AWS Load Balancer Controller, "Service annotations" and "Network Load Balancer";
 * cloud-provider-aws, "The Service Controller"; GKE, "About LoadBalancer Services" (weighted load
 * balancing; the key is ingress-gce's WeightedL4AnnotationKey); MetalLB, "Usage".
 */
const AWS = 'service.beta.kubernetes.io/aws-load-balancer-';
export const AWS_TYPE = `${AWS}type`;
export const AWS_TARGET_TYPE = `${AWS}nlb-target-type`;
export const AWS_CROSS_ZONE = `${AWS}cross-zone-load-balancing-enabled`;
export const AWS_ATTRIBUTES = `${AWS}attributes`;
export const AWS_TARGET_NODE_LABELS = `${AWS}target-node-labels`;
export const GKE_WEIGHTED = 'networking.gke.io/weighted-load-balancing';

/** Prefixes whose unread annotations are worth a warning: they may change where traffic goes. */
const WATCHED = ['service.beta.kubernetes.io/', 'metallb.universe.tf/', 'metallb.io/'];

/**
 * Annotations that name, secure, tag, place or log the balancer but do not change which node or
 * pod a connection reaches, nor its delays as svcsim draws them: read, and rightly ignored.
 */
const NO_EFFECT = new Set([
  'scheme', 'internal', 'name', 'ssl-cert', 'ssl-ports', 'ssl-negotiation-policy', 'alpn-policy', 'backend-protocol',
  'additional-resource-tags', 'subnets', 'security-groups', 'extra-security-groups', 'manage-backend-security-group-rules',
  'security-group-prefix-lists', 'access-log-enabled', 'access-log-emit-interval', 'access-log-s3-bucket-name',
  'access-log-s3-bucket-prefix', 'ip-address-type', 'eip-allocations', 'private-ipv4-addresses', 'ipv6-addresses',
].map((k) => `${AWS}${k}`).concat([
  'service.beta.kubernetes.io/load-balancer-source-ranges',
  'metallb.universe.tf/address-pool', 'metallb.universe.tf/loadBalancerIPs', 'metallb.universe.tf/allow-shared-ip',
  'metallb.universe.tf/ip-allocated-from-pool', 'metallb.io/address-pool', 'metallb.io/loadBalancerIPs',
  'metallb.io/allow-shared-ip', 'metallb.io/ip-allocated-from-pool',
]));

const READ = new Set([AWS_TYPE, AWS_TARGET_TYPE, AWS_CROSS_ZONE, AWS_ATTRIBUTES, AWS_TARGET_NODE_LABELS]);

/** Go's strconv.ParseBool: true, false, or undefined when Go would return an error. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** "k1=v1,k2=v2" as the AWS annotations write a map. */
export function parseStringMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (pair.trim() !== '') out[(eq < 0 ? pair : pair.slice(0, eq)).trim()] = eq < 0 ? '' : pair.slice(eq + 1).trim();
  }
  return out;
}

const quote = (annotations: Record<string, string>, key: string) => `${key}: ${annotations[key]}`;

/** The model the annotations name, and why; undefined when none does. `warn` gets (annotation, message). */
export function modelFromAnnotations(annotations: Record<string, string>, warn: (key: string, message: string) => void):
  { model: LoadBalancerModelName; reason: string } | undefined {
  const type = annotations[AWS_TYPE];
  const targetType = annotations[AWS_TARGET_TYPE];
  if (type === 'nlb') {
    // The in-tree (cloud-provider-aws) controller makes instance targets; the target-type
    // annotation is the AWS Load Balancer Controller's, read only with type external.
    if (targetType !== undefined) warn(AWS_TARGET_TYPE, `ignored with ${quote(annotations, AWS_TYPE)}: it applies to type external (AWS Load Balancer Controller); the in-tree controller registers instance targets`);
    return { model: 'nlb', reason: `from annotation ${quote(annotations, AWS_TYPE)} (instance targets)` };
  }
  if (type === 'nlb-ip') return { model: 'ip-targets', reason: `from annotation ${quote(annotations, AWS_TYPE)} (IP targets)` };
  if (type === 'external') {
    if (targetType === 'ip') return { model: 'ip-targets', reason: `from annotations ${quote(annotations, AWS_TYPE)} and ${quote(annotations, AWS_TARGET_TYPE)}` };
    if (targetType !== undefined && targetType !== 'instance') warn(AWS_TARGET_TYPE, `Unsupported value: "${targetType}": supported values: "instance", "ip"; using instance`);
    return { model: 'nlb', reason: targetType === 'instance'
      ? `from annotations ${quote(annotations, AWS_TYPE)} and ${quote(annotations, AWS_TARGET_TYPE)}`
      : `from annotation ${quote(annotations, AWS_TYPE)} (instance targets, the default)` };
  }
  if (type !== undefined) warn(AWS_TYPE, `"${type}" names no load balancer svcsim models (nlb, nlb-ip, external); using even`);
  else if (targetType !== undefined) warn(AWS_TARGET_TYPE, `ignored without ${AWS_TYPE}: external`);
  const weighted = annotations[GKE_WEIGHTED];
  if (weighted === 'pods-per-node') return { model: 'weighted', reason: `from annotation ${quote(annotations, GKE_WEIGHTED)}` };
  if (weighted !== undefined) warn(GKE_WEIGHTED, `Unsupported value: "${weighted}": GKE's weighted load balancing takes "pods-per-node"; using even`);
  const metallb = Object.keys(annotations).find((k) => k.startsWith('metallb.universe.tf/') || k.startsWith('metallb.io/'));
  if (metallb !== undefined) {
    warn(metallb, 'MetalLB announces this Service, in layer 2 or BGP mode as its L2Advertisement or BGPAdvertisement says, not the Service: set spec.loadBalancer.model to metallb-l2 or metallb-bgp; using even');
  }
  return undefined;
}

/** Cross-zone load balancing as the annotations set it (AWS), and why; undefined when they do not. */
export function crossZoneFromAnnotations(annotations: Record<string, string>): { on: boolean; reason: string } | undefined {
  const flag = annotations[AWS_CROSS_ZONE];
  if (flag !== undefined && parseGoBool(flag) !== undefined) return { on: parseGoBool(flag)!, reason: `from annotation ${quote(annotations, AWS_CROSS_ZONE)}` };
  const attribute = annotations[AWS_ATTRIBUTES] !== undefined ? parseStringMap(annotations[AWS_ATTRIBUTES])['load_balancing.cross_zone.enabled'] : undefined;
  if (attribute !== undefined) return { on: attribute === 'true', reason: `from annotation ${AWS_ATTRIBUTES}: load_balancing.cross_zone.enabled=${attribute}` };
  return undefined;
}

/** The watched annotations svcsim neither reads nor knows to be irrelevant. */
export function unreadAnnotations(annotations: Record<string, string>): string[] {
  return Object.keys(annotations).filter((k) => WATCHED.some((p) => k.startsWith(p)) && !READ.has(k) && !NO_EFFECT.has(k));
}
