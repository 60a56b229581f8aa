import type { MetricInterval, Objective, ObjectiveVerdict, Verdict, VariantVerdict } from './results.js';
import { metricIndex } from './summary-metrics.js';

/**
 * Judges one objective on an estimate and its 95% interval: pass when the whole interval meets
 * the threshold, fail when none of it does, inconclusive when it straddles the threshold. An
 * estimate without an interval (a percentile of one run) is judged on its value alone. A metric
 * without a value (no request completed) fails. An unstable variant fails every latency
 * objective: its queue grows for as long as the run sends, so a longer run would fail it.
 */
export function judge(objective: Objective, estimate: MetricInterval, stable: boolean): ObjectiveVerdict {
  const { mean, halfWidth } = estimate;
  const spread = Number.isFinite(halfWidth) ? halfWidth : 0;
  const low = mean - spread;
  const high = mean + spread;
  const meets = (x: number) => (objective.op === '<=' ? x <= objective.threshold : x < objective.threshold);
  const result = (verdict: Verdict): ObjectiveVerdict => ({ objective, verdict, value: mean, low, high });
  if (!Number.isFinite(mean)) return result('fail');
  if (!stable && objective.metric.startsWith('latency_')) return result('fail');
  if (meets(high)) return result('pass');
  if (!meets(low)) return result('fail');
  return result('inconclusive');
}

/** Every objective of one variant, from its metrics as intervals (indexed like SUMMARY_COLUMNS). */
export function judgeVariant(variant: string, objectives: readonly Objective[], intervals: readonly MetricInterval[]): VariantVerdict {
  const stable = intervals[metricIndex('stable')].mean === 1;
  const verdicts = objectives.map((o) => judge(o, intervals[metricIndex(o.metric)], stable));
  return { variant, verdict: overall(verdicts.map((v) => v.verdict)), objectives: verdicts };
}

function overall(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  return verdicts.includes('inconclusive') ? 'inconclusive' : 'pass';
}
