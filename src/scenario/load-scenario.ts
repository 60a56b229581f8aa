import type { Topology, TrafficSpec } from '../model/topology.js';
import type { Objective } from '../stats/results.js';
import { buildTopology } from './build-topology.js';
import { identicalCompareValues } from './compare-check.js';
import { expandRanges } from './compare-ranges.js';
import { checkEntryFields } from './entry-fields.js';
import { formatDiagnostic, formatPath, hasErrors, InputError, type Diagnostic } from './diagnostics.js';
import { parseDuration } from './durations.js';
import { readInputFile } from './input-files.js';
import { normalizeObjects } from './kubernetes-objects.js';
import { NO_RUN_LIMITS, RUN_LIMITS } from './limits.js';
import type { FieldPath, RawObject } from './objects.js';
import { placePods, type Report } from './placement.js';
import { checkInputSize, checkRunCost, checkVariantCost, checkVariantCount, type CostedVariant } from './preflight.js';
import { parseScenario } from './scenario-document.js';
import { distinctObjectives, parseObjective } from './slo-text.js';
import type { ScenarioDocument } from './scenario-schema.js';
import {
  applyOverrides, expandVariants, findTarget, namespaceOf, OVERRIDE_KEY_FORM, parseOverrideKey, SCENARIO, trafficNamespace, type Override,
} from './variants.js';
import { parseYamlText, type YamlSource } from './yaml-source.js';

/** A YAML input as text, named as errors should name it. */
export interface SourceText {
  file: string;
  text: string;
}

/** What the command line may change in a Scenario. */
export interface ScenarioOptions {
  /** Overrides spec.seed. */
  seed?: number;
  /** Overrides spec.traffic.requests (and drops spec.traffic.duration). */
  requests?: number;
  /** Overrides spec.traffic.duration, e.g. "60s" (and drops spec.traffic.requests). */
  duration?: string;
  /** Keep only the variants of these names. */
  variants?: string[];
  /** Lift the pre-flight's run limits (limits.ts): the user means a run that large. */
  allowLarge?: boolean;
  /** Overrides spec.replications. */
  replications?: number;
  /** Replace spec.slo. */
  slo?: Objective[];
  /** Overrides spec.traffic.rate (requests per second). */
  rate?: number;
  /**
   * A field every variant takes on top of its compare values (the planner's candidate value):
   * `key` as a compare key ("Deployment/web:spec.replicas"), `option` naming where it came from.
   */
  set?: { key: string; value: number; option: string };
}

/** One variant to run: plain data, resolved and checked, nothing left to look up (it can be posted to a worker). */
export interface Variant {
  name: string;
  /** The compared fields' values, by column name. */
  overrides: Record<string, string>;
  topology: Topology;
  traffic: TrafficSpec;
}

/** A checked Scenario, ready to run. */
export interface Scenario {
  name: string;
  seed: number;
  /** Independent runs of every variant (1: one run, as without replications). */
  replications: number;
  /** Service-level objectives every variant is judged on, in order; none: no verdicts. */
  objectives: Objective[];
  variants: Variant[];
  /** Column names of the overridden fields, in order. */
  overrideColumns: string[];
  /** The inputs, with their hashes (for run.json). */
  files: Array<{ path: string; sha256: string }>;
  /** Warnings found while checking. */
  diagnostics: Diagnostic[];
}

/** Reads and checks the files. Throws InputError naming file, line and field on bad input. */
export function loadScenario(paths: string[], options: ScenarioOptions = {}): Scenario {
  const { scenario, diagnostics } = checkScenario(readSources(paths), options);
  if (!scenario) throw new InputError(diagnostics);
  return scenario;
}

/** The same from YAML text in memory (tests, tools): nothing is read. */
export function scenarioFromYaml(text: string, options: ScenarioOptions = {}, file = 'scenario.yaml'): Scenario {
  const { scenario, diagnostics } = checkScenario({ sources: [{ file, text }], diagnostics: [] }, options);
  if (!scenario) throw new InputError(diagnostics);
  return scenario;
}

