/**
 * What an ingress controller does with a request's host and path: picks the Service backend, as
 * the Kubernetes Ingress docs specify it. All the Ingresses given are taken as one controller's
 * (one ingress class; filtering by class is the caller's job).
 *
 * - Host: an exact host rule wins over a wildcard one (`*.foo.com`, exactly one DNS label in front
 *   of `.foo.com`), which wins over rules without a host. Only the rules of the one host picked
 *   are searched: when none of its paths match, there is no falling back to less specific hosts.
 *   Rules for one host in several Ingresses are merged, as controllers merge them.
 * - Path: the longest matching path wins; on a tie, Exact beats Prefix. Exact compares strings.
 *   Prefix matches element by element (`/foo` matches `/foo`, `/foo/`, `/foo/bar`, not
 *   `/foobar`), with the path's trailing slash ignored, also when measuring its length, so that
 *   Prefix `/foo/` and Exact `/foo` tie. ImplementationSpecific is treated as Prefix, as
 *   ingress-nginx does without regular expressions. Paths still tied keep the order given.
 * - Else the default backend: that of the first Ingress given that has one; else no route (404).
 *
 * route() expects the host lower-cased without a port, and the path without a query string.
 */
import type { IngressObject, IngressServiceBackend } from './objects.js';

/** Where a request goes: a Service port (a number, or the name of one of its ports). */
export interface IngressRoute {
  readonly namespace: string;
  readonly service: string;
  readonly port: number | string;
}

/** Returned by routeIndex when nothing matches and there is no default backend. */
export const NO_ROUTE = -1;

const SLASH = 47;

interface PathEntry {
  exact: boolean;
  /** For Prefix, without its trailing slash: "/" is "", which every path matches. */
  path: string;
  backend: number;
}

interface Wildcard {
  /** ".foo.com" for "*.foo.com". */
  suffix: string;
  paths: PathEntry[];
}

export class IngressRouter {
  /** Every distinct backend, in the order first named; routeIndex returns an index into it. */
  readonly backends: readonly IngressRoute[];
  private readonly exactHosts = new Map<string, PathEntry[]>();
  private readonly wildcards: Wildcard[] = [];
  private readonly anyHost: PathEntry[] = [];
  private readonly defaultBackend: number = NO_ROUTE;

  constructor(ingresses: readonly IngressObject[]) {
    const backends: IngressRoute[] = [];
    const indexOf = new Map<string, number>();
    const backend = (namespace: string, s: IngressServiceBackend): number => {
      const port = s.port.number ?? s.port.name ?? '';
      const key = `${namespace}/${s.name}/${typeof port}:${port}`;
      let i = indexOf.get(key);
      if (i === undefined) {
        i = backends.push(Object.freeze({ namespace, service: s.name, port })) - 1;
        indexOf.set(key, i);
      }
      return i;
    };

    for (const ingress of ingresses) {
      const ns = ingress.meta.namespace;
      if (ingress.defaultBackend && this.defaultBackend === NO_ROUTE) this.defaultBackend = backend(ns, ingress.defaultBackend.service);
      for (const rule of ingress.rules) {
        const entries = this.entriesFor(rule.host);
        for (const p of rule.paths) {
          const exact = p.pathType === 'Exact';
          entries.push({ exact, path: exact ? p.path : p.path.replace(/\/+$/, ''), backend: backend(ns, p.backend.service) });
        }
      }
    }
    // Longest first, Exact first among equals; sort is stable, so ties keep the order given.
    const byPrecedence = (a: PathEntry, b: PathEntry) => b.path.length - a.path.length || Number(b.exact) - Number(a.exact);
    for (const entries of [this.anyHost, ...this.exactHosts.values(), ...this.wildcards.map((w) => w.paths)]) entries.sort(byPrecedence);
    this.backends = backends;
  }

  /** The backend for a request, or undefined for a 404. Allocates nothing. */
  route(host: string, path: string): IngressRoute | undefined {
    const i = this.routeIndex(host, path);
    return i === NO_ROUTE ? undefined : this.backends[i];
  }

  /**
   * The index in `backends` of the backend for a request, or NO_ROUTE. Cost: one map lookup, a
   * scan of the wildcard hosts when that misses, then a scan of the host's paths, longest first.
   */
  routeIndex(host: string, path: string): number {
    const entries = this.exactHosts.get(host) ?? this.wildcardPaths(host) ?? this.anyHost;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (e.exact ? path === e.path : isPrefixOf(e.path, path)) return e.backend;
    }
    return this.defaultBackend;
  }

  private wildcardPaths(host: string): PathEntry[] | undefined {
    const dot = host.indexOf('.');
    // The wildcard stands for one whole, non-empty label.
    if (dot <= 0) return undefined;
    for (let i = 0; i < this.wildcards.length; i++) {
      const w = this.wildcards[i];
      if (host.length - dot === w.suffix.length && host.startsWith(w.suffix, dot)) return w.paths;
    }
    return undefined;
  }

  private entriesFor(host: string | undefined): PathEntry[] {
    if (host === undefined) return this.anyHost;
    if (host.startsWith('*.')) {
      const suffix = host.slice(1);
      let w = this.wildcards.find((x) => x.suffix === suffix);
      if (!w) this.wildcards.push((w = { suffix, paths: [] }));
      return w.paths;
    }
    let entries = this.exactHosts.get(host);
    if (!entries) this.exactHosts.set(host, (entries = []));
    return entries;
  }
}

/** Element-wise prefix: `prefix` (no trailing slash) is all of `path` or ends where a "/" follows. */
function isPrefixOf(prefix: string, path: string): boolean {
  return path.startsWith(prefix) && (path.length === prefix.length || path.charCodeAt(prefix.length) === SLASH);
}
