import type { RunResults } from '../stats/results.js';
import { differenceMetric } from '../stats/summary-metrics.js';
import { differenceStatement } from './console-words.js';
import { columnValue, NODE_COLUMNS, POD_COLUMNS, SETTING_COLUMNS, type Column } from './csv-files.js';
import { averaged, metricColumns, verdictColumns } from './summary-fields.js';
import { warningsByVariant } from './variant-warnings.js';

type Row = Record<string, string | number | boolean | null>;

function numbers<T>(columns: Column<T>[], row: T): Row {
  const out: Row = {};
  for (const c of columns) out[c.name] = columnValue(c.kind, c.value(row));
  return out;
}

/**
 * The output of `svcsim run --json`: per variant the summary.csv columns under the same names
 * and in the same units and rounding (ms, fractions, integer counts; null where the CSV cell is
 * empty; stable as true or false), with replications their means and `_ci95` half-widths and
 * with objectives the verdicts; why its load-balancer model, its overrides, the warnings the CLI
 * prints about it, and its pods and nodes as pods.csv and nodes.csv rows. With replications also
 * the paired differences against the first variant, as differences.csv has them and as the
 * console says them.
 */
export function toJsonSummary(results: RunResults): object {
  const metrics = metricColumns(results);
  const verdicts = verdictColumns(results);
  const warnings = warningsByVariant(results);
  const { study, slo } = results;
  return {
    scenario: results.scenario,
    seed: results.seed,
    svcsimVersion: results.meta.version,
    ...(study ? { replications: study.replications } : {}),
    ...(slo ? { slo: slo.objectives.map((o) => ({ objective: o.text, column: o.column })) } : {}),
    variants: results.variants.map((v, i) => ({
      variant: v.name,
      overrides: Object.fromEntries(results.overrideColumns.map((c) => [c, v.overrides[c] ?? null])),
      ...Object.fromEntries(SETTING_COLUMNS.map((c) => [c.name, c.value(v)])),
      lb_model_reason: v.lbModelReason ?? null,
      ...numbers(metrics, i),
      ...Object.fromEntries(verdicts.map((c) => [c.name, c.value(i)])),
      warnings: warnings[i],
      pods: v.pods.map((p) => ({ pod: p.name, node: p.node, zone: p.zone, ...numbers(POD_COLUMNS, p) })),
      nodes: v.nodes.map((n) => ({ node: n.name, zone: n.zone, ...numbers(NODE_COLUMNS, n) })),
    })),
    ...(study ? { differences: study.differences.map((d) => ({
      variant: d.variant,
      baseline: d.baseline,
      statement: differenceStatement(d),
      metrics: d.metrics.map((m) => {
        const kind = averaged(differenceMetric(m.metric).kind);
        return {
          metric: m.metric,
          baseline_mean: columnValue(kind, m.baseline),
          variant_mean: columnValue(kind, m.variant),
          difference: columnValue(kind, m.difference),
          ci95_low: columnValue(kind, m.low),
          ci95_high: columnValue(kind, m.high),
          significant: m.significant,
        };
      }),
    })) } : {}),
  };
}