/** Reads the files' text; a file that cannot be read is an error naming it. */
export function readSources(paths: string[]): { sources: SourceText[]; diagnostics: Diagnostic[] } {
  const sources: SourceText[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of paths) {
    try {
      sources.push({ file, text: readInputFile(file).toString('utf8') });
    } catch (e) {
      diagnostics.push({ severity: 'error', file, message: `cannot read file: ${(e as Error).message}` });
    }
  }
  return { sources, diagnostics };
}

/**
 * Checks everything a run would need, variant by variant, without running: what `validate`
 * and `run` both do. With `requireScenario` false (svcsim validate) a file of Kubernetes objects
 * alone is fine. An internal limit met on the way (the call stack, an allocation) is an error
 * naming the input, never a crash.
 */
export function checkScenario(input: { sources: SourceText[]; diagnostics: Diagnostic[] }, options: ScenarioOptions = {},
  requireScenario = true): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  try {
    return checkSources(input, options, requireScenario);
  } catch (e) {
    if (!(e instanceof RangeError) || !/call stack|allocation|array length|Invalid (typed )?array/i.test(e.message)) throw e;
    const file = input.sources.map((s) => s.file).join(', ');
    return { diagnostics: [...input.diagnostics, { severity: 'error', file, message: `too large or too deeply nested for svcsim to check (${e.message})` }] };
  }
}

