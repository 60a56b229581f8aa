import type { LatencyBucket } from './latency-histogram.js';
import type { ScalingDecision } from '../model/trace.js';
import type { TimeSeriesTable } from './time-series-table.js';

/** What one run of one variant produced. Times are in seconds; sinks convert units. */
export interface PodResult {
  name: string;
  node: string;
  zone: string;
  /** Requests that reached the pod (accepted or rejected by its queue). */
  requests: number;
  completed: number;
  /** Rejected by the pod's full queue. */
  rejected: number;
  /** The pod's fraction of all completed requests of the variant. */
  share: number;
  /** Busy worker-time / (workers x simulated time). */
  utilization: number;
  waitMean: number;
  latencyMean: number;
  latencyP99: number;
}

export interface NodeResult {
  name: string;
  zone: string;
  /** Requests that entered the cluster at this node (from the load balancer, a NodePort client or a client pod). */
  received: number;
  /** Of those, sent on to a pod on another node. */
  forwardedOut: number;
  /** Requests forwarded here by another node. */
  forwardedIn: number;
  /** Requests completed by pods on this node. */
  served: number;
  /** Requests this node dropped (Local policy, no local endpoint). */
  dropped: number;
}

export interface HopCount {
  hops: number;
  requests: number;
  fraction: number;
}

