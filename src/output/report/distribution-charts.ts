import { THRESHOLD_COLOR, variantColor, withConfig, type Chart } from './chart.js';
import { distinct, num, type ResultTables } from './result-tables.js';

/** The percentiles marked on the latency chart: summary.csv's column and the fraction below it. */
export const MARKED_PERCENTILES = [
  { label: 'p50', column: 'latency_p50_ms', fraction: 0.5 },
  { label: 'p99', column: 'latency_p99_ms', fraction: 0.99 },
  { label: 'p99.9', column: 'latency_p999_ms', fraction: 0.999 },
];

/**
 * "Nines" of a cumulative fraction, -log10(1 - F): 50% is 0.3, 90% is 1, 99% is 2, 99.9% is 3.
 * On this axis the tail, which a linear CDF squeezes into a hair under 1, gets as much room as
 * the body (HdrHistogram's percentile plots do the same).
 */
export function nines(fraction: number): number {
  return -Math.log10(1 - fraction);
}

/** Per variant, the CDF from latency.csv's ladder on a log time axis, p50/p99/p99.9 marked from summary.csv. */
export function latencyChart(t: ResultTables): Chart | undefined {
  // The last step (100%) has no place on an axis of nines: it is the maximum, in the table.
  const steps = t.latency.rows.filter((r) => r.le_ms !== '' && num(r.cumulative_fraction) < 1 && num(r.le_ms) > 0)
    .map((r) => ({ variant: r.variant, le_ms: num(r.le_ms), cumulative_fraction: num(r.cumulative_fraction), nines: nines(num(r.cumulative_fraction)) }));
  if (steps.length === 0) return undefined;
  const marks = t.summary.rows.flatMap((r) => MARKED_PERCENTILES.filter((p) => num(r[p.column]) > 0)
    .map((p) => ({ variant: r.variant, percentile: p.label, ms: num(r[p.column]), nines: nines(p.fraction) })));
  const top = Math.max(3.5, ...steps.map((s) => s.nines));
  const y = {
    field: 'nines', type: 'quantitative', title: 'requests at or below (cumulative)', scale: { domain: [0, top], nice: false },
    axis: { values: [0, nines(0.5), 1, 2, 3, 4, 5].filter((v) => v <= top), labelExpr: "format(1 - pow(10, -datum.value), '.4~%')" },
  };
  const x = { field: 'le_ms', type: 'quantitative', title: 'latency (ms, log scale)', scale: { type: 'log' } };
  const color = variantColor(distinct(t.summary, 'variant'));
  return {
    id: 'latency',
    title: 'Latency distribution',
    caption: 'The share of completed requests answered within each latency, per variant, from latency.csv; the vertical axis is stretched '
      + 'towards the tail (each step up is ten times fewer requests). Points mark each variant\'s p50, p99 and p99.9 from summary.csv.',
    spec: withConfig({
      width: 560,
      height: 300,
      layer: [
        {
          data: { values: MARKED_PERCENTILES.map((p) => ({ percentile: p.label, nines: nines(p.fraction) })) },
          layer: [
            { mark: { type: 'rule', color: 'currentColor', strokeDash: [2, 3], opacity: 0.5 }, encoding: { y: { field: 'nines', type: 'quantitative' } } },
            { mark: { type: 'text', align: 'left', dx: 2, dy: -6, opacity: 0.8 }, encoding: { y: { field: 'nines', type: 'quantitative' }, x: { value: 0 }, text: { field: 'percentile' } } },
          ],
        },
        { data: { values: steps }, mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: { x, y, color } },
        {
          data: { values: marks },
          mark: { type: 'point', filled: true, size: 50 },
          encoding: { x: { ...x, field: 'ms' }, y, color, shape: { field: 'percentile', type: 'nominal', sort: null, title: 'marked' } },
        },
      ],
      resolve: { scale: { y: 'shared' } },
    }),
  };
}

/**
 * Per variant, each pod's share of completed requests (or utilization), pods grouped by node;
 * on the share chart a line at the even share (1 / the variant's pods, or their mean share where
 * shares do not add up to 1, as with an Ingress's two tiers).
 */
