import type { RunResults, VariantResult } from '../stats/results.js';
import { formatCount } from './console-report.js';

/** Above this share of requests not completed, latency figures describe a biased subset. */
export const ERROR_FRACTION_WARNING = 0.01;

/**
 * What a reader of a variant's summary must know before trusting its latency figures: that its
 * queues grow for as long as the run lasts, or that many requests did not complete.
 */
export function variantWarnings(v: VariantResult): string[] {
  const warnings: string[] = [];
  if (!v.stable && v.busiestPod) {
    warnings.push(`variant "${v.name}" is unstable: pod ${v.busiestPod.name} is offered ${v.busiestPod.offeredLoad.toFixed(2)} times `
      + 'what it can serve (arrivals x mean service time / workers), so its queue grows for as long as requests are sent: '
      + 'its latency figures depend on the run length');
  }
  if (v.errorFraction > ERROR_FRACTION_WARNING) {
    const ends: Array<[string, number]> = [['dropped', v.dropped], ['rejected', v.rejected], ['failed', v.failed],
      ['timed out', v.timedOut], ['in flight at the end', v.inFlightAtEnd]];
    const how = ends.filter(([, n]) => n > 0).map(([what, n]) => `${formatCount(n)} ${what}`).join(', ');
    warnings.push(`variant "${v.name}": ${(v.errorFraction * 100).toFixed(1)}% of requests did not complete (${how}): `
      + 'its latency figures cover completed requests only');
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

/** Every variant's warnings, in variant order. */
export function resultWarnings(results: RunResults): string[] {
  return results.variants.flatMap(variantWarnings);
}
