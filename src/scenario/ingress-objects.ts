/**
 * networking.k8s.io/v1 Ingress, taken in as the API server takes it: decoded (kubernetes-objects.ts
 * dispatches here), validated with the messages of pkg/apis/networking/validation ValidateIngressCreate
 * (a v1.34 API server: no defaults apply to an Ingress, pathType included), then normalized to an
 * IngressObject. Paths and default backends that name a `resource` are valid but dropped, with a
 * warning: svcsim routes only to Services.
 */
import type { Decoded, Decoder } from './decoder.js';
import { isValidIP } from './ip-addresses.js';
import {
  FieldErrors, isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, maxLenError, regexError, validateObjectMeta,
  type MetaInput,
} from './metadata-validation.js';
import type {
  FieldPath, IngressObject, IngressPathObject, IngressPathType, IngressRuleObject, IngressServiceBackend, ObjectMeta, RawObject,
} from './objects.js';

/** A backend as written: `service` and `resource` are each absent unless given. */
interface BackendInput {
  at: FieldPath;
  service?: { name: string; portName: string; portNumber: number };
  resource?: { apiGroup?: string; kind: string; name: string };
}

interface PathInput {
  at: FieldPath;
  path: string;
  pathType?: string;
  backend: BackendInput;
}

interface RuleInput {
  at: FieldPath;
  host: string;
  /** undefined when the rule has no `http`. */
  paths?: PathInput[];
}

/** An Ingress spec as written; nothing defaulted, strings not yet checked. */
export interface IngressSpecInput {
  /** undefined when `rules` is left out: the API server then prints the value as null, not []. */
  rules?: RuleInput[];
  defaultBackend?: BackendInput;
  tls: Array<{ hosts: string[]; secretName: string }>;
  ingressClassName?: string;
}

// The API server lists supported values sorted.
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export function decodeIngress(r: RawObject, d: Decoder, { meta, input }: { meta: ObjectMeta; input: MetaInput }): Decoded {
  d.object(['spec']);
  const rules = d.array(['spec', 'rules'])?.map((_, i): RuleInput => {
    const at = ['spec', 'rules', i];
    d.object(at);
    const http = d.object([...at, 'http']);
    const paths = d.array([...at, 'http', 'paths'])?.map((__, j) => decodePath(d, [...at, 'http', 'paths', j]));
    return { at, host: d.string([...at, 'host']) ?? '', paths: http ? paths ?? [] : undefined };
  });
  const spec: IngressSpecInput = {
    rules,
    defaultBackend: d.object(['spec', 'defaultBackend']) ? decodeBackend(d, ['spec', 'defaultBackend']) : undefined,
    tls: (d.array(['spec', 'tls']) ?? []).map((_, i) => {
      const at = ['spec', 'tls', i];
      d.object(at);
      return { hosts: d.stringList([...at, 'hosts']), secretName: d.string([...at, 'secretName']) ?? '' };
    }),
    ingressClassName: d.string(['spec', 'ingressClassName']),
  };

  const object: IngressObject = {
    kind: 'Ingress', meta,
    ...(spec.ingressClassName !== undefined ? { ingressClassName: spec.ingressClassName } : {}),
    ...(spec.defaultBackend?.service ? { defaultBackend: { service: serviceBackend(spec.defaultBackend) } } : {}),
    rules: (spec.rules ?? []).map((rule): IngressRuleObject => ({
      // The API's "no host" is the empty string.
      ...(rule.host !== '' ? { host: rule.host } : {}),
      paths: (rule.paths ?? []).flatMap((p): IngressPathObject[] => (p.backend.service
        ? [{ path: p.path, pathType: p.pathType as IngressPathType, backend: { service: serviceBackend(p.backend) } }]
        : [])),
    })),
    ...(d.get(['spec', 'tls']) !== undefined
      ? { tls: spec.tls.map((t) => ({ hosts: t.hosts, ...(t.secretName !== '' ? { secretName: t.secretName } : {}) })) }
      : {}),
    origin: r.origin,
  };
  return {
    object,
    validate: () => {
      validateIngress(d.errs, input, spec);
      if (d.errs.errorCount === 0) warnResourceBackends(d.errs, spec);
    },
  };
}

