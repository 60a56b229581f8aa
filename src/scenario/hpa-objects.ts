/**
 * autoscaling/v2 HorizontalPodAutoscaler, taken in as the API server takes it: decoded
 * (kubernetes-objects.ts dispatches here), defaulted as pkg/apis/autoscaling/v2/defaults.go does
 * (minReplicas 1; no metrics: CPU at 80% utilization; a given `behavior` filled in with
 * GenerateHPAScaleUpRules / GenerateHPAScaleDownRules), and validated with the messages of
 * pkg/apis/autoscaling/validation/validation.go. svcsim simulates Resource metrics of cpu;
 * other metric types are valid but refused by the scenario build, saying so.
 */
import type { Behavior, ScalingRules } from '../model/hpa-algorithm.js';
import type { Decoded, Decoder } from './decoder.js';
import { isDNS1123Subdomain, validateObjectMeta, type FieldErrors } from './metadata-validation.js';
import { decodeMeta } from './object-meta.js';
import type { FieldPath, HpaMetricObject, HpaObject, RawObject } from './objects.js';

const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const DEFAULT_CPU_UTILIZATION = 80;
const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];

interface RulesInput {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies: Array<{ type: string; value: number; periodSeconds: number }>;
  /** `policies` was left out (defaults fill it); [] was written. */
  policiesGiven: boolean;
}

export function decodeHorizontalPodAutoscaler(r: RawObject, d: Decoder): Decoded {
  const { meta, input } = decodeMeta(d, true);
  d.object(['spec']);
  d.object(['spec', 'scaleTargetRef']);
  const ref = {
    kind: d.string(['spec', 'scaleTargetRef', 'kind']) ?? '',
    name: d.string(['spec', 'scaleTargetRef', 'name']) ?? '',
    apiVersion: d.string(['spec', 'scaleTargetRef', 'apiVersion']) ?? '',
  };
  const minReplicas = d.integer(['spec', 'minReplicas']) ?? 1;
  const maxReplicas = d.integer(['spec', 'maxReplicas']) ?? 0;
  const written = d.array(['spec', 'metrics']);
  const metrics: HpaMetricObject[] = written && written.length > 0
    ? written.map((_, i) => decodeMetric(d, ['spec', 'metrics', i]))
    : [{ type: 'Resource', present: ['resource'], name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } }];
  const behaviorIn = d.object(['spec', 'behavior']) !== undefined
    ? { scaleUp: decodeRules(d, ['spec', 'behavior', 'scaleUp']), scaleDown: decodeRules(d, ['spec', 'behavior', 'scaleDown']) }
    : undefined;
  const behavior: Behavior | undefined = behaviorIn && {
    scaleUp: withDefaults(behaviorIn.scaleUp, 0, [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }]),
    scaleDown: withDefaults(behaviorIn.scaleDown, 300, [{ type: 'Percent', value: 100, periodSeconds: 15 }]),
  };
  const object: HpaObject = { kind: 'HorizontalPodAutoscaler', meta, scaleTargetRef: ref, minReplicas, maxReplicas, metrics, behavior, origin: r.origin };
  const validate = () => {
    const errs = d.errs;
    validateObjectMeta(errs, input, isDNS1123Subdomain);
    if (minReplicas < 1) errs.invalid(['spec', 'minReplicas'], minReplicas, 'must be greater than or equal to 1');
    if (maxReplicas < 1) errs.invalid(['spec', 'maxReplicas'], maxReplicas, 'must be greater than 0');
    if (maxReplicas < minReplicas) errs.invalid(['spec', 'maxReplicas'], maxReplicas, 'must be greater than or equal to `minReplicas`');
    for (const f of ['kind', 'name'] as const) {
      const at = ['spec', 'scaleTargetRef', f];
      if (ref[f] === '') errs.required(at);
      else for (const msg of pathSegmentErrors(ref[f])) errs.invalid(at, ref[f], msg);
    }
    metrics.forEach((m, i) => validateMetric(errs, m, ['spec', 'metrics', i]));
    if (behaviorIn && behavior) {
      validateRules(errs, behaviorIn.scaleUp, behavior.scaleUp, ['spec', 'behavior', 'scaleUp']);
      validateRules(errs, behaviorIn.scaleDown, behavior.scaleDown, ['spec', 'behavior', 'scaleDown']);
    }
  };
  return { object, validate };
}

function decodeMetric(d: Decoder, at: FieldPath): HpaMetricObject {
  d.object(at);
  const present = ['object', 'pods', 'resource', 'containerResource', 'external'].filter((f) => d.object([...at, f]) !== undefined);
  const t = [...at, 'resource', 'target'];
  d.object(t);
  return {
    type: d.string([...at, 'type']) ?? '',
    present,
    name: d.string([...at, 'resource', 'name']) ?? '',
    target: {
      type: d.string([...t, 'type']) ?? '',
      averageUtilization: d.integer([...t, 'averageUtilization']),
      averageValue: d.quantity([...t, 'averageValue']),
      value: d.quantity([...t, 'value']),
    },
  };
}

