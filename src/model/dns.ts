import type { Distribution } from '../engine/distributions.js';

/**
 * The cost of resolving a name from a pod, for ExternalName Services (which are only DNS: the
 * cluster DNS answers a CNAME, nothing is proxied).
 *
 * The pod's stub resolver (glibc or musl, reading the resolv.conf the kubelet wrote:
 * `search <ns>.svc.<domain> svc.<domain> <domain> <node's own search domains>`, `options ndots:5`)
 * turns one lookup into a list of absolute names and queries them in order until one answers:
 * - a name ending in '.' is absolute: it alone is queried;
 * - a name with fewer dots than ndots gets each search domain appended first, then is tried as it
 *   stands;
 * - a name with at least ndots dots is tried as it stands first; if that fails glibc goes on
 *   through the search list and musl stops.
 * Every NXDOMAIN answer on the way is a query paid in full. glibc and musl both cap ndots at 15.
 *
 * A and AAAA: getaddrinfo(AF_UNSPEC) in glibc and musl (and Go's resolver) sends both for every
 * name it tries, in parallel on one socket (glibc's `single-request` option makes it sequential).
 * `queriesPerName` is 1 by default (one address family, e.g. AF_INET lookups); set 2 for the
 * usual AF_UNSPEC lookup. A name counts as answered or NXDOMAIN as a whole: both families get
 * the same rcode for the same name.
 */

/** Both glibc and musl clamp `options ndots:n` to this. */
export const MAX_NDOTS = 15;

export type StubResolver = 'glibc' | 'musl';

export interface SearchOptions {
  ndots: number;
  searchDomains: readonly string[];
  /** Only matters for a name with ndots dots or more that fails as it stands. Default glibc. */
  stub?: StubResolver;
}

export interface DnsQueryOptions extends SearchOptions {
  /** True when a query for this absolute name (lower case, ending in '.') gets an answer. */
  answeredBy: (fqdn: string) => boolean;
  /** Queries sent per name tried: 1 (one family, the default) or 2 (A and AAAA). */
  queriesPerName?: number;
}

export interface DnsQueryCount {
  /** Queries sent, NXDOMAIN answers included: names tried x queriesPerName. */
  queries: number;
  /** The absolute name that answered, or '' when every name tried got NXDOMAIN. */
  resolvedAs: string;
}

/** The absolute names (lower case, ending in '.') the stub resolver queries for `name`, in order. */
export function searchCandidates(name: string, opts: SearchOptions): string[] {
  const n = normalizeName(name);
  if (n.endsWith('.')) return [n];
  const ndots = checkNdots(opts.ndots);
  const searched = opts.searchDomains.map((d) => `${n}.${normalizeDomain(d)}.`);
  let dots = 0;
  for (let i = 0; i < n.length; i++) if (n.charCodeAt(i) === 46) dots++;
  if (dots < ndots) return [...searched, `${n}.`];
  return (opts.stub ?? 'glibc') === 'musl' ? [`${n}.`] : [`${n}.`, ...searched];
}

/** How many queries a pod sends for `name` before an answer (or before giving up). */
export function dnsQueries(name: string, opts: DnsQueryOptions): DnsQueryCount {
  const perName = checkQueriesPerName(opts.queriesPerName ?? 1);
  let queries = 0;
  for (const fqdn of searchCandidates(name, opts)) {
    queries += perName;
    if (opts.answeredBy(fqdn)) return { queries, resolvedAs: fqdn };
  }
  return { queries, resolvedAs: '' };
}

/** A Service as the cluster DNS sees it; `externalName` set for type ExternalName. */
export interface DnsService {
  name: string;
  namespace: string;
  externalName?: string;
}

export interface DnsResolverOptions {
  /** One query's round trip from the pod to CoreDNS and back, seconds. */
  latency: Distribution;
  /**
   * CoreDNS resolving a name outside the cluster domain through its upstream (forward plugin),
   * seconds. A CoreDNS cache hit is part of this distribution (a mixture, if it matters).
   */
  upstreamLatency: Distribution;
  /** The client pod's namespace: its first search domain is `<namespace>.svc.<clusterDomain>`. */
  namespace: string;
  /** The Services CoreDNS knows. */
  services: readonly DnsService[];
  /** The names clients look up; `resolve(i)` resolves `names[i]`. */
  names: readonly string[];
  /** Default 'cluster.local'. */
  clusterDomain?: string;
  /** Default 5, as the kubelet writes for dnsPolicy ClusterFirst. */
  ndots?: number;
  /** The node's own search domains (e.g. 'ec2.internal'), appended after the cluster's three. */
  nodeSearchDomains?: readonly string[];
  /** Replaces the whole search list (dnsPolicy None, or dnsConfig). */
  searchDomains?: readonly string[];
  /** Names outside the cluster domain that exist upstream. Default: the ExternalName targets. */
  externalHosts?: readonly string[];
  /** 1 (default) or 2 (A and AAAA). */
  queriesPerName?: number;
  /** With 2 queries per name: sent together (default, the time is the slower one) or one after the other. */
  familiesInParallel?: boolean;
  stub?: StubResolver;
  /**
   * A client-side cache of answers (JVM, nscd, an application cache; glibc, musl, Go and Node
   * keep none): a client that resolved a name within `ttl` seconds pays nothing. `clients` bounds
   * the client indices passed to `resolve`; the cache holds clients x names expiry times.
   */
  cache?: { ttl: number; clients: number };
}

