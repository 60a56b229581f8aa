import type { PlanResults } from '../plan/planner.js';
import { answerSentence } from './console-plan.js';
import { planRows } from './plan-files.js';

type Cell = string | number | boolean | null;

/** A plan.csv cell as JSON: empty is null, true/false booleans, numbers numbers; `text` columns stay text. */
function cell(value: string, text: boolean): Cell {
  if (value === '') return null;
  if (text) return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return Number.isFinite(Number(value)) ? Number(value) : value;
}

/**
 * The output of `svcsim plan --json`: what the console shows, as data. Per variant its compared
 * fields, its answer (null when none up to max), the answer's sentence, and every point tried as
 * plan.csv has it (same names, units and rounding; null where the cell is empty).
 */
export function toPlanJson(plan: PlanResults, column: string, version: string): object {
  const [head, ...rows] = planRows(plan, column);
  const textColumns = new Set(['variant', ...plan.overrideColumns, ...plan.request.objectives.map((o) => o.column), 'slo_verdict', 'note']);
  const pointColumns = head.filter((h) => h !== 'variant' && !plan.overrideColumns.includes(h));
  return {
    scenario: plan.scenario,
    seed: plan.seed,
    svcsimVersion: version,
    vary: plan.request.vary,
    min: plan.request.min,
    max: plan.request.max,
    replications: plan.request.replications,
    slo: plan.request.objectives.map((o) => ({ objective: o.text, column: o.column })),
    simulations: plan.tasks,
    variants: plan.variants.map((v) => ({
      variant: v.name,
      overrides: Object.fromEntries(plan.overrideColumns.map((c) => [c, v.overrides[c] ?? null])),
      [column]: v.answer ?? null,
      sentence: answerSentence(plan, v, column),
      points: rows.filter((r) => r[0] === v.name).map((r) => Object.fromEntries(
        pointColumns.map((h) => [h, cell(r[head.indexOf(h)], textColumns.has(h))]),
      )),
    })),
  };
}
