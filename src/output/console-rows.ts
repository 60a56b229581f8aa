import type { RunResults } from '../stats/results.js';
import { metricCell, VIEWS } from './metric-text.js';
import { intervalsOf } from './summary-fields.js';
import { columnWidths, resolved, table, tableWidth, type ReportOptions } from './table.js';
import { paintVerdict } from './terminal.js';

/**
 * The columns of the row-per-variant table, in the order shown, each with its rank: when the
 * table is wider than the terminal, the columns of the highest rank go first. The verdict and
 * the tail that objectives are usually about stay longest.
 */
const COLUMNS: Array<{ metric: string; rank: number }> = [
  { metric: 'error_fraction', rank: 4 },
  { metric: 'stable', rank: 7 },
  { metric: 'latency_mean_ms', rank: 3 },
  { metric: 'latency_p50_ms', rank: 2 },
  { metric: 'latency_p90_ms', rank: 10 },
  { metric: 'latency_p99_ms', rank: 1 },
  { metric: 'latency_p999_ms', rank: 6 },
  { metric: 'hops_mean', rank: 9 },
  { metric: 'extra_hop_fraction', rank: 11 },
  { metric: 'pod_util_max', rank: 5 },
  { metric: 'throughput_rps', rank: 12 },
];
const VERDICT_RANK = 0;
const OBJECTIVE_RANK = 8;

interface Shown { head: string; rank: number; cells: string[] }

/**
 * One row per variant, for studies of many variants: the variant, then the metrics that fit the
 * width, then the objectives' verdicts. Columns that do not fit are named below the table: every
 * one of them is in summary.csv and --json.
 */
export function formatVariantRows(results: RunResults, options: ReportOptions = {}): string {
  const { width, colors } = resolved(options);
  const intervals = intervalsOf(results);
  const study = results.study !== undefined;
  const columns: Shown[] = COLUMNS.map(({ metric, rank }) => ({
    head: VIEWS[metric].short, rank, cells: intervals.map((iv) => metricCell(VIEWS[metric], iv, study)),
  }));
  const { slo } = results;
  if (slo) {
    // With one objective its column would repeat the verdict's.
    if (slo.objectives.length > 1) {
      columns.push(...slo.objectives.map((o, k) => ({ head: o.text, rank: OBJECTIVE_RANK, cells: slo.verdicts.map((v) => paintVerdict(v.objectives[k].verdict, colors)) })));
    }
    columns.push({ head: slo.objectives.length > 1 ? 'SLO' : `SLO ${slo.objectives[0].text}`, rank: VERDICT_RANK, cells: slo.verdicts.map((v) => paintVerdict(v.verdict, colors)) });
  }
  const names = results.variants.map((v) => v.name);
  const kept = [...columns];
  const widthOf = (cs: Shown[]) => tableWidth(columnWidths(['variant', ...cs.map((c) => c.head)], names.map((n, i) => [n, ...cs.map((c) => c.cells[i])]), false));
  while (kept.length > 0 && widthOf(kept) > width) {
    const last = kept.reduce((a, c) => (c.rank > a.rank ? c : a));
    kept.splice(kept.indexOf(last), 1);
  }
  const rows = names.map((n, i) => [n, ...kept.map((c) => c.cells[i])]);
  const text = table(['variant', ...kept.map((c) => c.head)], rows, 1, { width, colors });
  const left = columns.filter((c) => !kept.includes(c)).map((c) => c.head);
  const note = left.length > 0 ? `\nNot shown in ${width} columns: ${left.join(', ')} (summary.csv and --json have them)` : '';
  const means = study ? `\nMeans over ${results.study!.replications} replications ± the half-width of their 95% interval` : '';
  return `${text}${means}${note}`;
}
