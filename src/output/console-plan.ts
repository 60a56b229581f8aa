import type { PlanPoint, PlanResults, PlanVariant } from '../plan/planner.js';
import type { ObjectiveVerdict } from '../stats/results.js';
import { metricIndex } from '../stats/summary-metrics.js';
import { VIEWS } from './metric-text.js';
import { pointNote } from './plan-files.js';
import { paintVerdict } from './terminal.js';
import { table, wrapPieces, type ReportOptions } from './table.js';

/** An objective's estimate in words: "p99 41.2 ms (39.8 to 42.6)". */
function estimate(o: ObjectiveVerdict): string {
  const view = VIEWS[o.objective.metric];
  const name = view ? view.short.replace(/ ms$/, '') : o.objective.metric;
  const unit = view?.short.endsWith(' ms') ? ' ms' : '';
  const text = (x: number) => (view ? view.text(x) : String(x)).replace(/^(-?\d+\.\d)\d+$/, '$1');
  return o.low === o.high ? `${name} ${text(o.value)}${unit}` : `${name} ${text(o.value)}${unit} (${text(o.low)} to ${text(o.high)})`;
}

function pointInWords(p: PlanPoint): string {
  if (!p.verdict) return pointNote(p);
  return `${p.verdict.verdict}, ${p.verdict.objectives.map(estimate).join(', ')}`;
}

/** One sentence per variant: the fewest that meets the objectives, and the evidence for it and below it. */
export function answerSentence(plan: PlanResults, v: PlanVariant, column: string): string {
  const slo = plan.request.objectives.map((o) => o.text).join(', ');
  const name = Object.keys(v.overrides).length > 0 ? v.name : plan.scenario;
  if (v.answer === undefined) {
    const top = v.points.find((p) => p.value === plan.request.max);
    return `${name}: no ${column} up to ${plan.request.max} meets ${slo} with 95% confidence`
      + `${top ? ` (at ${top.value}: ${pointInWords(top)})` : ''}.`;
  }
  const at = v.points.find((p) => p.value === v.answer)!;
  const below = v.points.find((p) => p.value === v.answer! - 1);
  return `${name}: ${column} ${v.answer} is the fewest that meets ${slo} with 95% confidence (${pointInWords(at)})`
    + `${below ? `; at ${below.value}: ${pointInWords(below)}` : v.answer === plan.request.min ? `; ${v.answer} is --min` : ''}.`;
}

/**
 * The planner's report: the answer of each variant in a sentence, then the evidence table, every
 * point tried in value order with theory's utilization, the simulated metrics of the objectives
 * and the busiest pod's utilization with their 95% half-widths, and the verdict; unstable and
 * unsimulated points say so.
 */
export function formatPlan(plan: PlanResults, column: string, options: ReportOptions = {}): string {
  const width = options.width ?? 80;
  const sentences = plan.variants.map((v) => wrapPieces(answerSentence(plan, v, column).split(' '), width)).join('\n');
  // The objectives' metrics, and the busiest pod's utilization as simulated beside theory's.
  const metrics = [...new Set([...plan.request.objectives.map((o) => o.metric), 'pod_util_max'])];
  const head = ['variant', column, 'theory util', ...metrics.map((m) => VIEWS[m]?.short ?? m), 'verdict', 'note'];
  const rows = plan.variants.flatMap((v) => v.points.map((p) => [
    v.name, `${p.value}${p.value === v.answer ? ' *' : ''}`,
    p.theory ? `${(p.theory.utilizationMax * 100).toFixed(1)}%` : '-',
    ...metrics.map((m) => {
      const x = p.intervals?.[metricIndex(m)];
      const view = VIEWS[m];
      if (!x || !view) return '-';
      return x.halfWidth > 0 ? `${view.text(x.mean)} ± ${view.text(x.halfWidth)}` : view.text(x.mean);
    }),
    p.verdict ? paintVerdict(p.verdict.verdict, options.colors ?? false) : '-',
    // A refusal's field is enough in the table; its reason is in the sentence and plan.csv.
    p.refused ? `refused: ${p.refused.split(': ')[0]}` : pointNote(p),
  ]));
  const evidence = table(head, rows, 2, options);
  return `${sentences}\n\nEvidence (${plan.tasks} simulations, ${plan.request.replications} replications a point; * the answer; ± 95% half-width):\n${evidence}\n`;
}