function decodePath(d: Decoder, at: FieldPath): PathInput {
  d.object(at);
  const path = d.string([...at, 'path']) ?? '';
  const pathType = d.string([...at, 'pathType']);
  // HTTPIngressPath.backend is a struct, not a pointer: left out, it is a backend with nothing set.
  d.object([...at, 'backend']);
  return { at, path, pathType, backend: decodeBackend(d, [...at, 'backend']) };
}

function decodeBackend(d: Decoder, at: FieldPath): BackendInput {
  const backend: BackendInput = { at };
  if (d.object([...at, 'service'])) {
    const port = [...at, 'service', 'port'];
    d.object(port);
    backend.service = {
      name: d.string([...at, 'service', 'name']) ?? '',
      portName: d.string([...port, 'name']) ?? '',
      portNumber: d.integer([...port, 'number']) ?? 0,
    };
  }
  if (d.object([...at, 'resource'])) {
    backend.resource = {
      apiGroup: d.string([...at, 'resource', 'apiGroup']),
      kind: d.string([...at, 'resource', 'kind']) ?? '',
      name: d.string([...at, 'resource', 'name']) ?? '',
    };
  }
  return backend;
}

function serviceBackend(b: BackendInput): IngressServiceBackend {
  const s = b.service!;
  return { name: s.name, port: s.portNumber !== 0 ? { number: s.portNumber } : { name: s.portName } };
}

// --- validation -------------------------------------------------------------------------------

/** ValidateIngressCreate, in its order. */
export function validateIngress(errs: FieldErrors, meta: MetaInput, spec: IngressSpecInput): void {
  validateObjectMeta(errs, meta, isDNS1123Subdomain);
  if ((spec.rules ?? []).length === 0 && !spec.defaultBackend) {
    errs.invalid(['spec'], spec.rules === undefined ? null : [], 'either `defaultBackend` or `rules` must be specified');
  }
  if (spec.defaultBackend) validateBackend(errs, spec.defaultBackend);
  for (const rule of spec.rules ?? []) validateRule(errs, rule);
  spec.tls.forEach((t, i) => {
    t.hosts.forEach((host, j) => {
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const msg of msgs) errs.invalid(['spec', 'tls', i, 'hosts', j], host, msg);
    });
    if (t.secretName !== '') for (const msg of isDNS1123Subdomain(t.secretName)) errs.invalid(['spec', 'tls', i, 'secretName'], t.secretName, msg);
  });
  if (spec.ingressClassName !== undefined) {
    for (const msg of isDNS1123Subdomain(spec.ingressClassName)) errs.invalid(['spec', 'ingressClassName'], spec.ingressClassName, msg);
  }
  const annotated = meta.annotations[CLASS_ANNOTATION];
  if (annotated !== undefined && spec.ingressClassName !== undefined && annotated !== spec.ingressClassName) {
    // The API server names this field "annotations...", without "metadata.".
    errs.invalid(['annotations', CLASS_ANNOTATION], annotated, 'must match `ingressClassName` when both are specified',
      ['metadata', 'annotations', CLASS_ANNOTATION]);
  }
}

function validateRule(errs: FieldErrors, rule: RuleInput): void {
  const hostAt = [...rule.at, 'host'];
  if (rule.host !== '') {
    if (isValidIP(rule.host)) errs.invalid(hostAt, rule.host, 'must be a DNS name, not an IP address');
    const msgs = rule.host.includes('*') ? isWildcardDNS1123Subdomain(rule.host) : isDNS1123Subdomain(rule.host);
    for (const msg of msgs) errs.invalid(hostAt, rule.host, msg);
  }
  if (rule.paths === undefined) return;
  if (rule.paths.length === 0) errs.required([...rule.at, 'http', 'paths']);
  for (const p of rule.paths) validatePath(errs, p);
}

