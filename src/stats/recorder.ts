import type { Simulator } from '../engine/simulator.js';
import { batchMeansInterval } from './confidence.js';
import { LatencyHistogram } from './latency-histogram.js';
import { TimeSeries } from './time-series.js';

const MAX_BATCHES = 64;
const MIN_BATCHES = 16;
const FIRST_BATCH_SIZE = 256;
const MAX_HOPS = 8;

/**
 * Everything one variant's run counts, in bounded memory: counters in typed arrays, latency in
 * HDR histograms, and batch means (for the confidence interval of the mean latency) that
 * double their size whenever they fill up, so their number stays between 32 and 64.
 * Models call the event methods; only measured requests (sent after the warm-up) are passed in.
 * A request's outcome (completed, failed, dropped, rejected, timed out) is counted once, for
 * the request as the client sees it; node and pod counters count every attempt.
 */
export class Recorder {
  requests = 0;
  completed = 0;
  dropped = 0;
  rejected = 0;
  failed = 0;
  timedOut = 0;
  retries = 0;
  inFlightAtEnd = 0;
  readonly series: TimeSeries;
  forwarded = 0;
  snat = 0;
  hopsSum = 0;
  /** Completed requests that crossed zones; zone crossings of requests and of responses. */
  crossZoneRequests = 0;
  crossingsThere = 0;
  crossingsBack = 0;
  readonly latency = new LatencyHistogram(3);
  readonly podLatency: LatencyHistogram[];
  readonly podRequests: Float64Array;
  readonly podCompleted: Float64Array;
  readonly podRejected: Float64Array;
  readonly nodeReceived: Float64Array;
  readonly nodeForwardedOut: Float64Array;
  readonly nodeForwardedIn: Float64Array;
  readonly nodeServed: Float64Array;
  readonly nodeDropped: Float64Array;
  readonly hopCounts = new Float64Array(MAX_HOPS + 1);

  private batchSize: number;
  private batchFill = 0;
  private batchSum = 0;
  private readonly batchMeans: number[] = [];

  constructor(nodes: number, pods: number, private readonly sim: Simulator, seriesInterval: number, seriesStart = 0) {
    // Stored twice on purpose. V8 compiles a field that was only ever stored once as a constant
    // of the optimized code; the first doubling, 16384 completions in, would then throw away the
    // optimized data path, which completedAt is inlined into, and cost about 20 ms to rebuild.
    this.batchSize = 0;
    this.batchSize = FIRST_BATCH_SIZE;
    this.series = new TimeSeries(seriesInterval, nodes, seriesStart);
    // Per-pod histograms keep 2 significant digits (1% resolution) so 800 pods stay small.
    this.podLatency = Array.from({ length: pods }, () => new LatencyHistogram(2));
    this.podRequests = new Float64Array(pods);
    this.podCompleted = new Float64Array(pods);
    this.podRejected = new Float64Array(pods);
    this.nodeReceived = new Float64Array(nodes);
    this.nodeForwardedOut = new Float64Array(nodes);
    this.nodeForwardedIn = new Float64Array(nodes);
    this.nodeServed = new Float64Array(nodes);
    this.nodeDropped = new Float64Array(nodes);
  }

  /** A request left its client (its first attempt; retries are not new requests). */
  sent(): void {
    this.requests++;
    this.series.sent(this.sim.now);
  }

  /** An attempt entered the cluster at `node`. */
  received(node: number): void {
    this.nodeReceived[node]++;
    this.series.received(this.sim.now, node);
  }

  /** An attempt was lost at `node` (Local without a local endpoint, or the node is down). */
  lostAt(node: number): void {
    this.nodeDropped[node]++;
  }

  /** The outcome of a request that did not complete. */
  outcomeDropped(): void {
    this.dropped++;
    this.series.dropped(this.sim.now);
  }

  outcomeRejected(): void {
    this.rejected++;
    this.series.rejected(this.sim.now);
  }

  outcomeFailed(): void {
    this.failed++;
    this.series.failed(this.sim.now);
  }

  outcomeTimedOut(): void {
    this.timedOut++;
    this.series.timedOut(this.sim.now);
  }

  retried(): void {
    this.retries++;
    this.series.retried(this.sim.now);
  }

  forwardedBetween(from: number, to: number): void {
    this.nodeForwardedOut[from]++;
    this.nodeForwardedIn[to]++;
  }

  reachedPod(pod: number): void {
    this.podRequests[pod]++;
  }

  /** An Ingress controller pod finished its part of a request, which goes on to a backend. */
  passedThrough(pod: number): void {
    this.podCompleted[pod]++;
  }

  /** A pod's full queue turned an attempt away. */
  rejectedByPod(pod: number): void {
    this.podRejected[pod]++;
  }

  completedAt(pod: number, node: number, latency: number, hops: number, forwarded: boolean, snat: boolean): void {
    this.completed++;
    this.series.completed(this.sim.now, latency);
    this.latency.record(latency);
    this.podLatency[pod].record(latency);
    this.podCompleted[pod]++;
    this.nodeServed[node]++;
    this.hopsSum += hops;
    this.hopCounts[hops < MAX_HOPS ? hops : MAX_HOPS]++;
    if (forwarded) this.forwarded++;
    if (snat) this.snat++;
    this.batchSum += latency;
    if (++this.batchFill === this.batchSize) this.closeBatch();
  }

  /** A completed request crossed zone boundaries `there` times on its way and `back` times on the reply's. */
  crossedZones(there: number, back: number): void {
    this.crossZoneRequests++;
    this.crossingsThere += there;
    this.crossingsBack += back;
  }

  /** A request answered outside the cluster (ExternalName): no pod, no hop. */
  completedOutside(latency: number): void {
    this.completed++;
    this.series.completed(this.sim.now, latency);
    this.latency.record(latency);
    this.hopCounts[0]++;
    this.batchSum += latency;
    if (++this.batchFill === this.batchSize) this.closeBatch();
  }

  /** 95% confidence half-width of the mean latency from batch means; NaN with too few batches. */
  meanCi95(): number {
    if (this.batchMeans.length < MIN_BATCHES) return NaN;
    return batchMeansInterval(this.batchMeans, 0.95).halfWidth;
  }

  destroy(): void {
    this.series.destroy();
    this.latency.destroy();
    for (const h of this.podLatency) h.destroy();
  }

  private closeBatch(): void {
    this.batchMeans.push(this.batchSum / this.batchSize);
    this.batchSum = 0;
    this.batchFill = 0;
    if (this.batchMeans.length === MAX_BATCHES) {
      for (let i = 0; i < MAX_BATCHES / 2; i++) this.batchMeans[i] = (this.batchMeans[2 * i] + this.batchMeans[2 * i + 1]) / 2;
      this.batchMeans.length = MAX_BATCHES / 2;
      this.batchSize *= 2;
    }
  }
}