/** The cache is dense: clients x names doubles, at most this many (128 MiB). */
export const MAX_CACHE_CELLS = 1 << 24;
/** CNAME chains inside the cluster longer than this are treated as unresolvable. */
const MAX_CNAME_CHAIN = 8;

/**
 * Resolution time of precomputed names on the hot path. Every name a pod queries costs one
 * round trip to CoreDNS (`latency`); a name CoreDNS has to ask upstream about costs
 * `upstreamLatency` on top. CoreDNS forwards upstream:
 * - every name outside the cluster domain, NXDOMAIN or not (for example `my.database.com.ec2.internal.`
 *   from the node's search domains, and `my.database.com.` itself);
 * - the target of an ExternalName CNAME when that target is outside the cluster: CoreDNS chases
 *   the CNAME itself and answers CNAME + address in one response.
 * Names inside the cluster domain are answered (or denied) by CoreDNS alone.
 *
 * So with ndots 5 in namespace `default`:
 * - the short Service name `externalname-svc` answers on the first search domain
 *   (`externalname-svc.default.svc.cluster.local.` -> CNAME my.database.com): 1 query + upstream;
 * - `my.database.com` used directly (2 dots < 5) first gets three NXDOMAINs from the cluster
 *   search domains, then one forwarded NXDOMAIN per node search domain, then the answer: with no
 *   node domains 4 queries + 1 upstream, with one 5 queries + 2 upstream;
 * - `my.database.com.` (trailing dot) is 1 query + upstream.
 * The short ExternalName is the cheaper way to reach an outside host from a pod.
 *
 * Per name tried, with 2 queries per name, each family pays its own round trip (and upstream
 * forward); in parallel the name costs the slower of the two, in sequence their sum.
 */
export class DnsResolver {
  readonly names: readonly string[];
  /** Per name: offsets into `forwarded` (names[i] uses steps start[i] .. start[i+1]-1). */
  private readonly start: Int32Array;
  /** Per name tried: 1 when CoreDNS forwards it upstream. */
  private readonly forwarded: Uint8Array;
  private readonly answered: Uint8Array;
  private readonly answeredAs: string[];
  private readonly perName: number;
  private readonly parallel: boolean;
  private readonly latency: Distribution;
  private readonly upstream: Distribution;
  private readonly ttl: number;
  private readonly cacheClients: number;
  /** client * names.length + name -> time the cached answer expires; null without a cache. */
  private readonly expiry: Float64Array | null;

  constructor(opts: DnsResolverOptions) {
    const domain = normalizeDomain(opts.clusterDomain ?? 'cluster.local');
    const ns = normalizeDomain(opts.namespace);
    const search = opts.searchDomains ?? [`${ns}.svc.${domain}`, `svc.${domain}`, domain, ...(opts.nodeSearchDomains ?? [])];
    const searchOpts: SearchOptions = { ndots: opts.ndots ?? 5, searchDomains: search, stub: opts.stub };
    this.perName = checkQueriesPerName(opts.queriesPerName ?? 1);
    this.parallel = opts.familiesInParallel ?? true;
    this.latency = opts.latency;
    this.upstream = opts.upstreamLatency;

    const inCluster = (fqdn: string): boolean => fqdn === `${domain}.` || fqdn.endsWith(`.${domain}.`);
    const cnames = new Map<string, string | null>();
    for (const s of opts.services) {
      const target = s.externalName ? normalizeName(s.externalName) : null;
      cnames.set(`${normalizeDomain(s.name)}.${normalizeDomain(s.namespace)}.svc.${domain}.`, target === null ? null : absolute(target));
    }
    const hosts = new Set((opts.externalHosts ?? [...cnames.values()].filter((t): t is string => t !== null)).map((h) => absolute(normalizeName(h))));

    // What CoreDNS makes of one query: does it answer, and does it go upstream on the way?
    const ask = (fqdn: string): { answers: boolean; upstream: boolean } => {
      let name = fqdn;
      for (let hops = 0; hops <= MAX_CNAME_CHAIN; hops++) {
        if (!inCluster(name)) return { answers: hosts.has(name), upstream: true };
        if (!cnames.has(name)) return { answers: false, upstream: false };
        const target = cnames.get(name);
        if (target === null || target === undefined) return { answers: true, upstream: false };
        name = target;
      }
      return { answers: false, upstream: false };
    };

    this.names = [...opts.names];
    this.start = new Int32Array(this.names.length + 1);
    this.answered = new Uint8Array(this.names.length);
    this.answeredAs = [];
    const steps: number[] = [];
    this.names.forEach((name, i) => {
      let as = '';
      for (const fqdn of searchCandidates(name, searchOpts)) {
        const r = ask(fqdn);
        steps.push(r.upstream ? 1 : 0);
        if (r.answers) { as = fqdn; break; }
      }
      this.start[i + 1] = steps.length;
      this.answered[i] = as === '' ? 0 : 1;
      this.answeredAs.push(as);
    });
    this.forwarded = Uint8Array.from(steps);

    if (opts.cache) {
      const { ttl, clients } = opts.cache;
      if (!(ttl >= 0) || !Number.isFinite(ttl)) throw new RangeError(`dns cache: ttl must be a finite number >= 0, got ${ttl}`);
      if (!Number.isSafeInteger(clients) || clients < 1) throw new RangeError(`dns cache: clients must be a whole number >= 1, got ${clients}`);
      const cells = clients * Math.max(1, this.names.length);
      if (cells > MAX_CACHE_CELLS) {
        throw new RangeError(`dns cache: ${clients} clients x ${this.names.length} names is ${cells} entries, more than ${MAX_CACHE_CELLS}: lower the client population or the names looked up`);
      }
      this.ttl = ttl;
      this.cacheClients = clients;
      this.expiry = new Float64Array(cells); // 0: nothing cached (a cache entry expires after now >= 0)
    } else {
      this.ttl = 0;
      this.cacheClients = 0;
      this.expiry = null;
    }
  }

