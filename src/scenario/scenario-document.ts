import { z } from 'zod';
import type { Diagnostic } from './diagnostics.js';
import { formatPath } from './diagnostics.js';
import { closest } from './did-you-mean.js';
import { searchCandidates } from '../model/dns.js';
import { distributionSpec } from './distribution-spec.js';
import type { FieldPath, RawObject } from './objects.js';
import { ScenarioSchema, type DistributionInput, type ScenarioDocument } from './scenario-schema.js';
import { parseObjective } from './slo-text.js';

/** Validates a `kind: Scenario` document against the schema, then checks what a schema cannot. */
export function parseScenario(raw: RawObject): { scenario?: ScenarioDocument; diagnostics: Diagnostic[] } {
  const object = `Scenario/${raw.name || '(unnamed)'}`;
  const at = (path: FieldPath, message: string): Diagnostic => ({
    severity: 'error', file: raw.origin.file, line: raw.origin.lineOf(path), object, path: formatPath(path), message,
  });
  const result = ScenarioSchema.safeParse(raw.value);
  if (!result.success) {
    return { diagnostics: result.error.issues.flatMap((issue) => issueDiagnostics(issue, raw.value, at)) };
  }
  const scenario = result.data;
  const diagnostics: Diagnostic[] = [];
  const checkDistribution = (path: FieldPath, spec: DistributionInput) => {
    try {
      distributionSpec(spec);
    } catch (e) {
      diagnostics.push(at(path, (e as Error).message));
    }
  };
  scenario.spec.pods.forEach((p, i) => checkDistribution(['spec', 'pods', i, 'serviceTime'], p.serviceTime));
  for (const [k, v] of Object.entries(scenario.spec.network)) checkDistribution(['spec', 'network', k], v);
  const { externalName: ext, headless } = scenario.spec;
  if (ext) {
    checkDistribution(['spec', 'externalName', 'dns', 'latency'], ext.dns.latency);
    checkDistribution(['spec', 'externalName', 'dns', 'upstreamLatency'], ext.dns.upstreamLatency);
    checkDistribution(['spec', 'externalName', 'target', 'latency'], ext.target.latency);
    checkDnsNames(['spec', 'externalName'], ext.name, ext.dns.nodeSearchDomains, (path, m) => diagnostics.push(at(path, m)));
  }
  if (headless) {
    checkDistribution(['spec', 'headless', 'dns', 'latency'], headless.dns.latency);
    checkDistribution(['spec', 'headless', 'dns', 'upstreamLatency'], headless.dns.upstreamLatency);
    checkDnsNames(['spec', 'headless'], headless.name, headless.dns.nodeSearchDomains, (path, m) => diagnostics.push(at(path, m)));
  }
  const perConnection = scenario.spec.clients.requestsPerConnection;
  if (typeof perConnection === 'object' && 'uniform' in perConnection && perConnection.uniform.min > perConnection.uniform.max) {
    const { min, max } = perConnection.uniform;
    diagnostics.push(at(['spec', 'clients', 'requestsPerConnection', 'uniform'], `Invalid value: min ${min} is above max ${max}`));
  }
  scenario.spec.slo.forEach((text, i) => {
    const parsed = parseObjective(text);
    if ('problem' in parsed) diagnostics.push(at(['spec', 'slo', i], `Invalid value: ${JSON.stringify(text)}: ${parsed.problem}`));
  });
  const t = scenario.spec.traffic;
  if (t.requests === undefined && t.duration === undefined) {
    diagnostics.push(at(['spec', 'traffic'], 'Required value: one of requests or duration'));
  }
  scenario.spec.timeline.forEach((e, i) => {
    // An evenly spaced arrival waits 1 / rate: at a rate of 0 the next one never comes.
    if (t.arrival === 'deterministic' && e.load?.diurnal?.min === 0) {
      diagnostics.push(at(['spec', 'timeline', i, 'load', 'diurnal', 'min'],
        'Invalid value: 0: must be greater than 0 with arrival: deterministic (evenly spaced arrivals at a rate of 0 never come)'));
    }
  });
  return { scenario, diagnostics };
}

