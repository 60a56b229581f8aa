/**
 * Decoding a raw object as the API server's decoder does, before defaults and validation: the
 * Decoder reads typed fields, and each kind's decode function returns a Decoded. Shared by
 * kubernetes-objects.ts (which dispatches on the kind) and the kinds decoded in their own files
 * (ingress-objects.ts).
 */
import type { FieldErrors } from './metadata-validation.js';
import type { FieldPath, IngressObject, KubernetesObject } from './objects.js';
import type { ServiceSpecInput } from './service-validation.js';

export type NormalizedObject = KubernetesObject | IngressObject;

/** One decoded object, of any kind. */
export interface Decoded {
  object: NormalizedObject;
  /** Runs the API server's checks; only called when decoding found no error. */
  validate(): void;
  serviceSpec?: ServiceSpecInput;
}

type Json = Record<string, unknown>;

const isJsonObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** A resource.Quantity ("2", "500m", "3800m", "1.5", "2e3") as a number; undefined if malformed. */
export function parseQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  const suffix = m[2];
  if (suffix in BINARY_SUFFIX) return n * 2 ** BINARY_SUFFIX[suffix];
  const exponent = suffix in DECIMAL_SUFFIX ? DECIMAL_SUFFIX[suffix] : /^[eE][-+]?[0-9]+$/.test(suffix) ? Number(suffix.slice(1)) : undefined;
  if (exponent === undefined) return undefined;
  // Dividing keeps "3800m" at exactly 3.8.
  return exponent < 0 ? n / 10 ** -exponent : n * 10 ** exponent;
}

/**
 * Reads typed fields out of a raw object. null reads as absent, as Go's decoder treats it; a
 * value of the wrong type is reported (once, where it is) and reads as absent.
 */
export class Decoder {
  constructor(readonly errs: FieldErrors, private readonly root: Json) {}

  get(path: FieldPath): unknown {
    let v: unknown = this.root;
    for (const k of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string | number, unknown>)[k];
    }
    return v ?? undefined;
  }

  string(path: FieldPath): string | undefined {
    return this.typed(path, (v): v is string => typeof v === 'string', 'string');
  }

  /** Every integer field svcsim reads is an int32 in Kubernetes (replicas, ports, seconds). */
  integer(path: FieldPath): number | undefined {
    return this.int32(path, this.typed(path, (v): v is number => Number.isInteger(v), 'integer'));
  }

  boolean(path: FieldPath): boolean | undefined {
    return this.typed(path, (v): v is boolean => typeof v === 'boolean', 'boolean');
  }

  object(path: FieldPath): Json | undefined {
    return this.typed(path, isJsonObject, 'object');
  }

  array(path: FieldPath): unknown[] | undefined {
    return this.typed(path, (v): v is unknown[] => Array.isArray(v), 'array');
  }

  intOrString(path: FieldPath): number | string | undefined {
    const v = this.typed(path, (x): x is number | string => typeof x === 'string' || Number.isInteger(x), 'integer or string');
    return typeof v === 'number' ? this.int32(path, v) : v;
  }

  stringList(path: FieldPath): string[] {
    return (this.array(path) ?? []).flatMap((_, i) => this.string([...path, i]) ?? []);
  }

  /** A map of strings (labels, selectors); a null value is "", as Go decodes it. */
  stringMap(path: FieldPath): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.object(path) ?? {})) {
      if (v === null || typeof v === 'string') out[k] = v ?? '';
      else this.errs.wrongType([...path, k], v, 'string');
    }
    return out;
  }

  /** A quantity written as a number or a string, in its base unit (cores for cpu). */
  quantity(path: FieldPath): number | undefined {
    const v = this.get(path);
    if (v === undefined) return undefined;
    if (typeof v === 'number') return v;
    if (typeof v !== 'string') {
      this.errs.wrongType(path, v, 'string');
      return undefined;
    }
    const n = parseQuantity(v);
    if (n === undefined) this.errs.invalid(path, v, `quantities must match the regular expression '${QUANTITY.source}'`);
    return n;
  }

  /** Go's decoder refuses a number an int32 cannot hold: 2147483648 replicas never reach validation. */
  private int32(path: FieldPath, v: number | undefined): number | undefined {
    if (v === undefined || (v >= -(2 ** 31) && v < 2 ** 31)) return v;
    this.errs.invalid(path, v, 'must be of type int32 (at most 2147483647)');
    return undefined;
  }

  private typed<T>(path: FieldPath, ok: (v: unknown) => v is T, expected: string): T | undefined {
    const v = this.get(path);
    if (v === undefined) return undefined;
    if (ok(v)) return v;
    this.errs.wrongType(path, v, expected);
    return undefined;
  }
}
