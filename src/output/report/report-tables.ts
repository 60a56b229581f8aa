import { parseObjective } from '../../scenario/slo-text.js';
import type { MetricInterval } from '../../stats/results.js';
import { ci95Name } from '../../stats/summary-metrics.js';
import { SIDE_BY_SIDE_MAX, sideBySideMetrics } from '../console-report.js';
import { compact, VARIANT_ROW_COLUMNS } from '../console-rows.js';
import { VIEWS } from '../metric-text.js';
import { num, type ResultTables, type Provenance, type RunFacts } from './result-tables.js';

/** Text made safe inside HTML elements and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' } as Record<string, string>)[c]};`);
}

/**
 * A summary.csv cell as the console's number: the console's formats take seconds and flags as 1
 * or 0, where the CSV has milliseconds and true/false.
 */
function interval(row: Record<string, string>, metric: string): MetricInterval {
  const scale = metric.endsWith('_ms') ? 1 / 1000 : 1;
  const text = row[metric];
  const mean = text === 'true' ? 1 : text === 'false' ? 0 : num(text) * scale;
  const half = num(row[ci95Name(metric)]) * scale;
  return { mean, halfWidth: Number.isFinite(half) ? half : 0 } as MetricInterval;
}

/** The objectives of run.json with their summary.csv columns, in order. */
function objectives(t: ResultTables): Array<{ text: string; column: string }> {
  return (t.run.slo ?? []).flatMap((text) => {
    const o = parseObjective(text);
    return 'problem' in o || !t.summary.columns.includes(o.column) ? [] : [{ text, column: o.column }];
  });
}

function verdictCell(verdict: string | undefined): string {
  const v = verdict ?? '';
  return `<td class="verdict ${escapeHtml(v)}">${escapeHtml(v || '-')}</td>`;
}

/**
 * The comparison, as the console shows it: up to SIDE_BY_SIDE_MAX variants side by side, one row
 * per metric; more, one row per variant. Values with their 95% half-width when there are
 * replications; the objectives' verdicts last.
 */