/** The name clients look up and the node's search domains, as the pods' resolver reads them. */
function checkDnsNames(base: FieldPath, name: string | undefined, domains: readonly string[],
  problem: (path: FieldPath, message: string) => void): void {
  const empty = (what: string) => `must be a DNS ${what} without empty labels (nothing between two dots)`;
  if (name !== undefined && invalidName(() => searchCandidates(name, { ndots: 0, searchDomains: [] }))) {
    problem([...base, 'name'], `Invalid value: ${JSON.stringify(name)}: ${empty('name')}`);
  }
  domains.forEach((d, i) => {
    if (invalidName(() => searchCandidates('a', { ndots: 1, searchDomains: [d] }))) {
      problem([...base, 'dns', 'nodeSearchDomains', i], `Invalid value: ${JSON.stringify(d)}: ${empty('domain')}`);
    }
  });
}

function invalidName(resolve: () => unknown): boolean {
  try {
    resolve();
    return false;
  } catch {
    return true;
  }
}

type At = (path: FieldPath, message: string) => Diagnostic;

function issueDiagnostics(issue: z.core.$ZodIssue, value: unknown, at: At): Diagnostic[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const hint = closest(key, allowedKeys(path));
        return at([...path, key], `unknown field "${key}"${hint ? `; did you mean "${hint}"?` : ''}`);
      });
    case 'invalid_union': {
      // Report the branch that fits the value's shape: an object's field errors, not "expected string".
      const actual = valueAt(value, path);
      if (actual === undefined) return [at(path, 'Required value')];
      const branch = issue.errors.find((errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0))
        ?? (typeof actual === 'object' ? issue.errors[issue.errors.length - 1] : issue.errors[0]);
      if (!branch || branch.length === 0) return [at(path, issue.message)];
      return branch.flatMap((e) => issueDiagnostics({ ...e, path: [...path, ...e.path] } as z.core.$ZodIssue, value, at));
    }
    case 'invalid_type': {
      const actual = valueAt(value, path);
      if (actual === undefined) return [at(path, 'Required value')];
      return [at(path, `Invalid value: ${JSON.stringify(actual)}: must be ${describeType(issue.expected)}`)];
    }
    case 'invalid_value': {
      const actual = valueAt(value, path);
      if (actual === undefined) return [at(path, 'Required value')];
      const allowed = issue.values.map((v) => JSON.stringify(v));
      return [at(path, `Unsupported value: ${JSON.stringify(actual)}: supported values: ${allowed.join(', ')}`)];
    }
    case 'too_big': {
      const actual = valueAt(value, path);
      const op = issue.inclusive ? 'less than or equal to' : 'less than';
      return [at(path, Array.isArray(actual)
        ? `Invalid value: must have at most ${issue.maximum} item(s)`
        : `Invalid value: ${JSON.stringify(actual)}: must be ${op} ${issue.maximum}`)];
    }
    case 'too_small': {
      const actual = valueAt(value, path);
      const what = Array.isArray(actual) ? 'must have at least' : 'must be';
      const op = issue.inclusive ? 'greater than or equal to' : 'greater than';
      return [at(path, Array.isArray(actual)
        ? `Invalid value: ${what} ${issue.minimum} item(s)`
        : `Invalid value: ${JSON.stringify(actual)}: ${what} ${op} ${issue.minimum}`)];
    }
    default: {
      const actual = valueAt(value, path);
      return [at(path, `Invalid value: ${JSON.stringify(actual)}: ${issue.message}`)];
    }
  }
}

function describeType(expected: string): string {
  if (expected === 'number' || expected === 'int') return 'a number';
  if (expected === 'object' || expected === 'record') return 'a mapping';
  if (expected === 'array') return 'a list';
  return `a ${expected}`;
}

function valueAt(value: unknown, path: FieldPath): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** Field names the schema allows at a path, for did-you-mean hints. */
function allowedKeys(path: FieldPath): string[] {
  let schemas: z.ZodType[] = [ScenarioSchema];
  for (const p of path) schemas = schemas.flatMap((s) => child(unwrap(s), p));
  return schemas.flatMap((s) => unwrap(s)).flatMap((s) => (s instanceof z.ZodObject ? Object.keys(s.shape) : []));
}

function unwrap(s: z.ZodType): z.ZodType[] {
  if (s instanceof z.ZodOptional || s instanceof z.ZodDefault) return unwrap(s.unwrap() as z.ZodType);
  if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).flatMap(unwrap);
  return [s];
}

function child(schemas: z.ZodType[], key: string | number): z.ZodType[] {
  return schemas.flatMap((s) => {
    if (s instanceof z.ZodObject) return typeof key === 'string' && key in s.shape ? [s.shape[key] as z.ZodType] : [];
    if (s instanceof z.ZodArray) return [s.element as z.ZodType];
    if (s instanceof z.ZodRecord) return [s.valueType as z.ZodType];
    return [];
  });
}