function checkSources(input: { sources: SourceText[]; diagnostics: Diagnostic[] }, options: ScenarioOptions,
  requireScenario: boolean): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  const limits = options.allowLarge ? NO_RUN_LIMITS : RUN_LIMITS;
  const loaded: YamlSource = { objects: [], diagnostics: [...input.diagnostics], files: [] };
  for (const s of input.sources) {
    const parsed = parseYamlText(s.text, s.file);
    loaded.objects.push(...parsed.objects);
    loaded.diagnostics.push(...parsed.diagnostics);
    loaded.files.push(...parsed.files);
  }
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const scenarios = loaded.objects.filter((o) => o.kind === 'Scenario' && o.apiVersion.startsWith('svcsim.io/'));
  const base = normalizeObjects(loaded.objects);
  diagnostics.push(...base.diagnostics);
  if (scenarios.length === 0) {
    if (requireScenario && !hasErrors(loaded.diagnostics)) {
      diagnostics.push({ severity: 'error', file: input.sources.map((s) => s.file).join(', '), message: 'Required value: a document of kind: Scenario (apiVersion: svcsim.io/v1alpha1) saying how to drive the cluster' });
    }
    return { diagnostics: dedupe(diagnostics) };
  }
  for (const s of scenarios.slice(1)) {
    diagnostics.push({ severity: 'error', file: s.origin.file, line: s.origin.lineOf([]), object: `Scenario/${s.name}`, message: 'Duplicate value: only one Scenario document may be given' });
  }
  const scenarioRaw = scenarios[0];
  const parsed = parseScenario(scenarioRaw);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.scenario || hasErrors(diagnostics)) return { diagnostics: dedupe(diagnostics) };
  const document = applyOptions(parsed.scenario, options);

  const report = scenarioReporter(scenarioRaw, diagnostics);
  const compare = expandRanges(document.spec.compare, limits, report);
  if (!compare || !checkVariantCount(compare, limits, report)) return { diagnostics: dedupe(diagnostics) };
  const all = expandVariants(compare, (path, message) => report('error', path, message));
  const namespace = trafficNamespace(loaded.objects, document.spec.traffic.service, document.spec.traffic.namespace);
  const set = options.set && setOverride(options.set, loaded.objects, namespace, scenarioRaw, document.spec.compare, diagnostics);
  if (options.set && !set) return { diagnostics: dedupe(diagnostics) };
  const chosen = options.variants?.length ? all.filter((v) => options.variants!.includes(v.name)) : all;
  const selected = set ? chosen.map((v) => ({ ...v, overrides: [...v.overrides, set] })) : chosen;
  const unknown = (options.variants ?? []).filter((n) => !all.some((v) => v.name === n));
  if (unknown.length > 0) {
    diagnostics.push({ severity: 'error', file: scenarioRaw.origin.file, object: `Scenario/${scenarioRaw.name}`,
      message: `Not found: variant(s) ${unknown.map((n) => JSON.stringify(n)).join(', ')} (variants: ${all.map((v) => v.name).join(', ')})` });
  }
  const serviceTarget = `Service/${document.spec.traffic.service}`;
  const variants: Variant[] = [];
  const perVariant: Array<{ name: string; findings: Diagnostic[] }> = [];
  let placementAt: number | undefined;
  const costed: CostedVariant[] = [];
  const from = { requests: options.requests !== undefined, duration: options.duration !== undefined };
  for (const variant of selected) {
    const applied = applyOverrides(loaded.objects, variant.overrides, serviceTarget, namespace, scenarioRaw);
    diagnostics.push(...applied.diagnostics);
    const objectOverrides = variant.overrides.some((o) => o.target !== SCENARIO);
    const normalized = objectOverrides ? normalizeObjects(applied.objects) : base;
    let variantDocument = document;
    let raw = scenarioRaw;
    if (variant.overrides.some((o) => o.target === SCENARIO)) {
      const own = applied.objects.find((o) => o.kind === 'Scenario' && o.apiVersion.startsWith('svcsim.io/'))!;
      raw = own;
      const reparsed = parseScenario(own);
      diagnostics.push(...reparsed.diagnostics.map((d) => ({ ...d, message: `${d.message} (in variant "${variant.name}")` })));
      if (!reparsed.scenario) continue;
      variantDocument = applyOptions(reparsed.scenario, options);
    }
    if (objectOverrides) {
      // Only what the overrides changed is news; the base objects' findings are reported once.
      const known = new Set(base.diagnostics.map(formatDiagnostic));
      diagnostics.push(...normalized.diagnostics.filter((d) => !known.has(formatDiagnostic(d)))
        .map((d) => ({ ...d, message: `${d.message} (in variant "${variant.name}")` })));
    }
    if (hasErrors(normalized.diagnostics)) continue;
    if (!checkInputSize(normalized.objects, variantDocument.spec, limits, report)) continue;
    const placementFindings: Diagnostic[] = [];
    const placement = placePods(normalized.objects, variantDocument.spec.placement, scenarioReporter(raw, placementFindings));
    // Said where the first variant's placement would have said it, once every variant is placed.
    placementAt ??= diagnostics.length;
    perVariant.push({ name: variant.name, findings: placementFindings });
    const built = buildTopology(normalized.objects, placement.pods, variantDocument, report, placement.pending);
    if (!built) continue;
    const before = diagnostics.length;
    checkEntryFields((raw.value as { spec?: unknown }).spec, built.topology, (path, message) => report('error', path, message));
    if (diagnostics.length > before) continue;
    const cost = checkVariantCost(built.topology, built.traffic, variantDocument.spec, from, report);
    if (!cost) continue;
    costed.push({ name: variant.name, traffic: built.traffic, cost, spec: variantDocument.spec, objects: normalized.objects });
    variants.push({ name: variant.name, overrides: variant.values, topology: built.topology, traffic: built.traffic });
  }
  diagnostics.splice(placementAt ?? diagnostics.length, 0, ...mergeVariantFindings(perVariant));
  const keys = Object.keys(document.spec.compare ?? {});
  if (!hasErrors(diagnostics) && all[0].overrides.length === keys.length) {
    const columns = all[0].overrides.map((o) => o.column);
    for (const { key, message } of identicalCompareValues(keys, columns, variants)) report('error', ['spec', 'compare', key], message);
  }
  if (costed.length > 0 && !hasErrors(diagnostics)) checkRunCost(costed, limits, from, report);
  const found = dedupe(diagnostics);
  if (hasErrors(found)) return { diagnostics: found };
  return {
    scenario: {
      name: document.metadata.name,
      seed: document.spec.seed,
      replications: document.spec.replications,
      // parseScenario has refused every spec.slo entry that is not an objective.
      objectives: distinctObjectives(options.slo ?? document.spec.slo.map((text) => parseObjective(text) as Objective)),
      variants,
      overrideColumns: [...new Set(all.flatMap((v) => Object.keys(v.values)))],
      files: loaded.files,
      diagnostics: found,
    },
    diagnostics: found,
  };
}