export function comparisonTable(t: ResultTables): string {
  const rows = t.summary.rows;
  const study = t.summary.columns.includes('replications');
  const slo = objectives(t);
  if (rows.length <= SIDE_BY_SIDE_MAX) {
    const metrics = sideBySideMetrics((m) => rows.some((r) => num(r[m]) > 0), study).filter((m) => t.summary.columns.includes(m));
    const body = metrics.map((m) => `<tr><th scope="row">${escapeHtml(VIEWS[m].label.trim())}</th>${rows.map((r) => {
      const iv = interval(r, m);
      const value = VIEWS[m].text(iv.mean);
      return `<td>${escapeHtml(study && iv.halfWidth > 0 ? `${value} ± ${VIEWS[m].text(iv.halfWidth)}` : value)}</td>`;
    }).join('')}</tr>`);
    for (const o of slo) body.push(`<tr><th scope="row">SLO ${escapeHtml(o.text)}</th>${rows.map((r) => verdictCell(r[o.column])).join('')}</tr>`);
    if (slo.length > 1) body.push(`<tr><th scope="row">SLO verdict</th>${rows.map((r) => verdictCell(r.slo_verdict)).join('')}</tr>`);
    return `<table class="comparison"><thead><tr><th></th>${rows.map((r) => `<th scope="col">${escapeHtml(r.variant)}</th>`).join('')}</tr></thead>`
      + `<tbody>${body.join('')}</tbody></table>`;
  }
  const columns = VARIANT_ROW_COLUMNS.filter((c) => t.summary.columns.includes(c.metric));
  // As on the console: with one objective, its verdict alone (a column of its own would repeat it).
  const each = slo.length > 1 ? slo : [];
  const verdictHead = slo.length === 0 ? [] : [slo.length > 1 ? 'SLO' : `SLO ${slo[0].text}`];
  const head = ['variant', ...columns.map((c) => VIEWS[c.metric].short), ...each.map((o) => o.text), ...verdictHead];
  const body = rows.map((r) => `<tr><th scope="row">${escapeHtml(r.variant)}</th>${columns.map((c) => `<td>${escapeHtml(compact(c.unit, interval(r, c.metric), study))}</td>`).join('')}`
    + `${each.map((o) => verdictCell(r[o.column])).join('')}${slo.length > 0 ? verdictCell(r.slo_verdict) : ''}</tr>`);
  return `<table class="comparison rows"><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/**
 * differences.csv's rows shown, as the console words them: the latency figures and the errors;
 * with more than SIDE_BY_SIDE_MAX variants only the mean, p99 and errors.
 */
const DIFFERENCE_METRICS = ['latency_mean_ms', 'latency_p50_ms', 'latency_p99_ms', 'latency_p999_ms', 'error_fraction'];
const FEW_DIFFERENCE_METRICS = ['latency_mean_ms', 'latency_p99_ms', 'error_fraction'];

/** The paired differences (with replications): each variant minus the baseline, with the 95% interval. */
export function differencesTable(t: ResultTables): string | undefined {
  const metrics = t.summary.rows.length > SIDE_BY_SIDE_MAX ? FEW_DIFFERENCE_METRICS : DIFFERENCE_METRICS;
  const rows = t.differences?.rows.filter((r) => metrics.includes(r.metric)) ?? [];
  if (rows.length === 0) return undefined;
  const text = (metric: string, x: string) => (metric.endsWith('_ms') ? `${num(x).toFixed(2)} ms` : `${(num(x) * 100).toFixed(2)}%`);
  const body = rows.map((r) => `<tr class="${r.significant === 'true' ? 'significant' : ''}"><th scope="row">${escapeHtml(`${r.variant} vs ${r.baseline}`)}</th>`
    + `<td>${escapeHtml(VIEWS[r.metric].short)}</td><td>${escapeHtml(text(r.metric, r.difference))}</td>`
    + `<td>${escapeHtml(`${text(r.metric, r.ci95_low)} to ${text(r.metric, r.ci95_high)}`)}</td><td>${r.significant === 'true' ? 'yes' : 'no'}</td></tr>`);
  return '<table class="differences"><thead><tr><th scope="col">variant</th><th scope="col">metric</th><th scope="col">difference</th>'
    + `<th scope="col">95% interval</th><th scope="col">significant</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/**
 * Where the numbers came from (run.json): scenario, seed, version, command line, the run's own
 * facts (`more`: a plan's search), and every input file with its hash.
 */
export function provenanceTable(r: Provenance & Partial<RunFacts>, more: Array<[string, string]> = []): string {
  const models = [...new Set((r.variants ?? []).map((v) => (v.lbModelReason ? `${v.lbModel} (${v.lbModelReason})` : v.lbModel)))];
  const facts: Array<[string, string]> = [
    ['scenario', r.scenario],
    ['seed', String(r.seed)],
    ['svcsim version', r.svcsimVersion],
    ['command line', (r.commandLine ?? []).map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ')],
    ...(r.replications ? [['replications', String(r.replications)] as [string, string]] : []),
    ...(r.slo ? [['objectives', r.slo.join(', ')] as [string, string]] : []),
    ...(models.length > 0 ? [['load balancer', models.join('; ')] as [string, string]] : []),
    ...more,
    ...(r.wallTimeSeconds !== undefined ? [['wall time', `${r.wallTimeSeconds.toFixed(2)} s`] as [string, string]] : []),
  ];
  const files = r.files.map((f) => `<tr><td>${escapeHtml(f.path)}</td><td><code>${escapeHtml(f.sha256)}</code></td></tr>`).join('');
  return `<table class="facts"><tbody>${facts.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`
    + `<table class="files"><thead><tr><th scope="col">input file</th><th scope="col">SHA-256</th></tr></thead><tbody>${files}</tbody></table>`;
}
