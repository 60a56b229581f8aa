import { z } from 'zod';
import type { Uniform } from '../engine/random.js';
import type { Diagnostic } from './diagnostics.js';
import { formatPath } from './diagnostics.js';
import { closest } from './did-you-mean.js';
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
  const ext = scenario.spec.externalName;
  if (ext) {
    checkDistribution(['spec', 'externalName', 'dns', 'latency'], ext.dns.latency);
    checkDistribution(['spec', 'externalName', 'dns', 'upstreamLatency'], ext.dns.upstreamLatency);
    checkDistribution(['spec', 'externalName', 'target', 'latency'], ext.target.latency);
  }
  scenario.spec.slo.forEach((text, i) => {
    const parsed = parseObjective(text);
    if ('problem' in parsed) diagnostics.push(at(['spec', 'slo', i], `Invalid value: ${JSON.stringify(text)}: ${parsed.problem}`));
  });
  const t = scenario.spec.traffic;
  if (t.requests === undefined && t.duration === undefined) {
    diagnostics.push(at(['spec', 'traffic'], 'Required value: one of requests or duration'));
  }
  return { scenario, diagnostics };
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
