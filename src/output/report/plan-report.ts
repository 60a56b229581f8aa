import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseObjective } from '../../scenario/slo-text.js';
import { ci95Name } from '../../stats/summary-metrics.js';
import { metricFacets, type Chart } from './chart.js';
import { escapeHtml } from './report-tables.js';
import { distinct, num, readCsvFile, readRunJson, ReportInputError, type CsvTable, type Provenance } from './result-tables.js';

/** What run.json of a plan (svcsim plan) holds that its report shows. */
export interface PlanFacts extends Provenance {
  plan: {
    vary: string;
    min: number;
    max: number;
    replications: number;
    slo: string[];
    simulations: number;
    answers: Array<{ variant: string; overrides: Record<string, string> } & Record<string, unknown>>;
  };
}

/** A plan's folder read back: plan.csv (every point tried) and run.json. */
export interface PlanTables {
  dir: string;
  run: PlanFacts;
  plan: CsvTable;
  /** The varied field's column ("replicas", "concurrency"): plan.csv's column before `replications`. */
  varied: string;
  /** The compared fields: plan.csv's columns between `variant` and the varied one. */
  overrideColumns: string[];
}

/** True when `dir` holds a plan (plan.csv, and no summary.csv of a run). */
export function isPlanFolder(dir: string): boolean {
  return existsSync(join(dir, 'plan.csv')) && !existsSync(join(dir, 'summary.csv'));
}

/** Reads a plan's folder; throws ReportInputError naming the first file it cannot read. */
export function readPlanTables(dir: string): PlanTables {
  const run = readRunJson(dir) as unknown as PlanFacts;
  if (typeof run.plan !== 'object' || run.plan === null || !Array.isArray(run.plan.answers)) {
    throw new ReportInputError(`cannot read ${join(dir, 'run.json')}: no "plan" with its "answers", though plan.csv is there`);
  }
  const plan = readCsvFile(dir, 'plan.csv', ['variant', 'replications', 'simulated', 'stable', 'slo_verdict', 'meets', 'answer', 'note'])!;
  const at = plan.columns.indexOf('replications');
  if (at < 2) throw new ReportInputError(`cannot read ${join(dir, 'plan.csv')}: no varied column before "replications"`);
  return { dir, run, plan, varied: plan.columns[at - 1], overrideColumns: plan.columns.slice(1, at - 1) };
}

/** The metrics the plan's chart shows: each objective's, then the busiest pod's utilization. */
function planMetrics(t: PlanTables): Array<{ column: string; title: string; scale: number; threshold?: number }> {
  const metrics = new Map<string, { column: string; title: string; scale: number; threshold?: number }>();
  for (const text of t.run.plan.slo) {
    const o = parseObjective(text);
    if ('problem' in o || !t.plan.columns.includes(o.metric)) continue;
    const ms = o.metric.endsWith('_ms');
    metrics.set(o.metric, { column: o.metric, title: `${o.metric.replace(/_ms$/, '').replace(/_/g, ' ')} (${ms ? 'ms' : '%'})`, scale: ms ? 1 : 100, threshold: ms ? o.threshold * 1000 : o.threshold * 100 });
  }
  if (!metrics.has('pod_util_max')) metrics.set('pod_util_max', { column: 'pod_util_max', title: 'pod util max (%)', scale: 100 });
  return [...metrics.values()];
}

/**
 * Each objective's metric (and the busiest pod's utilization) against the varied field, one line
 * per variant through the points simulated, with their 95% bands, theory's prediction dashed
 * where plan.csv has it, the objective's threshold in red, and each variant's answer ringed.
 */