function validatePath(errs: FieldErrors, p: PathInput): void {
  const at = [...p.at, 'path'];
  if (p.pathType === undefined) {
    errs.required([...p.at, 'pathType'], 'pathType must be specified');
    return;
  }
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!p.path.startsWith('/')) errs.invalid(at, p.path, 'must be an absolute path');
      for (const seq of INVALID_PATH_SEQUENCES) if (p.path.includes(seq)) errs.invalid(at, p.path, `must not contain '${seq}'`);
      for (const suffix of INVALID_PATH_SUFFIXES) if (p.path.endsWith(suffix)) errs.invalid(at, p.path, `cannot end with '${suffix}'`);
      break;
    case 'ImplementationSpecific':
      if (p.path !== '' && !p.path.startsWith('/')) errs.invalid(at, p.path, 'must be an absolute path');
      break;
    default:
      errs.unsupported([...p.at, 'pathType'], p.pathType, PATH_TYPES);
  }
  validateBackend(errs, p.backend);
}

function validateBackend(errs: FieldErrors, b: BackendInput): void {
  const { at, service, resource } = b;
  if (service && resource) {
    errs.invalid(at, '', 'cannot set both resource and service backends');
  } else if (resource) {
    validateResource(errs, resource, [...at, 'resource']);
  } else if (service) {
    const nameAt = [...at, 'service', 'name'];
    // A v1.34 API server checks Service names as DNS-1035 labels (RelaxedServiceNameValidation is off).
    if (service.name === '') errs.required(nameAt);
    else for (const msg of isDNS1035Label(service.name)) errs.invalid(nameAt, service.name, msg);
    const portAt = [...at, 'service', 'port'];
    if (service.portName !== '' && service.portNumber !== 0) {
      errs.invalid(at, '', 'cannot set both port name & port number', portAt);
    } else if (service.portName !== '') {
      for (const msg of isValidPortName(service.portName)) errs.invalid([...portAt, 'name'], service.portName, msg);
    } else if (service.portNumber !== 0) {
      for (const msg of isValidPortNum(service.portNumber)) errs.invalid([...portAt, 'number'], service.portNumber, msg);
    } else {
      errs.required(at, 'port name or number is required');
    }
  } else {
    errs.invalid(at, '', 'resource or service backend is required');
  }
}

/** validateIngressTypedLocalObjectReference. */
function validateResource(errs: FieldErrors, r: NonNullable<BackendInput['resource']>, at: FieldPath): void {
  if (r.apiGroup !== undefined) for (const msg of isDNS1123Subdomain(r.apiGroup)) errs.invalid([...at, 'apiGroup'], r.apiGroup, msg);
  for (const field of ['kind', 'name'] as const) {
    if (r[field] === '') errs.required([...at, field]);
    else for (const msg of isPathSegmentName(r[field])) errs.invalid([...at, field], r[field], msg);
  }
}

function warnResourceBackends(errs: FieldErrors, spec: IngressSpecInput): void {
  const warn = (b: BackendInput, what: string) => {
    if (b.resource) errs.warning([...b.at, 'resource'], `a resource backend is not modelled; ${what} is ignored`);
  };
  if (spec.defaultBackend) warn(spec.defaultBackend, 'the default backend');
  for (const rule of spec.rules ?? []) for (const p of rule.paths ?? []) warn(p.backend, `path ${JSON.stringify(p.path)}`);
}

// --- k8s.io/apimachinery wording ----------------------------------------------------------------

const WILDCARD_DNS1123_SUBDOMAIN = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';

/** validation.IsWildcardDNS1123Subdomain: "*." and a DNS subdomain. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (Buffer.byteLength(value, 'utf8') > 253) errs.push(maxLenError(253));
  if (!new RegExp(`^${WILDCARD_DNS1123_SUBDOMAIN}$`).test(value)) {
    errs.push(regexError("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
      WILDCARD_DNS1123_SUBDOMAIN, '*.example.com'));
  }
  return errs;
}

/** content.IsPathSegmentName: what may name an object in a URL path. */
function isPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}
