import type { MetricDifference, RunResults, VariantDifferences } from '../stats/results.js';

/** The differences said in words, by metric: its name in the sentence, its unit and the scale to it. */
const SAID: Array<{ metric: string; name: string; unit: string; scale: number }> = [
  { metric: 'latency_mean_ms', name: 'mean', unit: ' ms', scale: 1000 },
  { metric: 'latency_p50_ms', name: 'p50', unit: ' ms', scale: 1000 },
  { metric: 'latency_p99_ms', name: 'p99', unit: ' ms', scale: 1000 },
  { metric: 'latency_p999_ms', name: 'p99.9', unit: ' ms', scale: 1000 },
  { metric: 'error_fraction', name: 'errors', unit: ' percentage points', scale: 100 },
];

/** Numbers with the decimals that give `reference` two significant digits: "41 (35 to 47)", "3.1 (2.8 to 3.4)". */
function numbers(reference: number, xs: number[]): string[] {
  const size = Math.abs(reference);
  const decimals = size > 0 ? Math.min(6, Math.max(0, 1 - Math.floor(Math.log10(size)))) : 0;
  return xs.map((x) => x.toFixed(decimals));
}

/**
 * One metric's paired difference in words: "p99 41 ms higher (35 to 47)", "p50 3.1 ms lower
 * (2.8 to 3.4)" (the interval of how much lower), "p90 not significantly different (-0.4 to
 * 0.6 ms)", or "p50 the same" when every pair of replications agreed exactly.
 */
export function differenceInWords(d: MetricDifference, name: string, unit: string, scale: number): string {
  const [diff, low, high] = [d.difference, d.low, d.high].map((x) => x * scale);
  if (diff === 0 && low === 0 && high === 0) return `${name} the same`;
  if (!d.significant) {
    const [l, h] = numbers(Math.max(Math.abs(low), Math.abs(high)), [low, high]);
    return `${name} not significantly different (${l} to ${h}${unit})`;
  }
  const [size, from, to] = numbers(diff, diff > 0 ? [diff, low, high] : [-diff, -high, -low]);
  return `${name} ${size}${unit} ${diff > 0 ? 'higher' : 'lower'} (${from} to ${to})`;
}

/**
 * A variant against the baseline in one line: "Local vs Cluster: mean 38 ms higher (35 to 41),
 * p50 ...". Errors are said only when some request of either did not complete.
 */
export function differenceStatement(d: VariantDifferences): string {
  const parts = SAID.flatMap(({ metric, name, unit, scale }) => {
    const m = d.metrics.find((x) => x.metric === metric);
    if (!m || (metric === 'error_fraction' && m.baseline === 0 && m.variant === 0)) return [];
    return [differenceInWords(m, name, unit, scale)];
  });
  return `${d.variant} vs ${d.baseline}: ${parts.join(', ')}`;
}

/** Every variant against the first, one line each, with what the intervals are; empty without replications. */
export function formatDifferences(results: RunResults): string {
  const { study } = results;
  if (!study || study.differences.length === 0) return '';
  const lines = study.differences.map((d) => `${differenceStatement(d)}\n`);
  return `Paired differences over ${study.replications} replications, 95% intervals:\n${lines.join('')}`;
}
