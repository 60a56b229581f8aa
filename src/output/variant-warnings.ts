import type { RunResults, StudyVariant, VariantResult } from '../stats/results.js';
import { metricIndex } from '../stats/summary-metrics.js';
import { formatCount } from './metric-text.js';

/** Above this share of requests not completed, latency figures describe a biased subset. */
export const ERROR_FRACTION_WARNING = 0.01;

const UNSTABLE_EFFECT = 'what it can serve (arrivals x mean service time / workers), so its queue grows for as long as requests are sent: '
  + 'its latency figures depend on the run length';
const SUBSET_EFFECT = 'its latency figures cover completed requests only';
const ENDS: Array<[string, keyof VariantResult & string, string]> = [
  ['dropped', 'dropped', 'dropped'], ['rejected', 'rejected', 'rejected'], ['failed', 'failed', 'failed'],
  ['timed out', 'timedOut', 'timed_out'], ['in flight at the end', 'inFlightAtEnd', 'in_flight_at_end'],
];

/**
 * What a reader of a variant's summary must know before trusting its latency figures: that its
 * queues grow for as long as the run lasts, or that many requests did not complete.
 */
export function variantWarnings(v: VariantResult): string[] {
  const warnings: string[] = [];
  if (!v.stable && v.busiestPod) {
    warnings.push(`variant "${v.name}" is unstable: pod ${v.busiestPod.name} is offered ${v.busiestPod.offeredLoad.toFixed(2)} times ${UNSTABLE_EFFECT}`);
  }
  if (v.errorFraction > ERROR_FRACTION_WARNING) {
    const how = ENDS.filter(([, key]) => (v[key] as number) > 0).map(([what, key]) => `${formatCount(v[key] as number)} ${what}`).join(', ');
    warnings.push(`variant "${v.name}": ${(v.errorFraction * 100).toFixed(1)}% of requests did not complete (${how}): ${SUBSET_EFFECT}`);
  }
  if (v.stoppedAt !== undefined) {
    warnings.push(`variant "${v.name}" stopped at ${formatCount(v.stoppedAt)} s of simulated time, svcsim's limit, `
      + `with ${formatCount(v.inFlightAtEnd)} request(s) still in flight (a draw far out in a distribution's tail?)`);
  }
  if (v.timeSeriesEndsAt !== undefined) {
    warnings.push(`variant "${v.name}": timeseries.csv stops at ${formatCount(v.timeSeriesEndsAt)} s, its row limit; `
      + 'its rows no longer add up to the totals');
  }
  return warnings;
}

/** The same of a variant over replications: unstable in any, or too many requests lost on average. */
export function studyVariantWarnings(v: StudyVariant): string[] {
  const warnings: string[] = [];
  const n = v.replications.length;
  const unstable = v.replications.filter((r) => r.metrics[metricIndex('stable')] === 0).length;
  if (unstable > 0 && v.busiestPod) {
    warnings.push(`variant "${v.name}" is unstable in ${unstable} of ${n} replications: pod ${v.busiestPod.name} is offered up to `
      + `${v.busiestPod.offeredLoad.toFixed(2)} times ${UNSTABLE_EFFECT}`);
  }
  const errors = v.intervals[metricIndex('error_fraction')].mean;
  if (errors > ERROR_FRACTION_WARNING) {
    const mean = (column: string) => v.intervals[metricIndex(column)].mean;
    const count = (x: number) => (Number.isInteger(x) ? formatCount(x) : x.toFixed(1));
    const how = ENDS.filter(([, , column]) => mean(column) > 0).map(([what, , column]) => `${count(mean(column))} ${what}`).join(', ');
    warnings.push(`variant "${v.name}": ${(errors * 100).toFixed(1)}% of requests did not complete, on average over ${n} replications `
      + `(a replication's mean: ${how}): ${SUBSET_EFFECT}`);
  }
  return warnings;
}

/** Each variant's warnings, in variant order: over the replications in a study. */
export function warningsByVariant(results: RunResults): string[][] {
  return results.variants.map((v, i) => (results.study ? studyVariantWarnings(results.study.variants[i]) : variantWarnings(v)));
}

/** Every variant's warnings, in variant order. */
export function resultWarnings(results: RunResults): string[] {
  return warningsByVariant(results).flat();
}