  /** Names tried for names[i], NXDOMAINs included. */
  namesTried(i: number): number {
    return this.start[i + 1] - this.start[i];
  }

  /** Queries sent for names[i]: names tried x queries per name. */
  queries(i: number): number {
    return this.namesTried(i) * this.perName;
  }

  /** Of those, the queries CoreDNS forwards upstream (or chases a CNAME upstream for). */
  upstreamQueries(i: number): number {
    let n = 0;
    for (let k = this.start[i]; k < this.start[i + 1]; k++) n += this.forwarded[k];
    return n * this.perName;
  }

  resolves(i: number): boolean {
    return this.answered[i] === 1;
  }

  /** The absolute name that answered, '' when none did. */
  resolvedAs(i: number): string {
    return this.answeredAs[i];
  }

  /**
   * Seconds from the first query to the answer (or to the last NXDOMAIN when the name does not
   * resolve). With a cache, pass the client index and the current time: a cached answer costs 0,
   * and a fresh answer is cached until now + the resolution time + ttl. Failures are not cached.
   */
  resolve(nameIndex: number, client = -1, now = 0): number {
    const expiry = this.expiry;
    let slot = -1;
    if (expiry !== null && client >= 0) {
      if (client >= this.cacheClients) throw new RangeError(`dns cache: client ${client} is outside the ${this.cacheClients} clients it was sized for`);
      slot = client * this.names.length + nameIndex;
      if (now < expiry[slot]) return 0;
    }
    let t = 0;
    for (let k = this.start[nameIndex]; k < this.start[nameIndex + 1]; k++) t += this.nameTime(this.forwarded[k] === 1);
    if (slot >= 0 && this.answered[nameIndex] === 1) expiry![slot] = now + t + this.ttl;
    return t;
  }

  private nameTime(forwarded: boolean): number {
    let sum = 0;
    let slowest = 0;
    for (let f = 0; f < this.perName; f++) {
      const c = forwarded ? this.latency.sample() + this.upstream.sample() : this.latency.sample();
      sum += c;
      if (c > slowest) slowest = c;
    }
    return this.parallel ? slowest : sum;
  }
}

function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** Lower case; no empty label; at most the one trailing dot of an absolute name. */
function normalizeName(name: string): string {
  const n = name.toLowerCase();
  const body = n.endsWith('.') ? n.slice(0, -1) : n;
  if (body === '' || body.split('.').some((label) => label === '')) {
    throw new RangeError(`dns: "${name}" is not a valid name (empty label)`);
  }
  return n;
}

/** A search domain or cluster domain: lower case, no leading or trailing dot. */
function normalizeDomain(domain: string): string {
  const d = domain.toLowerCase().replace(/\.$/, '');
  if (d === '' || d.split('.').some((label) => label === '')) {
    throw new RangeError(`dns: "${domain}" is not a valid domain (empty label)`);
  }
  return d;
}

function checkNdots(ndots: number): number {
  if (!Number.isInteger(ndots) || ndots < 0) throw new RangeError(`dns: ndots must be a whole number >= 0, got ${ndots}`);
  return Math.min(ndots, MAX_NDOTS);
}

function checkQueriesPerName(q: number): number {
  if (q !== 1 && q !== 2) throw new RangeError(`dns: queriesPerName must be 1 (one address family) or 2 (A and AAAA), got ${q}`);
  return q;
}
