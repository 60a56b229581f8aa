/**
 * How the API server words a rejected field, and the rules every kind shares: names, namespaces,
 * labels and label selectors. Messages follow k8s.io/apimachinery (util/validation,
 * util/validation/field, apis/meta/v1/validation) so that svcsim says what `kubectl apply` says.
 */
import type { Diagnostic } from './diagnostics.js';
import { formatPath } from './diagnostics.js';
import type { FieldPath, LabelSelector, RawObject } from './objects.js';

/** A bad value already written out (a Go struct the API server prints field by field). */
export class Rendered {
  constructor(readonly text: string) {}
}

/**
 * Collects the field errors of one object, with the file and line of the offending node.
 * `linePath` lets an error name a field as the API server does (`metadata.labels`) while the
 * line points at the entry that is wrong (`metadata.labels.tier`).
 */
export class FieldErrors {
  readonly diagnostics: Diagnostic[] = [];
  private readonly objectName: string;

  constructor(private readonly raw: RawObject) {
    this.objectName = `${raw.kind}/${raw.name}`;
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }

  required(path: FieldPath, detail = ''): void {
    this.error(path, detail ? `Required value: ${detail}` : 'Required value');
  }

  invalid(path: FieldPath, value: unknown, detail: string, linePath: FieldPath = path): void {
    this.error(path, `Invalid value: ${renderValue(value)}: ${detail}`, linePath);
  }

  unsupported(path: FieldPath, value: unknown, supported: readonly string[]): void {
    this.error(path, `Unsupported value: ${renderValue(value)}: supported values: ${supported.map(goQuote).join(', ')}`);
  }

  duplicate(path: FieldPath, value: unknown): void {
    this.error(path, `Duplicate value: ${renderValue(value)}`);
  }

  forbidden(path: FieldPath, detail: string, linePath: FieldPath = path): void {
    this.error(path, `Forbidden: ${detail}`, linePath);
  }

  /** An error the API server does not word as an invalid object (an internal error). */
  internal(path: FieldPath, message: string): void {
    this.diagnostics.push({
      severity: 'error', file: this.raw.origin.file, line: this.raw.origin.lineOf(path), object: this.objectName,
      path: formatPath(path), message, plain: true,
    });
  }

  /** What the decoder rejects before validation runs: a value of the wrong YAML type. */
  wrongType(path: FieldPath, value: unknown, expected: string): void {
    const shown = Array.isArray(value) ? 'array' : typeof value === 'object' && value !== null ? 'object' : value;
    this.invalid(path, shown, `must be of type ${expected}`);
  }

  warning(path: FieldPath, message: string): void {
    this.diagnostics.push({ severity: 'warning', file: this.raw.origin.file, line: this.raw.origin.lineOf(path), object: this.objectName, message });
  }

  private error(path: FieldPath, message: string, linePath: FieldPath = path): void {
    this.diagnostics.push({
      severity: 'error', file: this.raw.origin.file, line: this.raw.origin.lineOf(linePath),
      object: this.objectName, path: formatPath(path), message,
    });
  }
}

/**
 * A bad value as the API server prints it: numbers and booleans bare, strings Go-quoted, and
 * (since Kubernetes v1.34) maps and structs as JSON, map keys sorted as Go sorts them.
 */
