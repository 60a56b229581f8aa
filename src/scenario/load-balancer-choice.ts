import type { Entry, LoadBalancerModelName } from '../model/topology.js';
import {
  AWS_TARGET_NODE_LABELS, crossZoneFromAnnotations, modelFromAnnotations, parseStringMap, unreadAnnotations,
} from './load-balancer-annotations.js';
import { EXCLUDE_LABEL, isLoadBalancerTarget } from './load-balancer-targets.js';
import type { FieldPath, NodeObject, ServiceObject } from './objects.js';
import type { Report } from './placement.js';

export interface LoadBalancerChoice {
  model: LoadBalancerModelName;
  /** Why: "set in the Scenario", "from annotation ...", or the default; with cross-zone's why for zonal models. */
  reason: string;
  crossZone: boolean;
  /** Per node: the balancer may send to it. */
  targets: boolean[];
}

/**
 * The traffic Service's load balancer: its model (the Scenario's, else the one its annotations
 * name, else `even`), cross-zone balancing (the Scenario's, else the annotations', else off as
 * on an NLB) and the nodes it may send to. Warns, at the Service, about watched annotations
 * svcsim does not read; reports an error when no node may take the traffic.
 */
export function chooseLoadBalancer(service: ServiceObject, nodes: NodeObject[], written: { model?: LoadBalancerModelName; crossZone?: boolean },
  entry: Entry, report: Report): LoadBalancerChoice {
  if (entry !== 'loadBalancer') {
    return { model: written.model ?? 'even', reason: '', crossZone: written.crossZone ?? false, targets: nodes.map(() => true) };
  }
  const annotations = service.meta.annotations;
  const warn = (key: string, message: string) => report('warning', ['metadata', 'annotations'], `${key}: ${message}`,
    { file: service.origin.file, line: service.origin.lineOf(['metadata', 'annotations', key]), object: `Service/${service.meta.name}` });
  for (const key of unreadAnnotations(annotations)) warn(key, 'not modelled: svcsim ignores it');
  let model: LoadBalancerModelName = 'even';
  let reason = 'default: no annotation names a load balancer svcsim models';
  if (written.model !== undefined) {
    const named = modelFromAnnotations(annotations, () => {});
    model = written.model;
    reason = `set in the Scenario${named && named.model !== model ? ` (the Service's annotations say ${named.model})` : ''}`;
  } else {
    const named = modelFromAnnotations(annotations, warn);
    if (named) ({ model, reason } = named);
  }
  const fromAnnotations = crossZoneFromAnnotations(annotations);
  const crossZone = written.crossZone ?? fromAnnotations?.on ?? false;
  if (model === 'nlb' || model === 'ip-targets') {
    const why = written.crossZone !== undefined ? 'set in the Scenario' : fromAnnotations?.reason ?? 'the NLB default';
    reason += `; cross-zone ${crossZone ? 'on' : 'off'} (${why})`;
  }
  const nodeLabels = annotations[AWS_TARGET_NODE_LABELS] !== undefined ? parseStringMap(annotations[AWS_TARGET_NODE_LABELS]) : undefined;
  const targets = nodes.map((n) => isLoadBalancerTarget(n, model, nodeLabels));
  if (model !== 'ip-targets' && nodes.length > 0 && !targets.includes(true)) {
    const labelled = nodes.filter((n) => EXCLUDE_LABEL in n.meta.labels).map((n) => `${n.meta.name} (${JSON.stringify(n.meta.labels[EXCLUDE_LABEL])})`);
    const path: FieldPath = ['spec', 'loadBalancer'];
    report('error', path, `Invalid value: no node can take load-balancer traffic (model ${model}): ${labelled.length > 0
      ? `${EXCLUDE_LABEL} leaves out ${labelled.join(', ')}` : ''}${labelled.length > 0 && nodeLabels ? '; ' : ''}${nodeLabels
      ? `${AWS_TARGET_NODE_LABELS} selects no other node` : ''}`);
  }
  return { model, reason, crossZone, targets };
}
