import { readFileSync } from 'node:fs';
import { buildTopology } from '../scenario/build-topology.js';
import { formatDiagnostic, formatPath, hasErrors, InputError, type Diagnostic } from '../scenario/diagnostics.js';
import { parseDuration } from '../scenario/durations.js';
import { normalizeObjects } from '../scenario/kubernetes-objects.js';
import type { FieldPath, RawObject } from '../scenario/objects.js';
import { placePods, type Report } from '../scenario/placement.js';
import { parseScenario } from '../scenario/scenario-document.js';
import type { ScenarioDocument } from '../scenario/scenario-schema.js';
import { applyOverrides, expandVariants, SCENARIO } from '../scenario/variants.js';
import { loadYamlFiles } from '../scenario/yaml-source.js';
import type { InputFileInfo, RunResults } from '../stats/results.js';
import { simulateVariant, type VariantRun } from './simulate-variant.js';

export interface RunScenarioOptions {
  /** Overrides spec.seed. */
  seed?: number;
  /** Overrides spec.traffic.requests (and drops spec.traffic.duration). */
  requests?: number;
  /** Overrides spec.traffic.duration, e.g. "60s" (and drops spec.traffic.requests). */
  duration?: string;
  /** Run only the variants of these names. */
  variants?: string[];
  /** Called every 65536 requests sent, and once at the end of each variant. */
  onProgress?: (variant: string, sent: number, total: number | undefined) => void;
  commandLine?: string[];
}

export interface PreparedScenario {
  scenario: ScenarioDocument;
  runs: VariantRun[];
  overrideColumns: string[];
  files: InputFileInfo[];
  diagnostics: Diagnostic[];
}

/**
 * Reads the files and checks everything a run would need, variant by variant, without running.
 * With `requireScenario` false (svcsim validate) a file of Kubernetes objects alone is fine.
 */
export function prepareScenario(paths: string[], options: RunScenarioOptions = {}, requireScenario = true):
  { prepared?: PreparedScenario; diagnostics: Diagnostic[] } {
  const loaded = loadYamlFiles(paths);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const scenarios = loaded.objects.filter((o) => o.kind === 'Scenario' && o.apiVersion.startsWith('svcsim.io/'));
  const base = normalizeObjects(loaded.objects);
  diagnostics.push(...base.diagnostics);
  if (scenarios.length === 0) {
    if (requireScenario && !hasErrors(loaded.diagnostics)) {
      diagnostics.push({ severity: 'error', file: paths.join(', '), message: 'Required value: a document of kind: Scenario (apiVersion: svcsim.io/v1alpha1) saying how to drive the cluster' });
    }
    return { diagnostics: dedupe(diagnostics) };
  }
  if (scenarios.length > 1) {
    for (const s of scenarios.slice(1)) {
      diagnostics.push({ severity: 'error', file: s.origin.file, line: s.origin.lineOf([]), object: `Scenario/${s.name}`, message: 'Duplicate value: only one Scenario document may be given' });
    }
  }
  const scenarioRaw = scenarios[0];
  const parsed = parseScenario(scenarioRaw);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.scenario || hasErrors(diagnostics)) return { diagnostics: dedupe(diagnostics) };
  const scenario = applyCommandLine(parsed.scenario, options);

  const report = scenarioReporter(scenarioRaw, diagnostics);
  const variants = expandVariants(scenario.spec.compare, (path, message) => report('error', path, message));
  const selected = options.variants?.length ? variants.filter((v) => options.variants!.includes(v.name)) : variants;
  if (options.variants?.length && selected.length < options.variants.length) {
    const unknown = options.variants.filter((n) => !variants.some((v) => v.name === n));
    diagnostics.push({ severity: 'error', file: scenarioRaw.origin.file, object: `Scenario/${scenarioRaw.name}`,
      message: `Not found: variant(s) ${unknown.map((n) => JSON.stringify(n)).join(', ')} (variants: ${variants.map((v) => v.name).join(', ')})` });
  }
  const serviceTarget = `Service/${scenario.spec.traffic.service}`;
  const runs: VariantRun[] = [];
  for (const variant of selected) {
    const applied = applyOverrides(loaded.objects, variant.overrides, serviceTarget, scenarioRaw.origin.file);
    diagnostics.push(...applied.diagnostics);
    const objectOverrides = variant.overrides.some((o) => o.target !== SCENARIO);
    const normalized = objectOverrides ? normalizeObjects(applied.objects) : base;
    let variantScenario = scenario;
    if (variant.overrides.some((o) => o.target === SCENARIO)) {
      const own = applied.objects.find((o) => o.kind === 'Scenario' && o.apiVersion.startsWith('svcsim.io/'))!;
      const reparsed = parseScenario(own);
      diagnostics.push(...reparsed.diagnostics.map((d) => ({ ...d, message: `${d.message} (in variant "${variant.name}")` })));
      if (!reparsed.scenario) continue;
      variantScenario = applyCommandLine(reparsed.scenario, options);
    }
    if (objectOverrides) {
      // Only what the overrides changed is news; the base objects' findings are reported once.
      const known = new Set(base.diagnostics.map(formatDiagnostic));
      diagnostics.push(...normalized.diagnostics.filter((d) => !known.has(formatDiagnostic(d)))
        .map((d) => ({ ...d, message: `${d.message} (in variant "${variant.name}")` })));
    }
    if (hasErrors(normalized.diagnostics)) continue;
    const pods = placePods(normalized.objects, variantScenario.spec.placement, report);
    const built = buildTopology(normalized.objects, pods, variantScenario, report);
    if (built) runs.push({ name: variant.name, overrides: variant.values, topology: built.topology, traffic: built.traffic });
  }
  const overrideColumns = [...new Set(variants.flatMap((v) => Object.keys(v.values)))];
  const all = dedupe(diagnostics);
  if (hasErrors(all)) return { diagnostics: all };
  return { prepared: { scenario, runs, overrideColumns, files: loaded.files, diagnostics: all }, diagnostics: all };
}

