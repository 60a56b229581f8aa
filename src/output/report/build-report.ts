import type { Chart } from './chart.js';
import { hopsChart, latencyChart, nodeChart, podChart } from './distribution-charts.js';
import { evidenceTable, isPlanFolder, planAnswers, planChart, readPlanTables, type PlanTables } from './plan-report.js';
import { renderCharts } from './render-charts.js';
import { comparisonTable, differencesTable, escapeHtml, provenanceTable } from './report-tables.js';
import { readResultTables, type ResultTables } from './result-tables.js';
import { sweepCharts } from './sweep-chart.js';
import { timeSeriesChart } from './time-series-chart.js';

export { ReportInputError } from './result-tables.js';

/** The report's file name in a results directory. */
export const REPORT_FILE = 'report.html';

/** Every chart the results have data for, in the page's order. */
export function reportCharts(t: ResultTables): Chart[] {
  return [
    ...sweepCharts(t),
    podChart(t, 'share'),
    latencyChart(t),
    podChart(t, 'utilization'),
    nodeChart(t),
    hopsChart(t),
    timeSeriesChart(t),
  ].filter((c): c is Chart => c !== undefined);
}

/**
 * report.html of a results directory, built from its files alone (the CSVs and run.json): one
 * self-contained page, charts as inline SVG, styles inline, no script, nothing fetched.
 * Throws ReportInputError naming a file it cannot read.
 */
export async function buildReport(dir: string): Promise<string> {
  if (isPlanFolder(dir)) return buildPlanReport(readPlanTables(dir));
  const tables = readResultTables(dir);
  const charts = reportCharts(tables);
  const svgs = await renderCharts(charts);
  return reportPage(tables, charts, svgs);
}

/** A plan's report (svcsim plan's folder: plan.csv and run.json): the answers, the curve, the evidence. */
async function buildPlanReport(t: PlanTables): Promise<string> {
  const chart = planChart(t);
  const [svg] = chart ? await renderCharts([chart]) : [];
  const r = t.run;
  const facts: Array<[string, string]> = [
    ['varied', `${r.plan.vary}, from ${r.plan.min} to ${r.plan.max}`],
    ['objectives', r.plan.slo.join(', ')],
    ['replications a point', String(r.plan.replications)],
    ['simulations', String(r.plan.simulations)],
  ];
  const body = section('answers', 'Answers', planAnswers(t), 'From run.json: for each variant the fewest that meets every objective with 95% confidence.')
    + (chart ? chartSection(chart, svg) : '')
    + section('evidence', 'Evidence', evidenceTable(t), 'Every point tried (plan.csv), * the answer, ± the 95% half-width over the replications.')
    + section('provenance', 'Provenance', provenanceTable(r, facts), 'From run.json: what to run again to get these answers.');
  return page(`${r.scenario}: plan`, `svcsim ${r.svcsimVersion} · seed ${r.seed} · plan of ${r.plan.vary}`, body);
}

function chartSection(c: Chart, svg: string): string {
  return `<section class="chart" id="${c.id}"><h2>${escapeHtml(c.title)}</h2><figure data-chart="${c.id}">${svg}<figcaption>${escapeHtml(c.caption)}</figcaption></figure></section>\n`;
}

function section(id: string, title: string, body: string, caption?: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>${caption ? `<p class="caption">${escapeHtml(caption)}</p>` : ''}${body}</section>\n`;
}

function reportPage(t: ResultTables, charts: readonly Chart[], svgs: readonly string[]): string {
  const r = t.run;
  const variants = t.summary.rows.length;
  const study = r.replications ? `, ${r.replications} replications each` : '';
  const differences = differencesTable(t);
  const body = section('comparison', 'Comparison', comparisonTable(t), r.replications
    ? `Means over ${r.replications} replications ± the half-width of their 95% interval (summary.csv).` : 'From summary.csv, as the console shows it.')
    + charts.map((c, i) => chartSection(c, svgs[i])).join('')
    + (differences ? section('differences', 'Paired differences', differences, `Each variant minus ${t.differences!.rows[0].baseline}, replication by `
      + 'replication, with the 95% interval of the mean difference (differences.csv); significant when the interval excludes 0.') : '')
    + section('provenance', 'Provenance', provenanceTable(r), 'From run.json: what to run again to get these numbers.');
  return page(r.scenario, `svcsim ${r.svcsimVersion} · seed ${r.seed} · ${variants} variant${variants === 1 ? '' : 's'}${study}`, body);
}

/** The page around the sections: no script, nothing fetched (the Content-Security-Policy forbids it), the style inline. */
function page(title: string, subtitle: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>svcsim report: ${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p></header>
<main>
${body}</main>
</body>
</html>
`;
}

/**
 * One stylesheet: the system's fonts, light by default, dark where the reader's system prefers it
 * (the charts draw text and axes in currentColor), and print: black on white, no chart split
 * across pages.
 */
const STYLE = `
:root { color-scheme: light dark; --fg: #1d1f21; --bg: #ffffff; --muted: #5c6166; --rule: #d8dbde; --head: #f3f4f6;
  --pass: #1a7f37; --fail: #cf222e; --inconclusive: #9a6700; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e6e6; --bg: #15171a; --muted: #a0a6ad; --rule: #3a3f45; --head: #22262b;
    --pass: #4ac26b; --fail: #ff7b72; --inconclusive: #d29922; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 1.5rem; color: var(--fg); background: var(--bg);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header h1 { margin: 0 0 .2rem; font-size: 1.6rem; }
header p, .caption, figcaption { color: var(--muted); }
h2 { font-size: 1.15rem; margin: 2rem 0 .4rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; }
main { display: flex; flex-wrap: wrap; gap: 0 3rem; align-items: flex-start; }
section { overflow-x: auto; max-width: 100%; flex: 0 1 auto; }
section#differences, section#provenance { flex-basis: 100%; }
figure { margin: .5rem 0; display: table; }
figcaption { display: table-caption; caption-side: bottom; }
figure svg { max-width: 100%; height: auto; color: var(--fg); }
figcaption { font-size: .9rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: .4rem 0 1rem; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid var(--rule); text-align: right; white-space: nowrap; }
th[scope="row"], .files td, .facts td, thead th:first-child { text-align: left; }
table.rows { font-size: .85rem; }
thead th { background: var(--head); }
.facts td { white-space: normal; word-break: break-all; }
code { font-size: .85rem; }
.verdict.pass { color: var(--pass); font-weight: 600; }
.verdict.fail { color: var(--fail); font-weight: 600; }
.verdict.inconclusive { color: var(--inconclusive); font-weight: 600; }
tr.significant td:nth-child(3) { font-weight: 600; }
tr.answer th, tr.answer td { font-weight: 600; background: var(--head); }
td.note { text-align: left; white-space: normal; max-width: 28rem; }
ul.answers { padding-left: 1.2rem; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #333; --rule: #999; --head: #eee; --pass: #000; --fail: #000; --inconclusive: #000; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  section { overflow: visible; }
  main { display: block; }
  section.chart, table.comparison, table.facts { break-inside: avoid; }
  table.rows { font-size: 7pt; }
  h2 { break-after: avoid; }
}
`;
