import { formatPath, type Diagnostic } from './diagnostics.js';
import type { FieldPath, RawObject } from './objects.js';

export interface Override {
  /** "Kind/name", or undefined for the traffic's Service. */
  target?: string;
  path: Array<string | number>;
  value: string | number | boolean;
  column: string;
}

export interface Variant {
  name: string;
  overrides: Override[];
  /** column -> value as text, for the CSV. */
  values: Record<string, string>;
}

/** The target of compare keys that vary the Scenario itself ("Scenario:spec.kubeProxy.mode"). */
export const SCENARIO = 'Scenario';

/** Parses "spec.ports[0].port" into ["spec", "ports", 0, "port"]; undefined if malformed. */
export function parseFieldPath(text: string): Array<string | number> | undefined {
  const out: Array<string | number> = [];
  for (const part of text.split('.')) {
    const m = /^([A-Za-z_][\w-]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

export const OVERRIDE_KEY_FORM = 'must be a field path like "spec.externalTrafficPolicy", "Deployment/web:spec.replicas" (or "Deployment/<namespace>/web:spec.replicas") or "Scenario:spec.loadBalancer.model"';

/** A compare key (or --vary's) read: "Kind/name:spec.field" -> target and path; undefined if malformed. */
export function parseOverrideKey(key: string): { target?: string; path: Array<string | number> } | undefined {
  const colon = key.indexOf(':');
  const target = colon >= 0 ? key.slice(0, colon) : undefined;
  const path = parseFieldPath(colon >= 0 ? key.slice(colon + 1) : key);
  if (!path || (target !== undefined && target !== SCENARIO && !/^[A-Za-z]+\/(?:[a-z0-9-]+\/)?[a-z0-9.-]+$/.test(target))) return undefined;
  return { target, path };
}

/**
 * Every combination of the `compare` values is a variant, in the order written (the first key
 * varies slowest). Keys are "spec.field" (on the traffic's Service) or "Kind/name:spec.field".
 */
export function expandVariants(compare: Record<string, Array<string | number | boolean>> | undefined,
  report: (path: FieldPath, message: string) => void): Variant[] {
  const entries = Object.entries(compare ?? {});
  if (entries.length === 0) return [{ name: 'baseline', overrides: [], values: {} }];
  const axes: Array<{ target?: string; path: Array<string | number>; column: string; values: Array<string | number | boolean> }> = [];
  const columns = new Set<string>();
  for (const [key, values] of entries) {
    const parsed = parseOverrideKey(key);
    if (!parsed) {
      report(['spec', 'compare', key], `Invalid value: ${OVERRIDE_KEY_FORM}`);
      continue;
    }
    const { target, path } = parsed;
    if (target === SCENARIO && path.length === 2 && path[0] === 'spec' && path[1] === 'seed') {
      // Every variant runs on the scenario's one seed (that is what pairs them): the rows would be identical.
      report(['spec', 'compare', key], 'Forbidden: variants all run on the same random streams, so seeds cannot be compared: '
        + 'spec.replications (or --replications) gives independent runs; run svcsim with --seed for one other seed');
      continue;
    }
    if (target === SCENARIO && path.length === 2 && path[0] === 'spec' && (path[1] === 'replications' || path[1] === 'slo')) {
      // A study runs every variant as often and judges it by the same objectives: they are not a variant's.
      report(['spec', 'compare', key], `Forbidden: spec.${path[1]} applies to every variant of a study; `
        + `set it once (or --${path[1]} on the command line)`);
      continue;
    }
    let column = String([...path].reverse().find((p) => typeof p === 'string'));
    if (columns.has(column)) column = key;
    columns.add(column);
    axes.push({ target, path, column, values });
  }
  let variants: Variant[] = [{ name: '', overrides: [], values: {} }];
  for (const axis of axes) {
    variants = variants.flatMap((v) => axis.values.map((value) => ({
      name: v.name,
      overrides: [...v.overrides, { target: axis.target, path: axis.path, value, column: axis.column }],
      values: { ...v.values, [axis.column]: String(value) },
    })));
  }
  for (const v of variants) {
    // A word names itself ("Local"); a number, a duration or a boolean needs its field ("replicas=4").
    const label = (o: Override) => (typeof o.value === 'string' && !/^[\d.]/.test(o.value) ? o.value : `${o.column}=${o.value}`);
    v.name = axes.length === 1 ? String(v.overrides[0].value) : v.overrides.map(label).join(',');
  }
  return variants;
}

/** Kinds svcsim reads that have no namespace. */
const CLUSTER_SCOPED = new Set(['Node']);

/** The namespace an object is in: metadata.namespace, or "default" where the API server would put it. */
export function namespaceOf(r: RawObject): string {
  const ns = (r.value.metadata as { namespace?: unknown } | undefined)?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}

/**
 * The namespace of the traffic's Service: spec.traffic.namespace, else that of the one Service of
 * that name; undefined when several have it (build-topology reports that) or none does.
 */
export function trafficNamespace(objects: readonly RawObject[], service: string, namespace: string | undefined): string | undefined {
  if (namespace !== undefined) return namespace;
  const named = objects.filter((r) => r.kind === 'Service' && r.name === service && !r.apiVersion.startsWith('svcsim.io/'));
  return named.length === 1 ? namespaceOf(named[0]) : undefined;
}

/**
 * The object a compare key names, or what is missing. "Kind/namespace/name" names one outright.
 * "Kind/name" names the one object of that kind and name; when several namespaces have one, the
 * one in the traffic's namespace (`namespace`), as kubectl would without -n. A Node has no namespace.
 */
export function findTarget(objects: readonly RawObject[], target: string, namespace: string | undefined):
  { index: number } | { missing: string; hint?: string } {
  const [kind, ...rest] = target.split('/');
  const name = rest[rest.length - 1];
  const inNamespace = rest.length === 2 ? rest[0] : undefined;
  const named = objects.flatMap((r, i) => (r.kind === kind && r.name === name && !r.apiVersion.startsWith('svcsim.io/')
    && (inNamespace === undefined || CLUSTER_SCOPED.has(kind) || namespaceOf(r) === inNamespace) ? [i] : []));
  if (named.length === 0) return { missing: target };
  if (named.length === 1 || CLUSTER_SCOPED.has(kind)) return { index: named[0] };
  const here = named.find((i) => namespaceOf(objects[i]) === namespace);
  if (here !== undefined) return { index: here };
  const where = named.map((i) => `"${namespaceOf(objects[i])}"`).join(', ');
  return {
    missing: `${target} in ${namespace === undefined ? 'the traffic\'s namespace' : `namespace "${namespace}", the traffic's`}`,
    hint: `namespaces ${where} each have one: name it as ${kind}/<namespace>/${name}`,
  };
}

/**
 * Applies a variant's overrides to copies of the objects they target; other objects are shared.
 * `serviceTarget` is "Service/<name>" of the traffic's Service, in `namespace` (see findTarget).
 */
export function applyOverrides(objects: readonly RawObject[], overrides: readonly Override[], serviceTarget: string,
  namespace: string | undefined, scenario: RawObject): { objects: RawObject[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out = [...objects];
  for (const o of overrides) {
    const target = o.target ?? serviceTarget;
    const found = target === SCENARIO
      ? { index: out.findIndex((r) => r.kind === 'Scenario' && r.apiVersion.startsWith('svcsim.io/')) }
      : findTarget(out, target, namespace);
    if ('missing' in found || found.index < 0) {
      const key: FieldPath = ['spec', 'compare', `${o.target === undefined ? '' : `${o.target}:`}${formatPath(o.path)}`];
      diagnostics.push({ severity: 'error', file: scenario.origin.file, line: scenario.origin.lineOf(key), object: `Scenario/${scenario.name}`,
        path: formatPath(key),
        message: `Not found: ${'missing' in found ? found.missing : target} (the object a compare key overrides)${'hint' in found && found.hint ? `; ${found.hint}` : ''}` });
      continue;
    }
    const i = found.index;
    const value = structuredClone(out[i].value);
    let node: Record<string | number, unknown> = value;
    for (let k = 0; k < o.path.length - 1; k++) {
      const key = o.path[k];
      if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof o.path[k + 1] === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    }
    node[o.path[o.path.length - 1]] = o.value;
    out[i] = { ...out[i], value };
  }
  return { objects: out, diagnostics };
}