/** The one entry point shared by the CLI, the tests and the benchmarks. Throws InputError on bad input. */
export function runScenario(paths: string[], options: RunScenarioOptions = {}): RunResults {
  const started = process.hrtime.bigint();
  const { prepared, diagnostics } = prepareScenario(paths, options);
  if (!prepared) throw new InputError(diagnostics);
  const seed = prepared.scenario.spec.seed;
  const variants = prepared.runs.map((run) => {
    const total = run.traffic.requests;
    const result = simulateVariant(run, seed, options.onProgress && ((sent) => options.onProgress!(run.name, sent, total)));
    options.onProgress?.(run.name, result.requests, total);
    return result;
  });
  return {
    scenario: prepared.scenario.metadata.name,
    seed,
    overrideColumns: prepared.overrideColumns,
    variants,
    timeSeriesInterval: prepared.runs[0]?.traffic.timeSeriesInterval,
    meta: {
      version: svcsimVersion(),
      files: prepared.files,
      commandLine: options.commandLine ?? [],
      wallTimeSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    },
  };
}

/** Set by the bundler (scripts/build.mjs); read from package.json when running from source. */
declare const SVCSIM_VERSION: string | undefined;

export function svcsimVersion(): string {
  if (typeof SVCSIM_VERSION === 'string') return SVCSIM_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function applyCommandLine(s: ScenarioDocument, o: RunScenarioOptions): ScenarioDocument {
  const traffic = { ...s.spec.traffic };
  if (o.requests !== undefined) { traffic.requests = o.requests; traffic.duration = undefined; }
  if (o.duration !== undefined) { parseDuration(o.duration); traffic.duration = o.duration; traffic.requests = undefined; }
  return { ...s, spec: { ...s.spec, seed: o.seed ?? s.spec.seed, traffic } };
}

function scenarioReporter(raw: RawObject, out: Diagnostic[]): Report {
  return (severity, path: FieldPath, message, origin) => {
    out.push(origin
      ? { severity, file: origin.file, line: origin.line, object: origin.object, path: formatPath(path), message }
      : { severity, file: raw.origin.file, line: raw.origin.lineOf(path), object: `Scenario/${raw.name}`, path: formatPath(path) || undefined, message });
  };
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => { const k = formatDiagnostic(d); if (seen.has(k)) return false; seen.add(k); return true; });
}
