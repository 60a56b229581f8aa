import { stringify } from 'csv-stringify/sync';
import type { PlanPoint, PlanResults } from '../plan/planner.js';
import { ci95Name, metricIndex, SUMMARY_COLUMNS } from '../stats/summary-metrics.js';
import { formatNumber } from './csv-files.js';
import { loadReportBuilder } from './report/load-report.js';
import { ResultFolder } from './result-folder.js';
import { averaged } from './summary-fields.js';

/** The metrics plan.csv gives for every point simulated, each with its 95% half-width. */
export const PLAN_METRICS = ['latency_mean_ms', 'latency_p50_ms', 'latency_p99_ms', 'latency_p999_ms', 'error_fraction', 'pod_util_max'];

/** The files a plan writes into its folder: a folder of only these is the planner's to replace. */
export const PLAN_FILE_NAMES: ReadonlySet<string> = new Set(['plan.csv', 'run.json', 'report.html']);

/**
 * plan.csv: one row per variant and value tried (tidy), in value order: the compared fields, the
 * varied one, what theory predicted (the busiest pod's utilization, each objective's metric),
 * whether the point was simulated, its stability, metrics with 95% half-widths, each objective's
 * verdict, whether it meets them all, and whether it is the variant's answer. A point the search
 * did not simulate (theory finds a pod unstable, or the input refuses the value) says why in `note`.
 */
export function planRows(plan: PlanResults, column: string): string[][] {
  const { objectives } = plan.request;
  const kind = (metric: string) => averaged(SUMMARY_COLUMNS[metricIndex(metric)].kind);
  const head = ['variant', ...plan.overrideColumns, column, 'replications', 'round', 'theory_util_max',
    ...objectives.map((o) => `theory_${o.metric}`), 'simulated', 'stable',
    ...PLAN_METRICS.flatMap((m) => [m, ci95Name(m)]), ...objectives.map((o) => o.column), 'slo_verdict', 'meets', 'answer', 'note'];
  const rows = plan.variants.flatMap((v) => v.points.map((p) => {
    const metric = (m: string) => p.intervals?.[metricIndex(m)];
    return [
      v.name, ...plan.overrideColumns.map((c) => v.overrides[c] ?? ''), String(p.value), p.intervals ? String(plan.request.replications) : '0',
      String(p.round), formatNumber('fraction', p.theory?.utilizationMax ?? NaN),
      ...objectives.map((o, k) => formatNumber(kind(o.metric), p.theory?.predicted[k] ?? NaN)),
      p.intervals ? 'true' : 'false', p.intervals ? (metric('stable')!.mean === 1 ? 'true' : 'false') : '',
      ...PLAN_METRICS.flatMap((m) => [formatNumber(kind(m), metric(m)?.mean ?? NaN), formatNumber(kind(m), metric(m)?.halfWidth ?? NaN)]),
      ...objectives.map((_, k) => p.verdict?.objectives[k].verdict ?? ''), p.verdict?.verdict ?? '',
      p.meets ? 'true' : 'false', v.answer === p.value ? 'true' : 'false', pointNote(p),
    ];
  }));
  return [head, ...rows];
}

/** Why a point was not simulated, or that the simulation found it unstable. */
export function pointNote(p: PlanPoint): string {
  if (p.refused) return `refused: ${p.refused}`;
  if (!p.intervals) return `not simulated: theory finds a pod unstable (utilization ${((p.theory?.utilizationMax ?? NaN) * 100).toFixed(1)}%)`;
  return p.intervals[metricIndex('stable')].mean === 1 ? '' : 'unstable: a queue grew through the run';
}

/** Claims the plan's folder before the search runs (a second plan into it fails at once). */
export function claimPlanFolder(dir: string): ResultFolder {
  return ResultFolder.claim(dir, PLAN_FILE_NAMES);
}

/**
 * Writes plan.csv and run.json into the claimed folder, all or nothing (ResultFolder); with
 * `report`, report.html too, built from those two files as `svcsim report` builds it.
 */
export async function writePlan(folder: ResultFolder, plan: PlanResults, column: string,
  meta: { version: string; commandLine: string[]; files: Array<{ path: string; sha256: string }>; wallTimeSeconds?: number },
  options: { report?: boolean } = {}): Promise<string[]> {
  const run = {
    svcsimVersion: meta.version,
    scenario: plan.scenario,
    seed: plan.seed,
    files: meta.files,
    commandLine: meta.commandLine,
    wallTimeSeconds: meta.wallTimeSeconds,
    plan: {
      vary: plan.request.vary, min: plan.request.min, max: plan.request.max, replications: plan.request.replications,
      slo: plan.request.objectives.map((o) => o.text), simulations: plan.tasks,
      answers: plan.variants.map((v) => ({ variant: v.name, overrides: v.overrides, [column]: v.answer ?? null })),
    },
  };
  const report = options.report ? async (written: string) => {
    const { buildReport, REPORT_FILE } = await loadReportBuilder();
    return new Map([[REPORT_FILE, await buildReport(written)]]);
  } : undefined;
  return folder.publish(new Map([
    ['plan.csv', [stringify(planRows(plan, column), { record_delimiter: 'unix' })]],
    ['run.json', [`${JSON.stringify(run, null, 2)}\n`]],
  ]), report);
}