export interface LatencySummary {
  mean: number;
  /** Half-width of the 95% confidence interval of the mean (batch means); NaN if too few batches. */
  meanCi95: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export interface VariantResult {
  name: string;
  /** The external load balancer model, e.g. "even". */
  lbModel: string;
  /** Why that model (the Scenario, an annotation, the default); absent when traffic passes no load balancer. */
  lbModelReason?: string;
  /** "iptables", "nftables" or "ipvs:<scheduler>". */
  kubeProxyMode: string;
  /** Overridden field -> value, e.g. { externalTrafficPolicy: 'Local' }. */
  overrides: Record<string, string>;
  /** The Scenario's timeline as this variant ran it, in words (for run.json and the report); absent without one. */
  timeline?: Array<{ atSeconds: number; event: string }>;
  requests: number;
  completed: number;
  /** Dropped by a node (client times out). */
  dropped: number;
  /** Refused: no endpoint at all, or a full pod queue. */
  rejected: number;
  /** The pod died with the request in it (node failure, end of a grace period). */
  failed: number;
  /** The client's timeout fired while the request was still in the cluster. */
  timedOut: number;
  /** Retried attempts (not requests). */
  retries: number;
  /** Sent but not ended when the run stopped on time. */
  inFlightAtEnd: number;
  /** Requests that did not complete (dropped, rejected, failed, timed out, in flight) / requests; NaN without requests. */
  errorFraction: number;
  /**
   * false when a pod with an unbounded queue is offered at least its capacity: its queue, and so
   * the latency, grow for as long as the run sends.
   */
  stable: boolean;
  /**
   * The pod with an unbounded queue offered the most work, and that offered load: attempts that
   * reached it per second of sending x mean service time / workers (1 is its capacity).
   */
  busiestPod?: { name: string; offeredLoad: number };
  latency: LatencySummary;
  hopsMean: number;
  extraHopFraction: number;
  snatFraction: number;
  podUtilMin: number;
  podUtilMax: number;
  podShareMin: number;
  podShareMax: number;
  /** Share of completed requests that crossed a zone boundary at least once (either way). */
  crossZoneFraction: number;
  /** Gigabytes that crossed zone boundaries (request and response sizes from the Scenario). */
  crossZoneGB: number;
  /** crossZoneGB x price, charged in each direction: out of one zone and into the other. */
  crossZoneCostUsd: number;
  /** Completed requests per simulated second. */
  throughput: number;
  simTime: number;
  events: number;
  hops: HopCount[];
  latencyBuckets: LatencyBucket[];
  pods: PodResult[];
  nodes: NodeResult[];
  /** Counts per interval of simulated time, when the run asked for them; received is indexed like `nodes`. */
  timeSeries?: TimeSeriesTable;
  /** Where the time series stops when it reached its row limit before the run ended. */
  timeSeriesEndsAt?: number;
  /** A run of requests stopped at its simulated-time horizon, with requests still in flight. */
  stoppedAt?: number;
  /** With a HorizontalPodAutoscaler: what the capacity cost after the warm-up, and each decision. */
  autoscaling?: {
    /** Pod-seconds of the autoscaled workload's pods on nodes (ready or not). */
    replicaSeconds: number;
    /** Node-seconds of the nodes that exist (up or booting). */
    nodeSeconds: number;
    decisions: ScalingDecision[];
  };
}

export interface InputFileInfo {
  path: string;
  sha256: string;
}

export interface RunResults {
  scenario: string;
  seed: number;
  /** Column names of the overridden fields, in order: one CSV column each. */
  overrideColumns: string[];
  variants: VariantResult[];
  /** Length of a time-series interval, seconds, when the variants have a time series. */
  timeSeriesInterval?: number;
  meta: {
    version: string;
    files: InputFileInfo[];
    commandLine: string[];
    /** Set by whoever timed the run (the CLI); a run itself reads no clock. */
    wallTimeSeconds?: number;
  };
  /**
   * With more than one replication: every replication's summary metrics, their means and
   * intervals, and the paired differences; `variants` are then replication 0's runs (the same as
   * with one replication), which the detail files describe.
   */
  study?: StudyResults;
  /** With service-level objectives: each variant's verdicts, in variant order. */
  slo?: { objectives: Objective[]; verdicts: VariantVerdict[] };
}

// Studies: variants x replications.

/**
 * What a study keeps of one replication of one variant: its summary metrics and the pod offered
 * the most work. Never per-request data, so a study's memory does not grow with its requests.
 */
export interface ReplicationSummary {
  /** The values of SUMMARY_COLUMNS, in that order. */
  metrics: number[];
  /** With an HPA: the values of AUTOSCALING_COLUMNS (what the capacity cost). */
  costs?: number[];
  busiestPod?: { name: string; offeredLoad: number };
}

/** A metric's estimate: the mean and the half-width of its 95% interval (NaN when there is none). */
export interface MetricInterval {
  mean: number;
  halfWidth: number;
}

export interface StudyVariant {
  name: string;
  /** In replication order: replication r ran on the streams (seed, r, name). */
  replications: ReplicationSummary[];
  /**
   * One per SUMMARY_COLUMNS entry: the mean over replications with its Student-t half-width. A
   * flag (stable) is 1 only when it holds in every replication; the mean's interval column holds
   * the interval of the mean latency across replications.
   */
  intervals: MetricInterval[];
  /** With an HPA: one per AUTOSCALING_COLUMNS entry, as `intervals`. */
  costIntervals?: MetricInterval[];
  /** The busiest pod over all replications. */
  busiestPod?: { name: string; offeredLoad: number };
}

/** One metric of a variant against the baseline: the mean paired difference (variant - baseline) and its 95% interval. */
export interface MetricDifference {
  metric: string;
  baseline: number;
  variant: number;
  difference: number;
  low: number;
  high: number;
  /** The interval excludes zero. */
  significant: boolean;
}

export interface VariantDifferences {
  variant: string;
  baseline: string;
  metrics: MetricDifference[];
}

export interface StudyResults {
  replications: number;
  variants: StudyVariant[];
  /** Every variant but the first against the first, in variant order. */
  differences: VariantDifferences[];
}

// Service-level objectives.

/** A service-level objective, as plain data: `metric` (a summary column) must stay at or under `threshold`. */
export interface Objective {
  /** As the user wrote it, spaces removed: "p99<=50ms". */
  text: string;
  /** Its summary.csv column: "slo_p99_le_50ms". */
  column: string;
  /** The summary column judged: "latency_p99_ms". */
  metric: string;
  /** "<=" passes at the threshold, "<" only below it. */
  op: '<=' | '<';
  /** In the metric's own unit: seconds for latency, a fraction for errors and utilization. */
  threshold: number;
}

export type Verdict = 'pass' | 'fail' | 'inconclusive';

export interface ObjectiveVerdict {
  objective: Objective;
  verdict: Verdict;
  /** The estimate judged, and its 95% interval (low = high = value when there is none). */
  value: number;
  low: number;
  high: number;
}

export interface VariantVerdict {
  variant: string;
  /** fail if any objective fails, else inconclusive if any is, else pass. */
  verdict: Verdict;
  objectives: ObjectiveVerdict[];
}

