import type { RunResults } from '../stats/results.js';
import { columnValue, NODE_COLUMNS, POD_COLUMNS, SETTING_COLUMNS, SUMMARY_COLUMNS, type Column } from './csv-files.js';
import { variantWarnings } from './variant-warnings.js';

type Row = Record<string, string | number | boolean | null>;

function numbers<T>(columns: Column<T>[], row: T): Row {
  const out: Row = {};
  for (const c of columns) out[c.name] = columnValue(c.kind, c.value(row));
  return out;
}

/**
 * The output of `svcsim run --json`: per variant the summary.csv columns under the same names
 * and in the same units and rounding (ms, fractions, integer counts; null where the CSV cell is
 * empty; stable as true or false), why its load-balancer model, its overrides, the warnings the
 * CLI prints about it, and its pods and nodes as pods.csv and nodes.csv rows.
 */
export function toJsonSummary(results: RunResults): object {
  return {
    scenario: results.scenario,
    seed: results.seed,
    svcsimVersion: results.meta.version,
    variants: results.variants.map((v) => ({
      variant: v.name,
      overrides: Object.fromEntries(results.overrideColumns.map((c) => [c, v.overrides[c] ?? null])),
      ...Object.fromEntries(SETTING_COLUMNS.map((c) => [c.name, c.value(v)])),
      lb_model_reason: v.lbModelReason ?? null,
      ...numbers(SUMMARY_COLUMNS, v),
      warnings: variantWarnings(v),
      pods: v.pods.map((p) => ({ pod: p.name, node: p.node, zone: p.zone, ...numbers(POD_COLUMNS, p) })),
      nodes: v.nodes.map((n) => ({ node: n.name, zone: n.zone, ...numbers(NODE_COLUMNS, n) })),
    })),
  };
}
