/**
 * svcsim's limits in one place (the README's "Limits" lists the same, with the reasons).
 *
 * Ranges are the schema's: a value outside one is invalid whatever the flags, because the engine
 * cannot represent it (Infinity, NaN, a table larger than a typed array, a loop that never
 * advances time). Run limits are the pre-flight's (preflight.ts): a run whose estimated cost is
 * above one is refused before anything is allocated, unless `--allow-large` says the user means it.
 */

/** Kubernetes' int32 fields (replicas and the like), and counts svcsim keeps in Int32Arrays. */
export const MAX_INT32 = 2 ** 31 - 1;

/**
 * Distinct client addresses: per-client tables (zone, session affinity) are typed arrays of this
 * many entries or more; 2^24 is a /8 of IPv4, more clients than any Service has.
 */
export const MAX_POPULATION = 2 ** 24;

/** Cilium's largest Maglev table (--bpf-lb-maglev-table-size: 251 ... 131071, primes). */
export const MAX_MAGLEV_TABLE_SIZE = 131071;

/** Workers per pod: each is a few typed-array slots. */
export const MAX_CONCURRENCY = 1_000_000;

/** Retries per request: each waits backoff x 2^k, which must stay a finite time. */
export const MAX_RETRIES = 100;

/** A geometric count's mean (requests per connection): 1 / mean must stay a usable probability. */
export const MAX_COUNT_MEAN = 1e9;

/** A distribution's mean (a service time, a link latency): a day. Longer is a mistake of units. */
export const MAX_MEAN_SECONDS = 86400;

/** Services besides the input's in iptablesCost: 100 times Kubernetes' 10,000 per cluster. */
export const MAX_OTHER_SERVICES = 1_000_000;

/** Bytes read from one input file (a kubectl dump of a large cluster is a few MiB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * Levels of nesting in one YAML document. Kubernetes objects nest about 15 deep; the YAML parser
 * and everything after it recurse, so a deeper document would overflow the call stack.
 */
export const MAX_NESTING = 100;

/**
 * The engine's event queue holds at most 2^21 events pending at once (its handles are small
 * integers); an estimate above half of that is refused, whatever the flags.
 */
export const MAX_PENDING_EVENTS = 2 ** 20;

/** The run limits `--allow-large` lifts, per variant unless said otherwise. */
export interface RunLimits {
  /** Requests sent (about 5 minutes a variant at 3 million requests a second). */
  requests: number;
  /** Simulated events: requests x events per request, health probes, timeline. */
  events: number;
  /** Simulated time, seconds: beyond about 10^7 s a float64 second count no longer resolves nanoseconds. */
  simulatedSeconds: number;
  /** Rows of timeseries.csv over all variants; above it the interval is coarsened. */
  timeSeriesRows: number;
  /** Estimated memory of one variant, bytes. */
  memoryBytes: number;
  /** Pods in the input, given or made by workloads and the timeline: Kubernetes' own limit per cluster. */
  pods: number;
  /** Nodes in the input: Kubernetes' own limit per cluster. */
  nodes: number;
  /** Variants (combinations of compare values) in one run. */
  variants: number;
}

export const RUN_LIMITS: RunLimits = {
  requests: 1e9,
  events: 5e9,
  simulatedSeconds: 1e7,
  timeSeriesRows: 1e5,
  memoryBytes: 2 ** 30,
  pods: 150_000,
  nodes: 5_000,
  variants: 1_000,
};

/** No run limit: what --allow-large gives. */
export const NO_RUN_LIMITS: RunLimits = {
  requests: Infinity, events: Infinity, simulatedSeconds: Infinity, timeSeriesRows: Infinity,
  memoryBytes: Infinity, pods: Infinity, nodes: Infinity, variants: Infinity,
};
