/**
 * The fields of a PodSpec that kube-scheduler reads (nodeSelector, tolerations, affinity,
 * topologySpreadConstraints, the containers' resource requests), decoded from a Pod or a
 * workload's template, with the API server's checks on them (ValidatePodSpec's wording).
 */
import type { Decoder } from './decoder.js';
import { isLabelKey, isLabelValue, validateLabels, validateLabelSelector, type FieldErrors, type SelectorInput } from './metadata-validation.js';
import type {
  FieldPath, LabelSelector, NodeSelectorTerm, PodAffinityTerm, PodScheduling, Resources, TaintEffect, Toleration,
  TopologySpreadConstraint,
} from './objects.js';

export const TAINT_EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
// What the scheduler counts for a container that requests nothing (pkg/scheduler/util: DefaultMilliCPURequest, DefaultMemoryRequest).
const DEFAULT_MILLI_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

/** Decodes the scheduling fields of the PodSpec at `at`; `validate` adds the API server's findings. */
export function decodeScheduling(d: Decoder, at: FieldPath): { scheduling: PodScheduling; validate(errs: FieldErrors): void } {
  const checks: Array<(errs: FieldErrors) => void> = [];
  const nodeSelector = d.stringMap([...at, 'nodeSelector']);
  checks.push((errs) => validateLabels(errs, nodeSelector, [...at, 'nodeSelector']));

  const tolerations = (d.array([...at, 'tolerations']) ?? []).map((_, i): Toleration => {
    const p = [...at, 'tolerations', i];
    d.object(p);
    const key = d.string([...p, 'key']) ?? '';
    const operator = d.string([...p, 'operator']) || 'Equal';
    const value = d.string([...p, 'value']) ?? '';
    const effect = d.string([...p, 'effect']) || undefined;
    checks.push((errs) => {
      if (key !== '') for (const msg of isLabelKey(key)) errs.invalid([...p, 'key'], key, msg);
      if (key === '' && operator !== 'Exists') {
        errs.invalid([...p, 'operator'], operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
      }
      if (operator === 'Equal') for (const msg of isLabelValue(value)) errs.invalid([...p, 'value'], value, msg);
      else if (operator === 'Exists' && value !== '') errs.invalid([...p, 'value'], value, "value must be empty when `operator` is 'Exists'");
      else if (operator !== 'Exists') errs.unsupported([...p, 'operator'], operator, ['Equal', 'Exists']);
      if (effect !== undefined && !TAINT_EFFECTS.includes(effect as TaintEffect)) errs.unsupported([...p, 'effect'], effect, TAINT_EFFECTS);
    });
    return { key, operator: operator as Toleration['operator'], value, effect: effect as TaintEffect | undefined };
  });

  const nodeAffinity = [...at, 'affinity', 'nodeAffinity'];
  const required = [...nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution'];
  const requiredGiven = d.object(required) !== undefined;
  const requiredNodeTerms = requiredGiven
    ? (d.array([...required, 'nodeSelectorTerms']) ?? []).map((_, i) => nodeTerm(d, [...required, 'nodeSelectorTerms', i], checks))
    : undefined;
  if (requiredNodeTerms?.length === 0) checks.push((errs) => errs.required([...required, 'nodeSelectorTerms'], 'must have at least one node selector term'));
  const preferredNodeTerms = weighted(d, [...nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution'], checks)
    .map(({ weight, p }) => ({ weight, preference: nodeTerm(d, [...p, 'preference'], checks) }));

  const podTerms = (kind: string) => {
    const base = [...at, 'affinity', kind];
    const requiredTerms = (d.array([...base, 'requiredDuringSchedulingIgnoredDuringExecution']) ?? [])
      .map((_, i) => podTerm(d, [...base, 'requiredDuringSchedulingIgnoredDuringExecution', i], checks));
    const preferredTerms = weighted(d, [...base, 'preferredDuringSchedulingIgnoredDuringExecution'], checks)
      .map(({ weight, p }) => ({ weight, term: podTerm(d, [...p, 'podAffinityTerm'], checks) }));
    return { requiredTerms, preferredTerms };
  };
  const affinity = podTerms('podAffinity');
  const antiAffinity = podTerms('podAntiAffinity');

  const topologySpreadConstraints = (d.array([...at, 'topologySpreadConstraints']) ?? [])
    .map((_, i) => spreadConstraint(d, [...at, 'topologySpreadConstraints', i], checks));

  const { requests, nonZeroRequests, bestEffort } = podRequests(d, at);
  const scheduling: PodScheduling = {
    nodeSelector, tolerations, requiredNodeTerms, preferredNodeTerms,
    podAffinity: affinity.requiredTerms, podAntiAffinity: antiAffinity.requiredTerms,
    preferredPodAffinity: affinity.preferredTerms, preferredPodAntiAffinity: antiAffinity.preferredTerms,
    topologySpreadConstraints, requests, nonZeroRequests, bestEffort,
  };
  return { scheduling, validate: (errs) => { for (const check of checks) check(errs); } };
}

function weighted(d: Decoder, path: FieldPath, checks: Array<(errs: FieldErrors) => void>): Array<{ weight: number; p: FieldPath }> {
  return (d.array(path) ?? []).map((_, i) => {
    const p = [...path, i];
    d.object(p);
    const weight = d.integer([...p, 'weight']) ?? 0;
    if (weight < 1 || weight > 100) checks.push((errs) => errs.invalid([...p, 'weight'], weight, 'must be in the range 1-100'));
    return { weight, p };
  });
}

function nodeTerm(d: Decoder, p: FieldPath, checks: Array<(errs: FieldErrors) => void>): NodeSelectorTerm {
  d.object(p);
  const requirements = (field: string) => (d.array([...p, field]) ?? []).map((_, i) => {
    const r = [...p, field, i];
    d.object(r);
    const key = d.string([...r, 'key']) ?? '';
    const operator = d.string([...r, 'operator']) ?? '';
    const values = d.stringList([...r, 'values']);
    checks.push((errs) => {
      if (operator === 'In' || operator === 'NotIn') {
        if (values.length === 0) errs.required([...r, 'values'], "must be specified when `operator` is 'In' or 'NotIn'");
      } else if (operator === 'Exists' || operator === 'DoesNotExist') {
        if (values.length > 0) errs.forbidden([...r, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
      } else if (operator === 'Gt' || operator === 'Lt') {
        if (values.length !== 1) errs.required([...r, 'values'], "must be specified single value when `operator` is 'Lt' or 'Gt'");
      } else {
        errs.invalid([...r, 'operator'], operator, 'not a valid selector operator');
      }
      if (field === 'matchFields' && key !== 'metadata.name') errs.invalid([...r, 'key'], key, 'not a valid field selector key');
      if (field === 'matchExpressions') for (const msg of isLabelKey(key)) errs.invalid([...r, 'key'], key, msg);
    });
    return { key, operator: (NODE_OPERATORS.includes(operator) ? operator : 'In') as NodeSelectorTerm['matchExpressions'][number]['operator'], values };
  });
  return { matchExpressions: requirements('matchExpressions'), matchFields: requirements('matchFields') };
}

function labelSelector(d: Decoder, p: FieldPath, checks: Array<(errs: FieldErrors) => void>): LabelSelector | undefined {
  if (d.object(p) === undefined) return undefined;
  const selector: SelectorInput = {
    matchLabels: d.stringMap([...p, 'matchLabels']),
    matchExpressions: (d.array([...p, 'matchExpressions']) ?? []).map((_, i) => {
      const e = [...p, 'matchExpressions', i];
      d.object(e);
      return { key: d.string([...e, 'key']) ?? '', operator: d.string([...e, 'operator']) ?? '', values: d.stringList([...e, 'values']) };
    }),
  };
  checks.push((errs) => validateLabelSelector(errs, selector, p));
  return selector as LabelSelector;
}

function podTerm(d: Decoder, p: FieldPath, checks: Array<(errs: FieldErrors) => void>): PodAffinityTerm {
  d.object(p);
  const topologyKey = d.string([...p, 'topologyKey']) ?? '';
  checks.push((errs) => {
    if (topologyKey === '') errs.required([...p, 'topologyKey'], 'can not be empty');
    else for (const msg of isLabelKey(topologyKey)) errs.invalid([...p, 'topologyKey'], topologyKey, msg);
  });
  // svcsim has no Namespace objects to match a namespaceSelector against: any selector counts every namespace.
  const everyNamespace = d.object([...p, 'namespaceSelector']) !== undefined;
  return { labelSelector: labelSelector(d, [...p, 'labelSelector'], checks), namespaces: everyNamespace ? undefined : d.stringList([...p, 'namespaces']), topologyKey };
}

function spreadConstraint(d: Decoder, p: FieldPath, checks: Array<(errs: FieldErrors) => void>): TopologySpreadConstraint {
  d.object(p);
  const maxSkew = d.integer([...p, 'maxSkew']) ?? 0;
  const topologyKey = d.string([...p, 'topologyKey']) ?? '';
  const whenUnsatisfiable = d.string([...p, 'whenUnsatisfiable']) ?? '';
  const minDomains = d.integer([...p, 'minDomains']);
  const policy = (field: string) => {
    const v = d.string([...p, field]);
    if (v !== undefined && v !== 'Honor' && v !== 'Ignore') checks.push((errs) => errs.unsupported([...p, field], v, ['Honor', 'Ignore']));
    return v;
  };
  const nodeAffinityPolicy = policy('nodeAffinityPolicy') === 'Ignore' ? 'Ignore' : 'Honor';
  const nodeTaintsPolicy = policy('nodeTaintsPolicy') === 'Honor' ? 'Honor' : 'Ignore';
  checks.push((errs) => {
    if (maxSkew <= 0) errs.invalid([...p, 'maxSkew'], maxSkew, 'must be greater than zero');
    if (topologyKey === '') errs.required([...p, 'topologyKey'], 'can not be empty');
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(whenUnsatisfiable)) errs.unsupported([...p, 'whenUnsatisfiable'], whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']);
    if (minDomains !== undefined && minDomains <= 0) errs.invalid([...p, 'minDomains'], minDomains, 'must be greater than zero');
    else if (minDomains !== undefined && whenUnsatisfiable !== 'DoNotSchedule') {
      errs.invalid([...p, 'minDomains'], minDomains, 'can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway');
    }
  });
  return {
    maxSkew, topologyKey, whenUnsatisfiable: whenUnsatisfiable as TopologySpreadConstraint['whenUnsatisfiable'],
    labelSelector: labelSelector(d, [...p, 'labelSelector'], checks), minDomains: minDomains ?? 1,
    matchLabelKeys: d.stringList([...p, 'matchLabelKeys']), nodeAffinityPolicy, nodeTaintsPolicy,
  };
}

/**
 * The pod's requests as the scheduler adds them up: app containers and sidecars (init containers
 * with restartPolicy Always) are summed, other init containers run one at a time, so the pod
 * needs the larger of that sum and the largest of them. A request left out takes the limit
 * (the API server's defaulting).
 */
function podRequests(d: Decoder, at: FieldPath): { requests: Resources; nonZeroRequests: Resources; bestEffort: boolean } {
  let bestEffort = true;
  const container = (p: FieldPath) => {
    const read = (resource: string) => {
      const v = d.quantity([...p, 'resources', 'requests', resource]) ?? d.quantity([...p, 'resources', 'limits', resource]);
      if (v !== undefined) bestEffort = false;
      return v;
    };
    const cpu = read('cpu');
    const memory = read('memory');
    return {
      milliCpu: cpu === undefined ? undefined : Math.ceil(cpu * 1000 - 1e-9),
      memory: memory === undefined ? undefined : Math.ceil(memory - 1e-9),
      sidecar: d.string([...p, 'restartPolicy']) === 'Always',
    };
  };
  const apps = (d.array([...at, 'containers']) ?? []).map((_, i) => container([...at, 'containers', i]));
  const inits = (d.array([...at, 'initContainers']) ?? []).map((_, i) => container([...at, 'initContainers', i]));
  const summed = [...apps, ...inits.filter((c) => c.sidecar)];
  const sum = (f: (c: (typeof apps)[number]) => number) => summed.reduce((s, c) => s + f(c), 0);
  const initMax = (f: (c: (typeof apps)[number]) => number) => inits.filter((c) => !c.sidecar).reduce((m, c) => Math.max(m, f(c)), 0);
  const total = (f: (c: (typeof apps)[number]) => number) => Math.max(sum(f), initMax(f));
  return {
    requests: { milliCpu: total((c) => c.milliCpu ?? 0), memory: total((c) => c.memory ?? 0) },
    nonZeroRequests: { milliCpu: total((c) => c.milliCpu ?? DEFAULT_MILLI_CPU), memory: total((c) => c.memory ?? DEFAULT_MEMORY) },
    bestEffort,
  };
}
