import type { Simulator } from '../engine/simulator.js';
import {
  DROPPED, FAILED, REJECTED, TIMED_OUT, type AutoscalingTrace, type Outcome, type ScalingDecision, type Trace,
} from '../model/trace.js';
import { batchMeansInterval } from './confidence.js';
import { LatencyHistogram } from './latency-histogram.js';
import { TimeSeries } from './time-series.js';
import { AUTOSCALING_GAUGES } from './time-series-table.js';

const MAX_BATCHES = 64;
const MIN_BATCHES = 16;
const FIRST_BATCH_SIZE = 256;
const MAX_HOPS = 8;

/**
 * Everything one variant's run counts, in bounded memory: counters in typed arrays, latency in
 * HDR histograms, and batch means (for the confidence interval of the mean latency) that
 * double their size whenever they fill up, so their number stays between 32 and 64.
 * It subscribes to the model's trace; only requests sent after the warm-up are counted.
 * A request's outcome (completed, failed, dropped, rejected, timed out) is counted once, for
 * the request as the client sees it; node and pod counters count every attempt.
 */
export class Recorder implements Trace, AutoscalingTrace {
  /** When the last request counted was sent (NaN before the first): the end of the sending window. */
  lastSentAt = NaN;
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
  readonly nodeForwardedOut: Float64Array;
  readonly nodeForwardedIn: Float64Array;
  readonly nodeServed: Float64Array;
  readonly nodeDropped: Float64Array;
  readonly hopCounts = new Float64Array(MAX_HOPS + 1);

  /** Autoscaling: pod-seconds of the workload's running pods and node-seconds, after the warm-up. */
  replicaSeconds = 0;
  nodeSeconds = 0;
  readonly scalingDecisions: ScalingDecision[] = [];
  private running = 0;
  private nodesNow = 0;
  private levelsSince = 0;
  private readonly levels = new Float64Array(AUTOSCALING_GAUGES.length);

  private batchSize: number;
  private batchFill = 0;
  private batchSum = 0;
  private readonly batchMeans: number[] = [];

  /** `autoscaling`: the run has an HPA, so its time series keeps the AUTOSCALING_GAUGES. */
  constructor(nodes: number, pods: number, private readonly sim: Simulator, seriesInterval: number, private readonly warmup = 0,
    maxSeriesRows = Infinity, autoscaling = false) {
    this.batchSize = FIRST_BATCH_SIZE;
    this.series = new TimeSeries(seriesInterval, nodes, warmup, maxSeriesRows, autoscaling ? AUTOSCALING_GAUGES.length : 0);
    this.levelsSince = warmup;
    // Per-pod histograms keep 2 significant digits (1% resolution) so 800 pods stay small.
    this.podLatency = Array.from({ length: pods }, () => new LatencyHistogram(2));
    this.podRequests = new Float64Array(pods);
    this.podCompleted = new Float64Array(pods);
    this.podRejected = new Float64Array(pods);
    this.nodeForwardedOut = new Float64Array(nodes);
    this.nodeForwardedIn = new Float64Array(nodes);
    this.nodeServed = new Float64Array(nodes);
    this.nodeDropped = new Float64Array(nodes);
  }

  requestSent(sentAt: number): void {
    if (sentAt < this.warmup) return;
    this.lastSentAt = sentAt;
    this.series.sent(this.sim.now);
  }

  requestRetried(sentAt: number): void {
    if (sentAt < this.warmup) return;
    this.series.retried(this.sim.now);
  }

  requestEnded(outcome: Outcome, sentAt: number): void {
    if (sentAt < this.warmup) return;
    const now = this.sim.now;
    switch (outcome) {
      case DROPPED: this.series.dropped(now); break;
      case REJECTED: this.series.rejected(now); break;
      case FAILED: this.series.failed(now); break;
      case TIMED_OUT: this.series.timedOut(now); break;
    }
  }

  requestCompleted(latency: number, pod: number, node: number, hops: number, forwarded: boolean, snat: boolean,
    crossingsThere: number, crossingsBack: number, sentAt: number): void {
    if (sentAt < this.warmup) return;
    this.series.completed(this.sim.now, latency);
    this.latency.record(latency);
    if (pod >= 0) {
      this.podLatency[pod].record(latency);
      this.podCompleted[pod]++;
      this.nodeServed[node]++;
    }
    this.hopsSum += hops;
    this.hopCounts[hops < MAX_HOPS ? hops : MAX_HOPS]++;
    if (forwarded) this.forwarded++;
    if (snat) this.snat++;
    if (crossingsThere + crossingsBack > 0) {
      this.crossZoneRequests++;
      this.crossingsThere += crossingsThere;
      this.crossingsBack += crossingsBack;
    }
    this.batchSum += latency;
    if (++this.batchFill === this.batchSize) this.closeBatch();
  }

  attemptReceived(node: number, sentAt: number): void {
    if (sentAt < this.warmup) return;
    this.series.received(this.sim.now, node);
  }

  attemptLost(node: number, sentAt: number): void {
    if (sentAt >= this.warmup) this.nodeDropped[node]++;
  }

  attemptForwarded(from: number, to: number, sentAt: number): void {
    if (sentAt < this.warmup) return;
    this.nodeForwardedOut[from]++;
    this.nodeForwardedIn[to]++;
  }

  attemptReachedPod(pod: number, sentAt: number): void {
    if (sentAt >= this.warmup) this.podRequests[pod]++;
  }

  attemptRejectedByPod(pod: number, sentAt: number): void {
    if (sentAt >= this.warmup) this.podRejected[pod]++;
  }

  attemptPassedThrough(pod: number, sentAt: number): void {
    if (sentAt >= this.warmup) this.podCompleted[pod]++;
  }

  capacity(replicas: number, desired: number, ready: number, pending: number, running: number, nodes: number, booting: number,
    metric: number): void {
    const now = this.sim.now;
    this.accrue(now);
    this.running = running;
    // A node is paid for from its order, so node-seconds count the booting ones.
    this.nodesNow = nodes + booting;
    const l = this.levels;
    l[0] = replicas; l[1] = desired; l[2] = ready; l[3] = pending; l[4] = running; l[5] = nodes; l[6] = booting; l[7] = metric;
    this.series.setLevels(now, l);
  }

  scalingDecision(decision: ScalingDecision): void {
    this.scalingDecisions.push(decision);
  }

  /** Counts the capacity up to `end` (the end of the run). */
  finishCapacity(end: number): void {
    this.accrue(end);
  }

  // The run's totals are the time series' counters: one count of each thing.
  get requests(): number { return this.series.sentTotal; }
  get completed(): number { return this.series.completedTotal; }
  get dropped(): number { return this.series.droppedTotal; }
  get rejected(): number { return this.series.rejectedTotal; }
  get failed(): number { return this.series.failedTotal; }
  get timedOut(): number { return this.series.timedOutTotal; }
  get retries(): number { return this.series.retriesTotal; }
  /** Requests that entered the cluster at each node. */
  get nodeReceived(): Float64Array { return this.series.receivedTotal; }

  /** Requests sent after the warm-up that have not ended: in flight when the run stopped. */
  get inFlight(): number {
    return this.series.inFlight;
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

  private accrue(now: number): void {
    if (now <= this.levelsSince) return;
    this.replicaSeconds += this.running * (now - this.levelsSince);
    this.nodeSeconds += this.nodesNow * (now - this.levelsSince);
    this.levelsSince = now;
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
