/**
 * The HorizontalPodAutoscaler controller's arithmetic, as kube-controller-manager does it
 * (pkg/controller/podautoscaler: replica_calculator.go GetResourceReplicas and
 * calcPlainMetricReplicas, horizontal.go stabilizeRecommendation*, convertDesiredReplicas*,
 * calculateScale*Limit*). Pure functions and one small history class; no simulation here, so the
 * tests can hold them to the documented algorithm line by line.
 */

/** One pod as the replica calculator groups it. Values in millicores, as the controller counts. */
export interface PodSample {
  /** The pod is being deleted (or failed): the controller ignores it. */
  ignored: boolean;
  /** Pending (not yet running), or a CPU sample taken before it was ready: counted conservatively. */
  unready: boolean;
  /** The metrics API has no sample for the pod. */
  missing: boolean;
  /** CPU used, millicores (meaningless when missing). */
  usage: number;
  /** The containers' CPU requests, millicores. */
  request: number;
}

export type MetricTarget = { type: 'Utilization'; averageUtilization: number } | { type: 'AverageValue'; averageValue: number };

/** What the replica calculator returns: the proposal, and the metric it saw (utilization % or millicores a pod). */
export interface Proposal {
  replicas: number;
  /** Utilization in whole percent (Utilization), or the mean usage in millicores (AverageValue). */
  metric: number;
  /** undefined when the calculator computed a proposal; else the controller's error (no scaling). */
  error?: string;
}

/**
 * GetResourceReplicas (Utilization) and GetRawResourceReplicas (AverageValue): group the pods,
 * take the ratio over the ready ones with metrics, and if any pod is missing or unready redo it
 * with the conservative fill-ins (missing: 0 on a scale-up, its request (or the target) on a
 * scale-down; unready: 0 on a scale-up), never letting the fill-ins reverse the direction.
 */
export function proposeReplicas(current: number, pods: readonly PodSample[], target: MetricTarget, tolerance: number): Proposal {
  if (pods.length === 0) return { replicas: current, metric: NaN, error: 'no pods returned by selector while calculating replica count' };
  let ready = 0;
  const counted: number[] = [];
  const missing: number[] = [];
  const unready: number[] = [];
  pods.forEach((p, i) => {
    if (p.ignored) return;
    if (p.missing) missing.push(i);
    else if (p.unready) unready.push(i);
    else { ready++; counted.push(i); }
  });
  if (counted.length === 0) return { replicas: current, metric: NaN, error: 'did not receive metrics for targeted pods (pods might be unready)' };
  const value = new Map<number, number>(counted.map((i) => [i, pods[i].usage]));
  const { ratio, metric } = usageRatio(value, pods, target);
  const scaleUpWithUnready = unready.length > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.length === 0) {
    if (Math.abs(1 - ratio) <= tolerance) return { replicas: current, metric };
    return { replicas: Math.ceil(ratio * ready), metric };
  }
  if (missing.length > 0) {
    for (const i of missing) {
      if (ratio < 1) {
        // On a scale-down a missing pod counts as using 100% of its request (or the target, if
        // above 100%); a plain value target as using exactly the target.
        value.set(i, target.type === 'Utilization'
          ? Math.trunc((pods[i].request * Math.max(100, target.averageUtilization)) / 100) : target.averageValue);
      } else if (ratio > 1) value.set(i, 0);
    }
  }
  if (scaleUpWithUnready) for (const i of unready) value.set(i, 0);
  const again = usageRatio(value, pods, target).ratio;
  if (Math.abs(1 - again) <= tolerance || (ratio < 1 && again > 1) || (ratio > 1 && again < 1)) return { replicas: current, metric };
  const replicas = Math.ceil(again * value.size);
  if ((again < 1 && replicas > current) || (again > 1 && replicas < current)) return { replicas: current, metric };
  return { replicas, metric };
}

/**
 * GetResourceUtilizationRatio: integer percent of the summed usage over the summed requests,
 * over the target; GetMetricUsageRatio: the integer mean usage over the target.
 */
function usageRatio(value: ReadonlyMap<number, number>, pods: readonly PodSample[], target: MetricTarget): { ratio: number; metric: number } {
  let used = 0;
  let requested = 0;
  for (const [i, v] of value) { used += v; requested += pods[i].request; }
  if (target.type === 'Utilization') {
    const utilization = Math.trunc((used * 100) / requested);
    return { ratio: utilization / target.averageUtilization, metric: utilization };
  }
  const mean = Math.trunc(used / value.size);
  return { ratio: mean / target.averageValue, metric: mean };
}

export type SelectPolicy = 'Max' | 'Min' | 'Disabled';

export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

/** autoscaling/v2 HPAScalingRules after the API server's defaults. */
export interface ScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: SelectPolicy;
  policies: ScalingPolicy[];
}

export interface Behavior {
  scaleUp: ScalingRules;
  scaleDown: ScalingRules;
}

/** A decision with the HPA condition's reason (ScaleUpLimit, TooManyReplicas, DesiredWithinRange...). */
export interface Normalized {
  replicas: number;
  reason: string;
}

interface Timed {
  at: number;
  value: number;
}

/**
 * One HPA's memory across syncs: its recent recommendations (for the stabilization windows) and
 * its recent scale events (for the rate policies), as the controller keeps them per HPA key.
 */
export class ScalingHistory {
  private readonly recommendations: Timed[] = [];
  private readonly upEvents: Timed[] = [];
  private readonly downEvents: Timed[] = [];