/** The override of ScenarioOptions.set, or undefined when its key is malformed, compared already or names no object (reported). */
function setOverride(set: NonNullable<ScenarioOptions['set']>, objects: readonly RawObject[], namespace: string | undefined, scenario: RawObject,
  compare: ScenarioDocument['spec']['compare'], out: Diagnostic[]): Override | undefined {
  const refuse = (message: string) => {
    out.push({ severity: 'error', file: scenario.origin.file, message: `${set.option} ${set.key}: ${message}` });
    return undefined;
  };
  const parsed = parseOverrideKey(set.key);
  if (!parsed) return refuse(`Invalid value: ${OVERRIDE_KEY_FORM}`);
  if (Object.keys(compare ?? {}).includes(set.key)) return refuse(`Invalid value: spec.compare compares this field already; take it out of spec.compare`);
  const target = parsed.target ?? 'Service';
  let varied: RawObject | undefined;
  if (parsed.target !== undefined && parsed.target !== SCENARIO) {
    const found = findTarget(objects, parsed.target, namespace);
    if ('missing' in found) {
      return refuse(`Not found: ${found.missing === target ? `${target} (no such object in the input)` : found.missing}${found.hint ? `; ${found.hint}` : ''}`);
    }
    varied = objects[found.index];
  }
  // An autoscaler would change the replicas the planner sets: the answer would be the autoscaler's.
  const ref = (o: RawObject) => (o.value.spec as { scaleTargetRef?: { kind?: unknown; name?: unknown } } | undefined)?.scaleTargetRef;
  const scaler = varied && parsed.path.join('.') === 'spec.replicas' ? objects.find((o) => o.kind === 'HorizontalPodAutoscaler'
    && namespaceOf(o) === namespaceOf(varied) && ref(o)?.kind === varied.kind && ref(o)?.name === varied.name) : undefined;
  if (scaler) return refuse(`Invalid value: HorizontalPodAutoscaler/${scaler.name} scales ${parsed.target}, so its replicas are the autoscaler's; plan without the autoscaler`);
  return { ...parsed, value: set.value, column: String([...parsed.path].reverse().find((p) => typeof p === 'string')) };
}

function applyOptions(s: ScenarioDocument, o: ScenarioOptions): ScenarioDocument {
  const traffic = { ...s.spec.traffic, rate: o.rate ?? s.spec.traffic.rate };
  if (o.requests !== undefined) { traffic.requests = o.requests; traffic.duration = undefined; }
  if (o.duration !== undefined) { parseDuration(o.duration); traffic.duration = o.duration; traffic.requests = undefined; }
  return { ...s, spec: { ...s.spec, seed: o.seed ?? s.spec.seed, replications: o.replications ?? s.spec.replications, traffic } };
}

function scenarioReporter(raw: RawObject, out: Diagnostic[]): Report {
  return (severity, path: FieldPath, message, origin) => {
    // A report about a Kubernetes object is a check of svcsim's own, of an object the API server accepts.
    out.push(origin
      ? { severity, file: origin.file, line: origin.line, object: origin.object, path: formatPath(path), message, plain: true }
      : { severity, file: raw.origin.file, line: raw.origin.lineOf(path), object: `Scenario/${raw.name}`, path: formatPath(path) || undefined, message });
  };
}

/** What every variant found is said once; what only some found names them. */
function mergeVariantFindings(perVariant: ReadonlyArray<{ name: string; findings: Diagnostic[] }>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { name, findings } of perVariant) {
    for (const d of findings) {
      const text = formatDiagnostic(d);
      const everywhere = perVariant.every((v) => v.findings.some((f) => formatDiagnostic(f) === text));
      if (everywhere && seen.has(text)) continue;
      seen.add(text);
      out.push(everywhere ? d : { ...d, message: `${d.message} (in variant "${name}")` });
    }
  }
  return out;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => { const k = formatDiagnostic(d); if (seen.has(k)) return false; seen.add(k); return true; });
}
