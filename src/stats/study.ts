import { meanConfidenceInterval } from './confidence.js';
import type {
  MetricDifference, MetricInterval, ReplicationSummary, StudyResults, StudyVariant, VariantResult,
} from './results.js';
import { AUTOSCALING_COLUMNS, metricIndex, REPLICATED_METRICS, SUMMARY_COLUMNS } from './summary-metrics.js';

/** The confidence level of every interval a study reports. */
export const STUDY_LEVEL = 0.95;

export function summariseReplication(v: VariantResult): ReplicationSummary {
  return {
    metrics: SUMMARY_COLUMNS.map((c) => c.value(v)), busiestPod: v.busiestPod,
    ...(v.autoscaling ? { costs: AUTOSCALING_COLUMNS.map((c) => c.value(v)) } : {}),
  };
}

/** Aggregates replications (each variant's, in replication order; every variant has the same number). */
export function summariseStudy(variants: ReadonlyArray<{ name: string; replications: ReplicationSummary[] }>): StudyResults {
  const study = variants.map((v) => studyVariant(v.name, v.replications));
  const [baseline, ...others] = study;
  return {
    replications: baseline?.replications.length ?? 0,
    variants: study,
    differences: others.map((v) => ({ variant: v.name, baseline: baseline.name, metrics: pairedDifferences(baseline, v) })),
  };
}

function studyVariant(name: string, replications: ReplicationSummary[]): StudyVariant {
  const column = (i: number) => replications.map((r) => r.metrics[i]);
  const intervals = SUMMARY_COLUMNS.map((c, i): MetricInterval => {
    if (c.kind === 'flag') return { mean: Math.min(...column(i)), halfWidth: NaN };
    const { mean, halfWidth } = meanConfidenceInterval(column(i), STUDY_LEVEL);
    return { mean, halfWidth };
  });
  // The mean's interval column is the interval of the mean latency across replications, not the
  // average of the runs' own batch-means intervals.
  intervals[metricIndex('latency_mean_ci95_ms')] = { mean: intervals[metricIndex('latency_mean_ms')].halfWidth, halfWidth: NaN };
  const costs = replications[0]?.costs;
  const costIntervals = costs && costs.map((_, i) => meanConfidenceInterval(replications.map((r) => r.costs![i]), STUDY_LEVEL));
  let busiestPod: StudyVariant['busiestPod'];
  for (const r of replications) if (r.busiestPod && !(busiestPod && busiestPod.offeredLoad >= r.busiestPod.offeredLoad)) busiestPod = r.busiestPod;
  return { name, replications, intervals, busiestPod, ...(costIntervals ? { costIntervals } : {}) };
}

/**
 * Paired differences: replication r of both variants ran on the same streams, so the difference
 * of each pair cancels the noise they share, and its t interval is far narrower than two
 * separate intervals would suggest.
 */
function pairedDifferences(baseline: StudyVariant, variant: StudyVariant): MetricDifference[] {
  const metrics = REPLICATED_METRICS.map((c) => {
    const i = metricIndex(c.name);
    return difference(c.name, baseline.replications.map((r) => r.metrics[i]), variant.replications.map((r) => r.metrics[i]),
      baseline.intervals[i].mean, variant.intervals[i].mean);
  });
  // What the capacity cost, when both variants had an autoscaler.
  if (!baseline.costIntervals || !variant.costIntervals) return metrics;
  const costs = AUTOSCALING_COLUMNS.map((c, k) => difference(c.name, baseline.replications.map((r) => r.costs![k]),
    variant.replications.map((r) => r.costs![k]), baseline.costIntervals![k].mean, variant.costIntervals![k].mean));
  return [...metrics, ...costs];
}

function difference(metric: string, baseline: number[], variant: number[], baselineMean: number, variantMean: number): MetricDifference {
  const { mean, halfWidth } = meanConfidenceInterval(variant.map((x, k) => x - baseline[k]), STUDY_LEVEL);
  const low = mean - halfWidth;
  const high = mean + halfWidth;
  return { metric, baseline: baselineMean, variant: variantMean, difference: mean, low, high, significant: low > 0 || high < 0 };
}

/**
 * Each variant's metrics as intervals, whether from a study or from one run: one run has an
 * interval for its mean latency only (batch means); its other metrics have none (NaN).
 */
export function variantIntervals(v: VariantResult): MetricInterval[] {
  return SUMMARY_COLUMNS.map((c) => ({ mean: c.value(v), halfWidth: c.name === 'latency_mean_ms' ? v.latency.meanCi95 : NaN }));
}
