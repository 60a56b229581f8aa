/**
 * A problem found in the input. Errors stop a run; warnings are printed and the run goes on.
 * `message` is the reason alone, in the API server's words where Kubernetes has them
 * (e.g. "Invalid value: 70000: must be between 1 and 65535, inclusive").
 */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  /** 1-based line of the offending node, when the YAML parser knows it. */
  line?: number;
  /** "Service/hostname-svc-lb-local", "Scenario/seed-two-nodes". */
  object?: string;
  /** Dotted field path as the API server prints it: "spec.ports[0].nodePort". */
  path?: string;
  message: string;
  /**
   * Name the object plainly (`Pod "web": `), not as the API server names an object it rejects
   * (`The Pod "web" is invalid: `): for svcsim's own checks of objects the API server accepts,
   * and for errors the API server words otherwise.
   */
  plain?: boolean;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}` : d.file;
  const [kind, name] = d.object ? d.object.split('/') : [];
  const subject = kind && d.severity === 'error' && !d.plain ? `The ${kind} "${name}" is invalid: ` : kind ? `${kind} "${name}": ` : '';
  const field = d.path ? `${d.path}: ` : '';
  return `${where}: ${d.severity}: ${subject}${field}${d.message}`;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Thrown by entry points when input has errors; carries every diagnostic found. */
export class InputError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
  }
}

/** "spec", "ports", 0, "port" -> "spec.ports[0].port" */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}
