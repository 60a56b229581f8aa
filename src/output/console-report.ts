import Table from 'cli-table3';
import type { RunResults, VariantResult } from '../stats/results.js';

export interface ReportOptions {
  /** ANSI colours in the table; by default only when stdout is a terminal. */
  colors?: boolean;
  /** The width to fit in, in columns. */
  width?: number;
}

const DASH = '-';

/** A count with thousands separators, 1,234,567. Not toLocaleString: ICU's set-up costs 9 ms a start. */
export function formatCount(x: number): string {
  if (!Number.isFinite(x)) return DASH;
  const digits = String(Math.abs(Math.round(x)));
  return (x < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

function ms(seconds: number): string {
  return Number.isFinite(seconds) ? (seconds * 1000).toFixed(3) : DASH;
}

function percent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : DASH;
}

function fixed(x: number, decimals: number): string {
  return Number.isFinite(x) ? x.toFixed(decimals) : DASH;
}

function textWidth(text: string): number {
  return Math.max(...text.split('\n').map((line) => line.length));
}

/** Rows shown only when some variant has a non-zero value: most runs have no faults, no zones. */
const WHEN_NONZERO: [label: string, cell: (v: VariantResult) => string, value: (v: VariantResult) => number][] = [
  ['failed', (v) => formatCount(v.failed), (v) => v.failed],
  ['timed out', (v) => formatCount(v.timedOut), (v) => v.timedOut],
  ['retries', (v) => formatCount(v.retries), (v) => v.retries],
  ['in flight at end', (v) => formatCount(v.inFlightAtEnd), (v) => v.inFlightAtEnd],
  ['cross-zone', (v) => percent(v.crossZoneFraction), (v) => v.crossZoneFraction],
  ['cross-zone cost (USD)', (v) => fixed(v.crossZoneCostUsd, 4), (v) => v.crossZoneCostUsd],
];

const ROWS: [label: string, cell: (v: VariantResult) => string][] = [
  ['requests', (v) => formatCount(v.requests)],
  ['completed', (v) => formatCount(v.completed)],
  ['dropped', (v) => formatCount(v.dropped)],
  ['rejected', (v) => formatCount(v.rejected)],
  ['error fraction', (v) => percent(v.errorFraction)],
  ['stable', (v) => (v.stable ? 'yes' : 'no')],
  ['latency mean (ms)', (v) => ms(v.latency.mean)],
  ['  ± 95% CI (ms)', (v) => ms(v.latency.meanCi95)],
  ['latency p50 (ms)', (v) => ms(v.latency.p50)],
  ['latency p99 (ms)', (v) => ms(v.latency.p99)],
  ['latency p99.9 (ms)', (v) => ms(v.latency.p999)],
  ['mean hops', (v) => fixed(v.hopsMean, 3)],
  ['extra hop', (v) => percent(v.extraHopFraction)],
  ['SNAT', (v) => percent(v.snatFraction)],
  ['pod utilization min', (v) => percent(v.podUtilMin)],
  ['pod utilization max', (v) => percent(v.podUtilMax)],
  ['pod share min', (v) => percent(v.podShareMin)],
  ['pod share max', (v) => percent(v.podShareMax)],
  ['throughput (req/s)', (v) => fixed(v.throughput, 1)],
];

/** Hard-wraps each line of `text` at `width` characters. */
function wrap(text: string, width: number): string {
  return text.split('\n').flatMap((line) => line.match(new RegExp(`.{1,${width}}`, 'g')) ?? ['']).join('\n');
}

/**
 * A table with `leftColumns` label columns and one right-aligned column per variant. When the
 * natural widths do not fit in `options.width`, the variant names in the head wrap; values never do.
 */
function table(head: string[], rows: string[][], leftColumns: number, options: ReportOptions): string {
  const width = options.width ?? 80;
  const colors = options.colors ?? process.stdout.isTTY === true;
  // Each column costs its text, one space of padding either side and one border.
  const valueWidths = head.map((_, i) => Math.max(0, ...rows.map((r) => textWidth(r[i]))));
  const natural = head.map((h, i) => Math.max(textWidth(h), valueWidths[i]));
  const total = natural.reduce((a, n) => a + n + 3, 1);
  const fitted = [...head];
  if (total > width) {
    const labels = natural.slice(0, leftColumns).reduce((a, n) => a + n + 3, 1);
    const each = Math.floor((width - labels) / (head.length - leftColumns)) - 3;
    for (let i = leftColumns; i < head.length; i++) fitted[i] = wrap(head[i], Math.max(each, valueWidths[i], 6));
  }
  const t = new Table({
    head: fitted,
    colAligns: head.map((_, i) => (i < leftColumns ? 'left' : 'right')),
    style: colors ? { head: ['bold'], border: ['grey'], compact: true } : { head: [], border: [], compact: true },
  });
  t.push(...rows);
  return t.toString();
}

/** The variants side by side (Cluster next to Local): one column per variant, one row per metric. */
export function formatComparison(results: RunResults, options: ReportOptions = {}): string {
  const head = ['', ...results.variants.map((v) => v.name)];
  const rows = ROWS.map(([label, cell]) => [label, ...results.variants.map(cell)]);
  const shown = WHEN_NONZERO.filter(([, , value]) => results.variants.some((v) => value(v) > 0));
  // Faults go after the request counts, zones at the end.
  const faults = shown.filter(([label]) => !label.startsWith('cross-zone')).map(([label, cell]) => [label, ...results.variants.map(cell)]);
  const zones = shown.filter(([label]) => label.startsWith('cross-zone')).map(([label, cell]) => [label, ...results.variants.map(cell)]);
  return table(head, [...rows.slice(0, 4), ...faults, ...rows.slice(4), ...zones], 1, options);
}

/** Per pod, its share of completed requests and its utilization under each variant. */
export function formatPodTable(results: RunResults, options: ReportOptions = {}): string {
  // Pods are matched across variants by name, in the order they first appear.
  const pods = new Map<string, string>();
  for (const v of results.variants) for (const p of v.pods) if (!pods.has(p.name)) pods.set(p.name, p.node);
  const head = ['pod', 'node', ...results.variants.map((v) => `${v.name}\nshare/util %`)];
  const rows = [...pods].map(([pod, node]) => [
    pod,
    node,
    ...results.variants.map((v) => {
      const p = v.pods.find((q) => q.name === pod);
      return p ? `${fixed(p.share * 100, 1)}/${fixed(p.utilization * 100, 1)}` : DASH;
    }),
  ]);
  return table(head, rows, 2, options);
}

/**
 * Which load-balancer model each variant ran on and why ("lb model: nlb (from annotation ...)"):
 * one line when every variant agrees, else one per variant; empty without a load balancer.
 */
export function formatLoadBalancerChoice(results: RunResults): string {
  const withLb = results.variants.filter((v) => v.lbModelReason !== undefined);
  const line = (v: VariantResult) => `${v.lbModel} (${v.lbModelReason})`;
  const distinct = new Set(withLb.map(line));
  if (distinct.size === 0) return '';
  if (distinct.size === 1 && withLb.length === results.variants.length) return `lb model: ${[...distinct][0]}\n`;
  return withLb.map((v) => `lb model, ${v.name}: ${line(v)}\n`).join('');
}
