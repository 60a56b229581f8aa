/** One interval of a run. Times in seconds. */
export interface TimeSeriesRow {
  start: number;
  /** start + interval, or the end of the run for a partial last interval. */
  end: number;
  /** Requests (logical, not attempts) that left their client. */
  sent: number;
  completed: number;
  /** Completed per second of this row's own length; NaN for a row of zero length. */
  throughput: number;
  dropped: number;
  failed: number;
  rejected: number;
  timedOut: number;
  retries: number;
  /** Latency percentiles of the requests completed within the interval; NaN if none. */
  latencyP50: number;
  latencyP99: number;
  /** Requests that entered the cluster at each node, by node index. */
  received: number[];
  /** Sent and not yet completed, dropped, failed, rejected or timed out, at the end of the interval. */
  inFlight: number;
  /** Levels at the end of the interval (autoscaling runs: replicas, nodes...; see GAUGE_NAMES); empty otherwise. */
  gauges?: number[];
}

/**
 * The levels a run with a HorizontalPodAutoscaler keeps per row, as they stood at the row's end:
 * the workload's replicas (as the HPA set them), the HPA's desired count, its ready, Pending and
 * running pods, the nodes up and booting, and the metric the HPA last saw (utilization %, or
 * millicores a pod).
 */
export const AUTOSCALING_GAUGES = ['replicas', 'desired_replicas', 'ready_pods', 'pending_pods', 'running_pods', 'nodes', 'nodes_booting', 'hpa_metric'] as const;

// The fixed fields of a row, in storage order; the per-node received counts follow them.
const FIELDS = ['start', 'end', 'sent', 'completed', 'dropped', 'failed', 'rejected', 'timedOut', 'retries',
  'latencyP50', 'latencyP99', 'inFlight'] as const;
type Field = typeof FIELDS[number];
const FIELD_INDEX = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<Field, number>;

/** Rows a page holds: 128 KB a page with 4 nodes. */
const PAGE_ROWS = 1024;

/**
 * The rows of a time series, packed into Float64Array pages of 1024 rows ((12 + nodes) numbers a
 * row, 128 bytes with 4 nodes): a run of 10^5 intervals holds about 13 MB here, where row objects
 * would take several times that. Pages, not one array that doubles: memory is what the rows
 * take, never twice that, and no outgrown copies wait for the collector. Rows are materialised
 * one at a time by `row(i)`.
 */
export class TimeSeriesTable {
  private readonly pages: Float64Array[] = [];
  private readonly stride: number;
  length = 0;

  /** `gauges`: levels stored after the node counts (0 in runs without autoscaling). */
  constructor(readonly nodes: number, readonly gauges = 0) {
    this.stride = FIELDS.length + nodes + gauges;
  }

  static from(rows: readonly TimeSeriesRow[], nodes: number, gauges = 0): TimeSeriesTable {
    const table = new TimeSeriesTable(nodes, gauges);
    for (const r of rows) table.push(r, r.received, r.gauges ?? []);
    return table;
  }

  /** Appends a row: its fixed fields from `row` (throughput is derived), then `received`, then `gauges`. */
  push(row: Readonly<Record<Field, number>>, received: ArrayLike<number>, gauges: ArrayLike<number> = []): void {
    const page = Math.floor(this.length / PAGE_ROWS);
    if (page === this.pages.length) this.pages.push(new Float64Array(this.stride * PAGE_ROWS));
    const d = this.pages[page];
    const at = (this.length % PAGE_ROWS) * this.stride;
    for (let f = 0; f < FIELDS.length; f++) d[at + f] = row[FIELDS[f]];
    for (let n = 0; n < this.nodes; n++) d[at + FIELDS.length + n] = received[n] ?? 0;
    for (let g = 0; g < this.gauges; g++) d[at + FIELDS.length + this.nodes + g] = gauges[g] ?? NaN;
    this.length++;
  }

  row(i: number): TimeSeriesRow {
    if (!(Number.isInteger(i) && i >= 0 && i < this.length)) throw new RangeError(`row ${i} out of 0..${this.length - 1}`);
    const d = this.pages[Math.floor(i / PAGE_ROWS)];
    const at = (i % PAGE_ROWS) * this.stride;
    const start = d[at];
    const end = d[at + 1];
    const completed = d[at + FIELD_INDEX.completed];
    const length = end - start;
    return {
      start,
      end,
      sent: d[at + FIELD_INDEX.sent],
      completed,
      throughput: length > 0 ? completed / length : NaN,
      dropped: d[at + FIELD_INDEX.dropped],
      failed: d[at + FIELD_INDEX.failed],
      rejected: d[at + FIELD_INDEX.rejected],
      timedOut: d[at + FIELD_INDEX.timedOut],
      retries: d[at + FIELD_INDEX.retries],
      latencyP50: d[at + FIELD_INDEX.latencyP50],
      latencyP99: d[at + FIELD_INDEX.latencyP99],
      received: Array.from(d.subarray(at + FIELDS.length, at + FIELDS.length + this.nodes)),
      inFlight: d[at + FIELD_INDEX.inFlight],
      ...(this.gauges > 0 ? { gauges: Array.from(d.subarray(at + FIELDS.length + this.nodes, at + this.stride)) } : {}),
    };
  }

  /** Every row as an object: for small series and tests; long runs should go through `row(i)`. */
  rows(): TimeSeriesRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }
}