export function planChart(t: PlanTables): Chart | undefined {
  const simulated = t.plan.rows.filter((r) => r.simulated === 'true');
  if (simulated.length === 0) return undefined;
  const metrics = planMetrics(t);
  const values = metrics.flatMap((m) => simulated.map((r) => {
    const mean = num(r[m.column]) * m.scale;
    const half = num(r[ci95Name(m.column)]) * m.scale;
    return {
      variant: r.variant, x: num(r[t.varied]), metric: m.title, mean, low: mean - (Number.isFinite(half) ? half : 0), high: mean + (Number.isFinite(half) ? half : 0),
      theory: num(r[m.column === 'pod_util_max' ? 'theory_util_max' : `theory_${m.column}`]) * m.scale, answer: r.answer === 'true', slo: m.threshold ?? null,
    };
  })).filter((v) => Number.isFinite(v.mean));
  const variants = distinct(t.plan, 'variant');
  const x = { field: 'x', type: 'quantitative', title: t.varied, scale: { zero: false }, axis: { format: ',~f' } };
  const color = { field: 'variant', type: 'nominal', sort: variants, title: 'variant' };
  return {
    id: 'plan',
    title: `Against ${t.varied}`,
    caption: `Every point the search simulated (plan.csv), per variant: the objectives' metrics and the busiest pod's utilization, means over `
      + `${t.run.plan.replications} replications with their 95% bands; dashed: theory's prediction; red: the objective's threshold; ringed: the variant's answer.`,
    spec: metricFacets({
      values, metrics: metrics.map((m) => m.title), width: 320, height: 190, x, color,
      more: [
        { transform: [{ filter: 'isValid(datum.theory)' }], mark: { type: 'line', strokeDash: [3, 3], strokeWidth: 1, opacity: 0.8 }, encoding: { x, y: { field: 'theory', type: 'quantitative' }, color } },
        { transform: [{ filter: 'datum.answer' }], mark: { type: 'point', size: 220, strokeWidth: 2.5, filled: false }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, color } },
      ],
    }),
  };
}

/** Each variant's answer in words, from run.json: the value, or none up to --max. */
export function planAnswers(t: PlanTables): string {
  const { plan } = t.run;
  const items = plan.answers.map((a) => {
    const value = a[t.varied];
    return `<li><strong>${escapeHtml(a.variant)}</strong>: ${typeof value === 'number'
      ? `${escapeHtml(t.varied)} ${value} is the fewest that meets ${escapeHtml(plan.slo.join(', '))} with 95% confidence`
      : `no ${escapeHtml(t.varied)} from ${plan.min} to ${plan.max} meets ${escapeHtml(plan.slo.join(', '))}`}</li>`;
  });
  return `<ul class="answers">${items.join('')}</ul>`;
}

/** The evidence: every point tried (plan.csv), the answers marked, what was not simulated and why. */
export function evidenceTable(t: PlanTables): string {
  const metrics = planMetrics(t);
  const cell = (r: Record<string, string>, m: { column: string; scale: number }) => {
    const mean = num(r[m.column]);
    if (!Number.isFinite(mean)) return '-';
    const half = num(r[ci95Name(m.column)]);
    const d = m.scale === 1 ? 3 : 1;
    return `${(mean * m.scale).toFixed(d)}${Number.isFinite(half) ? ` ± ${(half * m.scale).toFixed(d)}` : ''}`;
  };
  const head = ['variant', t.varied, 'theory util', ...metrics.map((m) => m.title), 'verdict', 'note'];
  const rows = t.plan.rows.map((r) => `<tr class="${r.answer === 'true' ? 'answer' : ''}"><th scope="row">${escapeHtml(r.variant)}</th>`
    + `<td>${escapeHtml(r[t.varied])}${r.answer === 'true' ? ' *' : ''}</td><td>${escapeHtml(Number.isFinite(num(r.theory_util_max)) ? `${(num(r.theory_util_max) * 100).toFixed(1)}%` : '-')}</td>`
    + `${metrics.map((m) => `<td>${escapeHtml(cell(r, m))}</td>`).join('')}<td class="verdict ${escapeHtml(r.slo_verdict)}">${escapeHtml(r.slo_verdict || '-')}</td>`
    + `<td class="note">${escapeHtml(r.note)}</td></tr>`);
  return `<table class="evidence"><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
