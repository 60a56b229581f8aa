import type { MetricDifference, RunResults, VariantDifferences } from '../stats/results.js';
import { wrapPieces } from './table.js';

/** The differences said in words, by metric: its name in the sentence, its unit and the scale to it. */
const SAID: Array<{ metric: string; name: string; unit: string; scale: number }> = [
  { metric: 'latency_mean_ms', name: 'mean', unit: ' ms', scale: 1000 },
  { metric: 'latency_p50_ms', name: 'p50', unit: ' ms', scale: 1000 },
  { metric: 'latency_p99_ms', name: 'p99', unit: ' ms', scale: 1000 },
  { metric: 'latency_p999_ms', name: 'p99.9', unit: ' ms', scale: 1000 },
  { metric: 'error_fraction', name: 'errors', unit: ' percentage points', scale: 100 },
  // Compared only when both variants had an autoscaler.
  { metric: 'replica_seconds', name: 'replica-seconds', unit: '', scale: 1 },
  { metric: 'node_seconds', name: 'node-seconds', unit: '', scale: 1 },
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

/** The parts of a variant's line: "Local vs Cluster:", then one per metric said (of `metrics`, if given). */
function statementParts(d: VariantDifferences, subject: string, metrics?: readonly string[]): string[] {
  const parts = SAID.filter((s) => !metrics || metrics.includes(s.metric)).flatMap(({ metric, name, unit, scale }) => {
    const m = d.metrics.find((x) => x.metric === metric);
    if (!m || (metric === 'error_fraction' && m.baseline === 0 && m.variant === 0)) return [];
    return [differenceInWords(m, name, unit, scale)];
  });
  return [subject, ...parts];
}

/**
 * A variant against the baseline in one line: "Local vs Cluster: mean 38 ms higher (35 to 41),
 * p50 ...". Errors are said only when some request of either did not complete.
 */
export function differenceStatement(d: VariantDifferences): string {
  const [subject, ...parts] = statementParts(d, `${d.variant} vs ${d.baseline}:`);
  return `${subject} ${parts.join(', ')}`;
}

/** Parts broken between metrics into lines of at most `width` (unless one part is longer), continued indented. */
function wrapParts([subject, ...parts]: string[], width: number): string {
  const lines = [subject];
  parts.forEach((part, i) => {
    const text = i < parts.length - 1 ? `${part},` : part;
    if (lines[lines.length - 1].length + 1 + text.length <= width) lines[lines.length - 1] += ` ${text}`;
    else lines.push(`  ${text}`);
  });
  return lines.join('\n');
}

/** Beyond this many variants the console says each one's mean and p99 only: differences.csv and --json have the rest. */
const BRIEF_AFTER = 4;
const BRIEF = ['latency_mean_ms', 'latency_p99_ms', 'error_fraction'];

/**
 * Every variant against the first, fitted to `width`, with what the intervals are; empty without
 * replications. With many variants (a sweep), a line each of mean, p99 and errors.
 */
export function formatDifferences(results: RunResults, width = 80): string {
  const { study } = results;
  if (!study || study.differences.length === 0) return '';
  const brief = results.variants.length > BRIEF_AFTER;
  const lines = study.differences.map((d) => {
    const parts = brief ? statementParts(d, `${d.variant}:`, BRIEF) : statementParts(d, `${d.variant} vs ${d.baseline}:`);
    return `${wrapParts(parts, width)}\n`;
  });
  const head = brief
    ? `Paired differences against ${study.differences[0].baseline} over ${study.replications} replications, 95% intervals `
      + '(differences.csv and --json have every metric):'
    : `Paired differences over ${study.replications} replications, 95% intervals:`;
  return `${wrapPieces(head.split(' '), width)}\n${lines.join('')}`;
}