export function podChart(t: ResultTables, measure: 'share' | 'utilization'): Chart | undefined {
  if (t.pods.rows.length === 0) return undefined;
  const even = new Map(distinct(t.pods, 'variant').map((v) => {
    const pods = t.pods.rows.filter((r) => r.variant === v);
    return [v, pods.reduce((s, r) => s + num(r.share), 0) / pods.length];
  }));
  // Pods side by side by node, nodes in the order pods.csv first names them.
  const nodes = distinct(t.pods, 'node');
  const byNode = [...t.pods.rows].sort((a, b) => nodes.indexOf(a.node) - nodes.indexOf(b.node));
  const label = podLabels(distinct(t.pods, 'pod'));
  const values = byNode.map((r) => ({ variant: r.variant, pod: r.pod, label: label.get(r.pod)!, node: r.node, value: num(r[measure]), even: even.get(r.variant)! }));
  const short = Math.max(...[...label.values()].map((l) => l.length)) <= 8;
  const variants = distinct(t.pods, 'variant');
  const bars = {
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelAngle: short ? 0 : -40, labelLimit: 120 } },
      y: { field: 'value', type: 'quantitative', title: measure === 'share' ? 'share of requests' : 'utilization', axis: { format: '.0%' },
        ...(measure === 'utilization' ? { scale: { domain: [0, 1] } } : {}) },
      color: { field: 'node', type: 'nominal', sort: null, title: 'node' },
    },
  };
  const evenLine = {
    mark: { type: 'rule', color: THRESHOLD_COLOR, strokeDash: [6, 3], strokeWidth: 1.5 },
    encoding: { y: { field: 'even', type: 'quantitative', aggregate: 'max' } },
  };
  return {
    id: `pod-${measure}`,
    title: measure === 'share' ? 'Share of requests per pod' : 'Utilization per pod',
    caption: measure === 'share'
      ? `Each bar is a pod${commonPrefix(t)}, grouped by the node it runs on (pods.csv). The dashed red line is the even share: what each pod would get if the requests were split evenly over the pods.`
      : `Busy worker-time over the run, per pod${commonPrefix(t)}, grouped by node (pods.csv): a pod near 100% queues, and its latency shows it.`,
    spec: withConfig({
      data: { values },
      facet: { field: 'variant', type: 'nominal', sort: variants, title: null },
      columns: Math.min(variants.length, 4),
      spec: { width: Math.max(120, 26 * distinct(t.pods, 'pod').length), height: 220, layer: measure === 'share' ? [bars, evenLine] : [bars] },
    }),
  };
}

/**
 * Pods as the axis names them: without the prefix they all share up to its last '-'
 * ("hostname-deployment-0" and "-1" are "…-0" and "…-1"), the rest of the name in the caption.
 */
function commonPrefix(t: ResultTables): string {
  const [pod] = distinct(t.pods, 'pod');
  const label = podLabels(distinct(t.pods, 'pod')).get(pod)!;
  return label.startsWith('…-') ? ` (…- stands for ${pod.slice(0, pod.length - label.length + 2)})` : '';
}

export function podLabels(pods: readonly string[]): Map<string, string> {
  let prefix = pods.length > 1 ? pods.reduce((p, name) => { let i = 0; while (i < p.length && p[i] === name[i]) i++; return p.slice(0, i); }) : '';
  prefix = prefix.slice(0, prefix.lastIndexOf('-') + 1);
  return new Map(pods.map((p) => [p, prefix.length > 3 ? `…-${p.slice(prefix.length)}` : p]));
}

/** The columns of nodes.csv shown per node, with their names on the chart. */
export const NODE_MEASURES = [
  { column: 'received', label: 'received' },
  { column: 'forwarded_out', label: 'forwarded out' },
  { column: 'forwarded_in', label: 'forwarded in' },
  { column: 'served', label: 'served' },
  { column: 'dropped', label: 'dropped' },
];

/** Per variant and node: requests received, forwarded out and in, served and dropped (nodes.csv). */
export function nodeChart(t: ResultTables): Chart | undefined {
  if (t.nodes.rows.length === 0) return undefined;
  const shown = NODE_MEASURES.filter((m) => m.column !== 'dropped' || t.nodes.rows.some((r) => num(r.dropped) > 0));
  const values = t.nodes.rows.flatMap((r) => shown.map((m) => ({ variant: r.variant, node: r.node, measure: m.label, requests: num(r[m.column]) })));
  const variants = distinct(t.nodes, 'variant');
  const nodes = distinct(t.nodes, 'node').length;
  return {
    id: 'nodes',
    title: 'Requests per node',
    caption: 'Per node: requests the balancer (or client) sent to it, requests it forwarded to another node and received from one, and requests its pods served (nodes.csv).',
    spec: withConfig({
      data: { values },
      facet: { field: 'variant', type: 'nominal', sort: variants, title: null },
      columns: Math.min(variants.length, 4),
      spec: {
        width: Math.max(140, nodes * shown.length * 14), height: 180,
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'node', type: 'nominal', sort: null, title: null, axis: { labelAngle: 0 } },
          xOffset: { field: 'measure', type: 'nominal', sort: shown.map((m) => m.label) },
          y: { field: 'requests', type: 'quantitative', title: 'requests' },
          color: { field: 'measure', type: 'nominal', sort: shown.map((m) => m.label), title: null },
        },
      },
    }),
  };
}

/** Per variant, the fraction of completed requests by network hops (hops.csv). */
export function hopsChart(t: ResultTables): Chart | undefined {
  if (t.hops.rows.length === 0) return undefined;
  const values = t.hops.rows.map((r) => ({ variant: r.variant, hops: num(r.hops), fraction: num(r.fraction) }));
  const variants = distinct(t.hops, 'variant');
  return {
    id: 'hops',
    title: 'Hops per request',
    caption: 'Network links crossed from the load balancer (or the client\'s node) to the serving pod\'s node (hops.csv): 1 is direct, 2 took a second hop through another node.',
    spec: withConfig({
      data: { values },
      width: Math.max(200, distinct(t.hops, 'hops').length * Math.max(24, variants.length * 10)),
      height: 180,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'hops', type: 'ordinal', title: 'hops', axis: { labelAngle: 0 } },
        xOffset: { field: 'variant', type: 'nominal', sort: variants },
        y: { field: 'fraction', type: 'quantitative', title: 'share of requests', axis: { format: '.0%' } },
        color: variantColor(variants),
      },
    }),
  };
}
