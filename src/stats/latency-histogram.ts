import type { Histogram } from 'hdr-histogram-js';
// The builder and the WebAssembly loader alone: the package's index also loads its log writer,
// which makes an Intl.NumberFormat as it loads, and ICU's set-up costs about 9 ms of every start.
import { build } from 'hdr-histogram-js/dist/HistogramBuilder.js';
import { initWebAssemblySync } from 'hdr-histogram-js/dist/wasm/index.js';

// The WebAssembly build records a value in about 18 ns against about 130 ns for the JS build.
let wasm = false;
try { initWebAssemblySync(); wasm = true; } catch { wasm = false; }

export interface LatencyBucket {
  /** Upper bound of the bucket, seconds. */
  le: number;
  count: number;
  cumulativeFraction: number;
}

/**
 * Streaming latency statistics: an HDR histogram of nanoseconds (bounded memory, relative error
 * 10^-digits) plus an exact count, sum and max. Call `destroy` when done: the WebAssembly
 * histogram's memory is not garbage-collected.
 */
export class LatencyHistogram {
  private readonly h: Histogram;
  count = 0;
  sum = 0;
  sumSquares = 0;
  max = 0;
  min = Infinity;

  constructor(significantDigits: 2 | 3 = 3) {
    this.h = build({
      bitBucketSize: 64,
      autoResize: true,
      lowestDiscernibleValue: 1,
      highestTrackableValue: 2 ** 20,
      numberOfSignificantValueDigits: significantDigits,
      useWebAssembly: wasm,
    });
  }

  /** Records a latency in seconds. */
  record(seconds: number): void {
    this.h.recordValue(Math.round(seconds * 1e9));
    this.count++;
    this.sum += seconds;
    this.sumSquares += seconds * seconds;
    if (seconds > this.max) this.max = seconds;
    if (seconds < this.min) this.min = seconds;
  }

  get mean(): number {
    return this.count > 0 ? this.sum / this.count : NaN;
  }

  get stddev(): number {
    if (this.count < 2) return NaN;
    const m = this.mean;
    return Math.sqrt(Math.max(0, (this.sumSquares - this.count * m * m) / (this.count - 1)));
  }

  /** The value at percentile p (0..100), in seconds; NaN when empty. */
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    return this.h.getValueAtPercentile(p) / 1e9;
  }

  /** Adds another histogram's contents to this one. */
  add(other: LatencyHistogram): void {
    this.h.add(other.h);
    this.count += other.count;
    this.sum += other.sum;
    this.sumSquares += other.sumSquares;
    if (other.max > this.max) this.max = other.max;
    if (other.min < this.min) this.min = other.min;
  }

  reset(): void {
    this.h.reset();
    this.count = 0;
    this.sum = this.sumSquares = this.max = 0;
    this.min = Infinity;
  }

  /**
   * The distribution as HdrHistogram's percentile ladder (ticksPerHalfDistance steps each time
   * the remaining tail halves): dense where tails matter, a few dozen rows in all.
   */
  buckets(ticksPerHalfDistance = 5): LatencyBucket[] {
    if (this.count === 0) return [];
    // The WebAssembly build only prints the plain table: "value percentile totalCount 1/(1-p)".
    const text = this.h.outputPercentileDistribution(ticksPerHalfDistance, 1);
    const rows: LatencyBucket[] = [];
    let previousTotal = 0;
    for (const line of text.split('\n')) {
      const [value, fraction, total] = line.trim().split(/\s+/);
      const t = Number(total);
      if (!Number.isFinite(t) || !Number.isFinite(Number(value)) || !Number.isFinite(Number(fraction))) continue;
      if (t === previousTotal && rows.length > 0) continue;
      rows.push({ le: Number(value) / 1e9, count: t - previousTotal, cumulativeFraction: t / this.count });
      previousTotal = t;
    }
    return rows;
  }

  destroy(): void {
    this.h.destroy();
  }
}