  /**
   * normalizeDesiredReplicasWithBehaviors: first stabilize (the lowest recommendation within the
   * scale-up window, the highest within the scale-down window, applied around the current count),
   * then limit by the rate policies and clamp to min/max.
   */
  normalizeWithBehavior(now: number, current: number, desired: number, min: number, max: number, b: Behavior): Normalized {
    // maybeInitScaleDownStabilizationWindow: a new HPA does not scale down before one window has passed.
    if (this.recommendations.length === 0) this.recommendations.push({ at: now, value: current });
    let up = desired;
    let down = desired;
    const upCutoff = now - b.scaleUp.stabilizationWindowSeconds;
    const downCutoff = now - b.scaleDown.stabilizationWindowSeconds;
    for (const r of this.recommendations) {
      if (r.at > upCutoff) up = Math.min(up, r.value);
      if (r.at > downCutoff) down = Math.max(down, r.value);
    }
    let stabilized = Math.max(current, up);
    stabilized = Math.min(stabilized, down);
    this.record(this.recommendations, now, desired, Math.max(b.scaleUp.stabilizationWindowSeconds, b.scaleDown.stabilizationWindowSeconds));
    const stabilizedReason = desired >= current ? 'ScaleUpStabilized' : 'ScaleDownStabilized';
    const limited = this.limitRate(now, current, stabilized, min, max, b);
    return limited.reason === 'DesiredWithinRange' && stabilized !== desired ? { replicas: limited.replicas, reason: stabilizedReason } : limited;
  }

  /**
   * normalizeDesiredReplicas, for an HPA without `behavior`: the highest recommendation within
   * the controller's downscale stabilization window, a scale-up of at most max(2 x current, 4)
   * per sync, clamped to min/max.
   */
  normalizeWithoutBehavior(now: number, current: number, desired: number, min: number, max: number, downscaleWindow: number): Normalized {
    let stabilized = desired;
    const cutoff = now - downscaleWindow;
    for (const r of this.recommendations) if (r.at >= cutoff && r.value > stabilized) stabilized = r.value;
    this.record(this.recommendations, now, desired, downscaleWindow);
    const scaleUpLimit = Math.max(2 * current, 4);
    const [upper, upperReason] = max > scaleUpLimit ? [scaleUpLimit, 'ScaleUpLimit'] : [max, 'TooManyReplicas'];
    if (stabilized < min) return { replicas: min, reason: 'TooFewReplicas' };
    if (stabilized > upper) return { replicas: upper, reason: upperReason };
    return { replicas: stabilized, reason: stabilized !== desired ? 'ScaleDownStabilized' : 'DesiredWithinRange' };
  }

  /** The controller scaled from `from` to `to`: the rate policies count it for their periods. */
  scaled(now: number, from: number, to: number, b: Behavior | undefined): void {
    if (!b || from === to) return;
    // Both directions' policies read both lists (a period starts from the count before either).
    const longest = Math.max(0, ...b.scaleUp.policies.map((p) => p.periodSeconds), ...b.scaleDown.policies.map((p) => p.periodSeconds));
    if (to > from) this.record(this.upEvents, now, to - from, longest);
    else this.record(this.downEvents, now, from - to, longest);
  }

  /** convertDesiredReplicasWithBehaviorRate. */
  private limitRate(now: number, current: number, desired: number, min: number, max: number, b: Behavior): Normalized {
    if (desired > current) {
      const limit = Math.max(current, this.scaleUpLimit(now, current, b.scaleUp));
      const [upper, reason] = max > limit ? [limit, 'ScaleUpLimit'] : [max, 'TooManyReplicas'];
      if (desired > upper) return { replicas: upper, reason };
    } else if (desired < current) {
      const limit = Math.min(current, this.scaleDownLimit(now, current, b.scaleDown));
      const [lower, reason] = min < limit ? [limit, 'ScaleDownLimit'] : [min, 'TooFewReplicas'];
      if (desired < lower) return { replicas: lower, reason };
    }
    return { replicas: desired, reason: 'DesiredWithinRange' };
  }

  /** calculateScaleUpLimitWithScalingRules: each policy from the count at the start of its period. */
  private scaleUpLimit(now: number, current: number, rules: ScalingRules): number {
    if (rules.selectPolicy === 'Disabled') return current;
    let result = rules.selectPolicy === 'Min' ? Infinity : -Infinity;
    for (const p of rules.policies) {
      const start = current - changed(this.upEvents, now, p.periodSeconds) + changed(this.downEvents, now, p.periodSeconds);
      // Percent rounds up, or a small workload could never grow.
      const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
      result = rules.selectPolicy === 'Min' ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return result;
  }

  /** calculateScaleDownLimitWithBehaviors. */
  private scaleDownLimit(now: number, current: number, rules: ScalingRules): number {
    if (rules.selectPolicy === 'Disabled') return current;
    let result = rules.selectPolicy === 'Min' ? -Infinity : Infinity;
    for (const p of rules.policies) {
      const start = current - changed(this.upEvents, now, p.periodSeconds) + changed(this.downEvents, now, p.periodSeconds);
      const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
      result = rules.selectPolicy === 'Min' ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return result;
  }

  /** Appends, first dropping what no window or period can look at any more (memory stays bounded). */
  private record(list: Timed[], now: number, value: number, keepFor: number): void {
    let k = 0;
    for (const r of list) if (r.at >= now - keepFor) list[k++] = r;
    list.length = k;
    list.push({ at: now, value });
  }
}

/** getReplicasChangePerPeriod: the replicas added (or removed) by events after now - period. */
function changed(events: readonly Timed[], now: number, period: number): number {
  let sum = 0;
  for (const e of events) if (e.at > now - period) sum += e.value;
  return sum;
}
