import { LatencyHistogram } from './latency-histogram.js';
import { TimeSeriesTable, type TimeSeriesRow } from './time-series-table.js';

export type { TimeSeriesRow } from './time-series-table.js';

/**
 * Counts per interval of simulated time, so the transient after a change (a node failing) shows.
 * The counts are totals since the series began, as Prometheus counters are: they only grow, the
 * run's totals are read from them (the Recorder keeps no second count), and a row is the
 * difference between the totals at its two ends, so the rows always add up to the totals.
 * Rows close lazily: an event at or after the current interval's end closes it (and any empty
 * intervals in between, as zero rows), and `finish` closes the rest. Memory is one packed row
 * (about 128 bytes) per interval, whatever the number of requests. An event whose time goes backwards, or precedes
 * `start`, counts in the current interval. Call `destroy` when done (WebAssembly histogram).
 */
export class TimeSeries {
  /** The closed rows. */
  readonly table: TimeSeriesTable;
  /** One histogram for all intervals, reset at every rollover; 2 significant digits (1% resolution). */
  private readonly latency = new LatencyHistogram(2);
  /** Requests that entered the cluster at each node since the series began. */
  readonly receivedTotal: Float64Array;
  sentTotal = 0;
  completedTotal = 0;
  droppedTotal = 0;
  failedTotal = 0;
  rejectedTotal = 0;
  timedOutTotal = 0;
  retriesTotal = 0;
  /** The totals when the current interval began (in the order of totals()), and the per-node ones. */
  private readonly atRowStart = new Float64Array(7);
  private readonly receivedAtRowStart: Float64Array;
  private readonly rowReceived: Float64Array;
  private index = 0;
  private rowStart: number;
  private rowEnd: number;
  /** The time the rows stop at, when they reached maxRows before the run ended. */
  endsAt: number | undefined;
  /** Levels (autoscaling: replicas, nodes...) as they stand now; each row keeps them as they stood at its end. */
  private readonly levels: Float64Array;

  constructor(readonly interval: number, nodes: number, readonly start = 0, private readonly maxRows = Infinity, gauges = 0) {
    if (!(interval > 0 && Number.isFinite(interval))) throw new RangeError(`interval must be a positive number of seconds, got ${interval}`);
    if (!(Number.isInteger(nodes) && nodes >= 0)) throw new RangeError(`nodes must be a non-negative integer, got ${nodes}`);
    if (!Number.isFinite(start)) throw new RangeError(`start must be a finite time, got ${start}`);
    this.receivedTotal = new Float64Array(nodes);
    this.receivedAtRowStart = new Float64Array(nodes);
    this.rowReceived = new Float64Array(nodes);
    this.table = new TimeSeriesTable(nodes, gauges);
    this.levels = new Float64Array(gauges).fill(NaN);
    this.rowStart = start;
    this.rowEnd = start + interval;
  }

  // Each event method: O(1), no allocation unless it closes intervals.

  sent(t: number): void {
    this.at(t);
    this.sentTotal++;
  }

  received(t: number, node: number): void {
    this.at(t);
    this.receivedTotal[node]++;
  }

  completed(t: number, latency: number): void {
    this.at(t);
    this.completedTotal++;
    this.latency.record(latency);
  }

  dropped(t: number): void {
    this.at(t);
    this.droppedTotal++;
  }

  failed(t: number): void {
    this.at(t);
    this.failedTotal++;
  }

  rejected(t: number): void {
    this.at(t);
    this.rejectedTotal++;
  }

  timedOut(t: number): void {
    this.at(t);
    this.timedOutTotal++;
  }

  retried(t: number): void {
    this.at(t);
    this.retriesTotal++;
  }

  /** Sent and not yet completed, dropped, failed, rejected or timed out. */
  get inFlight(): number {
    return this.sentTotal - (this.completedTotal + this.droppedTotal + this.failedTotal + this.rejectedTotal + this.timedOutTotal);
  }

  /** From time t on, the levels are `values` (the rows before t keep the old ones). */
  setLevels(t: number, values: ArrayLike<number>): void {
    this.at(t);
    this.levels.set(values);
  }

  /**
   * Closes every interval that starts before `end`, the last one cut at `end`. An interval that
   * starts at or after `end` is reported (with zero length) only if it counted events, e.g. ones
   * at exactly t = end: so the rows always add up to the totals.
   */
  finish(end: number): void {
    if (!Number.isFinite(end)) throw new RangeError(`end must be a finite time, got ${end}`);
    while (this.rowStart < end && this.endsAt === undefined) this.close(Math.min(this.rowEnd, end));
    if (this.counted() && this.endsAt === undefined) this.close(this.rowStart);
  }

  /** The rows closed so far, as objects: all of them after `finish`. */
  rows(): TimeSeriesRow[] {
    return this.table.rows();
  }

  destroy(): void {
    this.latency.destroy();
  }

  /**
   * Every event method starts here: one call site of rollTo for all of them, so the optimized
   * code sees it taken. Written out in each method, the first rollover a method met after V8
   * had optimized the data path (a send at t = 4 s, say) threw that code away.
   */
  private at(t: number): void {
    if (t >= this.rowEnd) this.rollTo(t);
  }

  /** Closes intervals until the current one contains t. */
  private rollTo(t: number): void {
    if (!Number.isFinite(t)) throw new RangeError(`event time must be finite, got ${t}`);
    while (t >= this.rowEnd && this.endsAt === undefined) this.close(this.rowEnd);
    // Past maxRows nothing is kept: skip to t's interval at once, however far (a rare, huge draw).
    if (this.endsAt !== undefined && t >= this.rowEnd) {
      this.index = Math.floor((t - this.start) / this.interval) + 1;
      this.rowStart = this.start + this.index * this.interval;
      this.rowEnd = this.rowStart + this.interval;
    }
  }

  private counted(): boolean {
    const totals = this.totals();
    return totals.some((n, i) => n > this.atRowStart[i]) || this.receivedTotal.some((n, i) => n > this.receivedAtRowStart[i]);
  }

  /** The totals: sent, completed, dropped, failed, rejected, timed out, retries. */
  private totals(): number[] {
    return [this.sentTotal, this.completedTotal, this.droppedTotal, this.failedTotal, this.rejectedTotal, this.timedOutTotal, this.retriesTotal];
  }

  /** Appends the current interval as a row ending at `end` and starts the next one. */
  private close(end: number): void {
    if (this.table.length >= this.maxRows) {
      this.endsAt = this.rowStart;
      return;
    }
    const totals = this.totals();
    const [sent, completed, dropped, failed, rejected, timedOut, retries] = totals;
    const from = this.atRowStart;
    for (let n = 0; n < this.rowReceived.length; n++) this.rowReceived[n] = this.receivedTotal[n] - this.receivedAtRowStart[n];
    this.table.push({
      start: this.rowStart,
      end,
      sent: sent - from[0],
      completed: completed - from[1],
      dropped: dropped - from[2],
      failed: failed - from[3],
      rejected: rejected - from[4],
      timedOut: timedOut - from[5],
      retries: retries - from[6],
      latencyP50: this.latency.percentile(50),
      latencyP99: this.latency.percentile(99),
      inFlight: this.inFlight,
    }, this.rowReceived, this.levels);
    if (this.latency.count > 0) this.latency.reset();
    from.set(totals);
    this.receivedAtRowStart.set(this.receivedTotal);
    this.index++;
    // From the index, not by adding intervals up, so boundaries do not drift.
    this.rowStart = this.start + this.index * this.interval;
    this.rowEnd = this.start + (this.index + 1) * this.interval;
  }
}
