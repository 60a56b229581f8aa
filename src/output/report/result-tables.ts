import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';

/** A results directory that cannot be read: names the file and the reason (exit 1). */
export class ReportInputError extends Error {}

/** A CSV file's rows, each cell as written (text), by column name. */
export interface CsvTable {
  file: string;
  columns: string[];
  rows: Array<Record<string, string>>;
}

/** The provenance every run.json carries (a run's, a merge's, a plan's), shown at the report's foot. */
export interface Provenance {
  svcsimVersion: string;
  scenario: string;
  seed: number;
  files: Array<{ path: string; sha256: string }>;
  commandLine: string[];
  wallTimeSeconds?: number;
}

/** What run.json holds that a report shows. */
export interface RunFacts extends Provenance {
  timeSeriesIntervalSeconds?: number;
  replications?: number;
  slo?: string[];
  variants: Array<{
    name: string;
    overrides: Record<string, string>;
    lbModel: string;
    lbModelReason?: string;
    timeline?: Array<{ atSeconds: number; event: string }>;
  }>;
}

/**
 * A results directory as svcsim wrote it, read back: the report is built from these alone, never
 * from a run. summary.csv, pods.csv, nodes.csv, hops.csv, latency.csv and run.json are always
 * written; timeseries.csv, replications.csv and differences.csv only when the run had them.
 */
export interface ResultTables {
  dir: string;
  run: RunFacts;
  summary: CsvTable;
  /** The compared fields: summary.csv's columns between `variant` and `lb_model`. */
  overrideColumns: string[];
  pods: CsvTable;
  nodes: CsvTable;
  hops: CsvTable;
  latency: CsvTable;
  timeSeries?: CsvTable;
  differences?: CsvTable;
}

/** The columns each file must have for the report to read it. */
const REQUIRED: Record<string, string[]> = {
  'summary.csv': ['variant', 'lb_model', 'requests', 'latency_p50_ms', 'latency_p99_ms', 'latency_p999_ms'],
  'pods.csv': ['variant', 'pod', 'node', 'share', 'utilization'],
  'nodes.csv': ['variant', 'node', 'received', 'forwarded_out', 'forwarded_in', 'served', 'dropped'],
  'hops.csv': ['variant', 'hops', 'requests', 'fraction'],
  'latency.csv': ['variant', 'le_ms', 'count', 'cumulative_fraction'],
  'timeseries.csv': ['variant', 't_start_s', 't_end_s', 'throughput_rps', 'latency_p99_ms', 'in_flight', 'dropped', 'failed', 'timed_out'],
  'differences.csv': ['variant', 'baseline', 'metric', 'difference', 'ci95_low', 'ci95_high', 'significant'],
};

/** Reads a results directory; throws ReportInputError naming the first file it cannot read. */
export function readResultTables(dir: string): ResultTables {
  const summary = readCsv(dir, 'summary.csv', true)!;
  const lbAt = summary.columns.indexOf('lb_model');
  return {
    dir,
    run: readRunFacts(dir),
    summary,
    overrideColumns: summary.columns.slice(1, lbAt),
    pods: readCsv(dir, 'pods.csv', true)!,
    nodes: readCsv(dir, 'nodes.csv', true)!,
    hops: readCsv(dir, 'hops.csv', true)!,
    latency: readCsv(dir, 'latency.csv', true)!,
    timeSeries: readCsv(dir, 'timeseries.csv', false),
    differences: readCsv(dir, 'differences.csv', false),
  };
}

function readText(dir: string, name: string, required: boolean): string | undefined {
  const path = join(dir, name);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (!required && err.code === 'ENOENT') return undefined;
    const why = err.code === 'ENOENT' ? 'no such file (is this a folder svcsim run wrote?)' : err.code === 'EISDIR' ? 'it is a folder' : err.message;
    throw new ReportInputError(`cannot read ${path}: ${why}`);
  }
}

function readCsv(dir: string, name: string, required: boolean): CsvTable | undefined {
  return readCsvFile(dir, name, REQUIRED[name] ?? [], required);
}

/** A CSV file of `dir` with at least `columns`; undefined when it is missing and not `required`. */
export function readCsvFile(dir: string, name: string, columns: readonly string[], required = true): CsvTable | undefined {
  const text = readText(dir, name, required);
  if (text === undefined) return undefined;
  const path = join(dir, name);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const problem = parsed.errors[0];
  if (problem) throw new ReportInputError(`cannot read ${path}: record ${(problem.row ?? 0) + 1}: ${problem.message}`);
  const [head = [], ...cells] = parsed.data;
  const short = cells.findIndex((row) => row.length !== head.length);
  if (short >= 0) throw new ReportInputError(`cannot read ${path}: record ${short + 2} has ${cells[short].length} fields, the header ${head.length}`);
  const missing = columns.filter((c) => !head.includes(c));
  if (missing.length > 0) throw new ReportInputError(`cannot read ${path}: no column ${missing.map((c) => JSON.stringify(c)).join(', ')} in its header`);
  return { file: name, columns: head, rows: cells.map((row) => Object.fromEntries(head.map((c, i) => [c, row[i]]))) };
}

/** run.json of `dir`, a run's or a plan's: an object with the scenario's name and the input files. */
export function readRunJson(dir: string): Record<string, unknown> {
  const path = join(dir, 'run.json');
  const text = readText(dir, 'run.json', true)!;
  let run: unknown;
  try {
    run = JSON.parse(text);
  } catch (e) {
    throw new ReportInputError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const r = run as Partial<RunFacts>;
  const problem = typeof run !== 'object' || run === null ? 'it is not a JSON object'
    : typeof r.scenario !== 'string' ? 'no "scenario" name'
      : !Array.isArray(r.files) ? 'no "files" list' : undefined;
  if (problem) throw new ReportInputError(`cannot read ${path}: ${problem}`);
  return run as Record<string, unknown>;
}

function readRunFacts(dir: string): RunFacts {
  const run = readRunJson(dir);
  if (!Array.isArray(run.variants)) throw new ReportInputError(`cannot read ${join(dir, 'run.json')}: no "variants" list`);
  return run as unknown as RunFacts;
}

/** A cell as a number; an empty cell (no value: NaN in the run) is NaN. */
export function num(text: string | undefined): number {
  return text === undefined || text === '' ? NaN : Number(text);
}

/** The distinct values of a column, in the order they first appear. */
export function distinct(table: CsvTable, column: string): string[] {
  return [...new Set(table.rows.map((r) => r[column]))];
}