function decodeRules(d: Decoder, at: FieldPath): RulesInput | undefined {
  if (d.object(at) === undefined) return undefined;
  const policies = d.array([...at, 'policies']);
  return {
    stabilizationWindowSeconds: d.integer([...at, 'stabilizationWindowSeconds']),
    selectPolicy: d.string([...at, 'selectPolicy']),
    policies: (policies ?? []).map((_, i) => {
      const p = [...at, 'policies', i];
      d.object(p);
      return { type: d.string([...p, 'type']) ?? '', value: d.integer([...p, 'value']) ?? 0, periodSeconds: d.integer([...p, 'periodSeconds']) ?? 0 };
    }),
    policiesGiven: policies !== undefined,
  };
}

/** GenerateHPAScale{Up,Down}Rules: each field left out takes the direction's default. */
function withDefaults(rules: RulesInput | undefined, window: number, policies: ScalingRules['policies']): ScalingRules {
  return {
    stabilizationWindowSeconds: rules?.stabilizationWindowSeconds ?? window,
    selectPolicy: (rules?.selectPolicy ?? 'Max') as ScalingRules['selectPolicy'],
    policies: rules && rules.policies.length > 0 ? rules.policies as ScalingRules['policies'] : policies,
  };
}

function validateMetric(errs: FieldErrors, m: HpaMetricObject, at: FieldPath): void {
  if (m.type === '') errs.required([...at, 'type'], 'must specify a metric source type');
  if (!METRIC_SOURCE_TYPES.includes(m.type)) errs.unsupported([...at, 'type'], m.type, METRIC_SOURCE_TYPES);
  const expected = m.type === 'ContainerResource' ? 'containerResource' : m.type.toLowerCase();
  if (m.type === 'Resource' && m.present.includes('resource')) {
    const r = [...at, 'resource'];
    if (m.name === '') errs.required([...r, 'name'], 'must specify a resource name');
    const t = m.target;
    const tp = [...r, 'target'];
    if (t.type === '') errs.required([...tp, 'type'], 'must specify a metric target type');
    if (!['Utilization', 'Value', 'AverageValue'].includes(t.type)) errs.invalid([...tp, 'type'], t.type, 'must be either Utilization, Value, or AverageValue');
    if (t.value !== undefined && !(t.value > 0)) errs.invalid([...tp, 'value'], t.value, 'must be positive');
    if (t.averageValue !== undefined && !(t.averageValue > 0)) errs.invalid([...tp, 'averageValue'], t.averageValue, 'must be positive');
    if (t.averageUtilization !== undefined && t.averageUtilization < 1) {
      errs.invalid([...tp, 'averageUtilization'], t.averageUtilization, 'must be greater than 0');
    }
    if (t.averageUtilization === undefined && t.averageValue === undefined) {
      errs.required([...tp, 'averageUtilization'], 'must set either a target raw value or a target utilization');
    }
    if (t.averageUtilization !== undefined && t.averageValue !== undefined) {
      errs.forbidden([...tp, 'averageValue'], 'may not set both a target raw value and a target utilization');
    }
  }
  if (METRIC_SOURCE_TYPES.includes(m.type) && !m.present.includes(expected)) {
    errs.required([...at, expected], 'must populate information for the given metric source');
  }
  if (m.present.length > 1) {
    for (const f of m.present) if (f !== expected) errs.forbidden([...at, f], 'must populate the given metric source only');
  }
}

function validateRules(errs: FieldErrors, given: RulesInput | undefined, rules: ScalingRules, at: FieldPath): void {
  if (!given) return;
  const w = given.stabilizationWindowSeconds;
  if (w !== undefined && w < 0) errs.invalid([...at, 'stabilizationWindowSeconds'], w, 'must be greater than or equal to zero');
  if (w !== undefined && w > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.invalid([...at, 'stabilizationWindowSeconds'], w, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`);
  }
  if (given.selectPolicy !== undefined && !SELECT_POLICIES.includes(given.selectPolicy)) {
    errs.unsupported([...at, 'selectPolicy'], given.selectPolicy, SELECT_POLICIES);
  }
  rules.policies.forEach((p, i) => {
    if (!given.policiesGiven || given.policies.length === 0) return;
    const pp = [...at, 'policies', i];
    if (!POLICY_TYPES.includes(p.type)) errs.unsupported([...pp, 'type'], p.type, POLICY_TYPES);
    if (p.value <= 0) errs.invalid([...pp, 'value'], p.value, 'must be greater than zero');
    if (p.periodSeconds <= 0) errs.invalid([...pp, 'periodSeconds'], p.periodSeconds, 'must be greater than zero');
    if (p.periodSeconds > MAX_PERIOD_SECONDS) errs.invalid([...pp, 'periodSeconds'], p.periodSeconds, `must be less than or equal to ${MAX_PERIOD_SECONDS}`);
  });
}

/** apimachinery's IsValidPathSegmentName. */
function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}