export function renderValue(value: unknown): string {
  if (value instanceof Rendered) return value.text;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

/** Go's %q for the printable strings YAML gives us. */
export function goQuote(s: string): string {
  const escapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x07': '\\a' };
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (escapes[ch]) out += escapes[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

// --- k8s.io/apimachinery/pkg/util/validation: the reasons, word for word -------------------

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const LABEL_KEY_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${LABEL_KEY_NAME})?`;
const LABEL_KEY_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const whole = (fmt: string) => new RegExp(`^${fmt}$`);
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** The API server's wording; its double space before "or" is reproduced on purpose. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!whole(DNS1123_LABEL).test(value)) {
    errs.push(whole(DNS1123_SUBDOMAIN).test(value)
      ? 'must not contain dots'
      : regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL, 'my-name', '123-abc'));
  }
  return errs;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!whole(DNS1123_SUBDOMAIN).test(value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, 'example.com'));
  }
  return errs;
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!whole(DNS1035_LABEL).test(value)) {
    errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, 'my-name', 'abc-123'));
  }
  return errs;
}

export function isLabelKey(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [`a valid label key ${regexError(LABEL_KEY_NAME_MSG, LABEL_KEY_NAME, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const name = parts.length === 2 ? parts[1] : parts[0];
  if (parts.length === 2) {
    if (parts[0] === '') errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(parts[0]).map((m) => `prefix part ${m}`));
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!whole(LABEL_KEY_NAME).test(name)) errs.push(`name part ${regexError(LABEL_KEY_NAME_MSG, LABEL_KEY_NAME, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** IsQualifiedName (appProtocol, loadBalancerClass): a label key, but named so in its message. */
export function isQualifiedName(value: string): string[] {
  return isLabelKey(value).map((m) => m.replace(/^a valid label key /, 'a qualified name '));
}

export function isLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!whole(LABEL_VALUE).test(value)) {
    errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** An IANA service name, which is what a string targetPort must be. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

// --- shared checks ----------------------------------------------------------------------------

export type NameRule = (name: string) => string[];

export interface MetaInput {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** ValidateObjectMeta: name, namespace, label and annotation keys. */
export function validateObjectMeta(errs: FieldErrors, meta: MetaInput, nameRule: NameRule): void {
  if (meta.name === '') errs.required(['metadata', 'name'], 'name or generateName is required');
  else for (const msg of nameRule(meta.name)) errs.invalid(['metadata', 'name'], meta.name, msg);
  if (meta.namespace !== undefined) {
    for (const msg of isDNS1123Label(meta.namespace)) errs.invalid(['metadata', 'namespace'], meta.namespace, msg);
  }
  validateLabels(errs, meta.labels, ['metadata', 'labels']);
  for (const key of Object.keys(meta.annotations)) {
    // The API server checks annotation keys lower-cased: upper-case letters are allowed there.
    for (const msg of isLabelKey(key.toLowerCase())) errs.invalid(['metadata', 'annotations'], key, msg, ['metadata', 'annotations', key]);
  }
}

/** ValidateLabels: the error names the whole map, as the API server does; the line is the entry's. */
export function validateLabels(errs: FieldErrors, labels: Record<string, string>, path: FieldPath): void {
  for (const [key, value] of Object.entries(labels)) {
    for (const msg of isLabelKey(key)) errs.invalid(path, key, msg, [...path, key]);
    for (const msg of isLabelValue(value)) errs.invalid(path, value, msg, [...path, key]);
  }
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** A label selector as written, before its operators are known to be valid. */
export interface SelectorInput {
  matchLabels: Record<string, string>;
  matchExpressions: Array<{ key: string; operator: string; values: string[] }>;
}

/** ValidateLabelSelector, strict about values as it is for Deployments, ReplicaSets and StatefulSets. */
export function validateLabelSelector(errs: FieldErrors, selector: SelectorInput, path: FieldPath): void {
  validateLabels(errs, selector.matchLabels, [...path, 'matchLabels']);
  selector.matchExpressions.forEach((e, i) => {
    const at = [...path, 'matchExpressions', i];
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (e.values.length === 0) errs.required([...at, 'values'], "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (e.values.length > 0) errs.forbidden([...at, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
      errs.invalid([...at, 'operator'], e.operator, 'not a valid selector operator');
    }
    for (const msg of isLabelKey(e.key)) errs.invalid([...at, 'key'], e.key, msg);
    e.values.forEach((v, j) => {
      for (const msg of isLabelValue(v)) errs.invalid([...at, 'values', j], v, msg);
    });
  });
}

export function isSelectorOperator(op: string): op is LabelSelector['matchExpressions'][number]['operator'] {
  return OPERATORS.includes(op);
}
