import type { Uniform } from './random.js';

/**
 * Samplers of non-negative durations (seconds) or other quantities. Each holds the uniform
 * stream it draws from, so a sampler is one monomorphic call on the hot path.
 */
export interface Distribution {
  sample(): number;
  readonly mean: number;
  /** Human-readable form for reports, e.g. "exponential(mean=0.01)". */
  describe(): string;
}

/** z such that P(N(0,1) <= z) = 0.99. */
export const Z99 = 2.3263478740408408;

export class Constant implements Distribution {
  constructor(readonly value: number) {}
  get mean(): number { return this.value; }
  sample(): number { return this.value; }
  describe(): string { return `constant(${this.value})`; }
}

export class Exponential implements Distribution {
  constructor(readonly mean: number, private readonly u: Uniform) {}
  // 1 - u is in (0, 1], so the log is finite.
  sample(): number { return -Math.log(1 - this.u()) * this.mean; }
  describe(): string { return `exponential(mean=${this.mean})`; }
}

export class UniformRange implements Distribution {
  constructor(readonly min: number, readonly max: number, private readonly u: Uniform) {
    if (!(max >= min)) throw new RangeError(`uniform: max (${max}) must be >= min (${min})`);
  }
  get mean(): number { return (this.min + this.max) / 2; }
  sample(): number { return this.min + (this.max - this.min) * this.u(); }
  describe(): string { return `uniform(min=${this.min}, max=${this.max})`; }
}

/** Box-Muller; the second variate of each pair is kept for the next call. */
export class Normal implements Distribution {
  private spare = 0;
  private hasSpare = false;
  constructor(readonly mean: number, readonly stddev: number, private readonly u: Uniform) {
    if (!(stddev >= 0)) throw new RangeError(`normal: stddev must be >= 0, got ${stddev}`);
  }
  standard(): number {
    if (this.hasSpare) { this.hasSpare = false; return this.spare; }
    const r = Math.sqrt(-2 * Math.log(1 - this.u()));
    const theta = 2 * Math.PI * this.u();
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return r * Math.cos(theta);
  }
  sample(): number { return this.mean + this.stddev * this.standard(); }
  describe(): string { return `normal(mean=${this.mean}, stddev=${this.stddev})`; }
}

/** A normal clamped at zero: for latencies, which cannot be negative. */
export class NonNegative implements Distribution {
  readonly mean: number;
  constructor(private readonly inner: Normal) {
    // E[max(0, X)] for X ~ N(m, s): m * Phi(m/s) + s * phi(m/s).
    const { mean: m, stddev: s } = inner;
    this.mean = s === 0 ? Math.max(0, m) : m * normalCdf(m / s) + s * Math.exp(-(m * m) / (2 * s * s)) / Math.sqrt(2 * Math.PI);
  }
  sample(): number { const x = this.inner.sample(); return x > 0 ? x : 0; }
  describe(): string { return `max(0, ${this.inner.describe()})`; }
}

export class LogNormal implements Distribution {
  private readonly normal: Normal;
  constructor(readonly mu: number, readonly sigma: number, u: Uniform) {
    if (!(sigma >= 0)) throw new RangeError(`lognormal: sigma must be >= 0, got ${sigma}`);
    this.normal = new Normal(0, 1, u);
  }
  /**
   * The lognormal with the given mean and 99th percentile: ln p99 - ln mean = z*sigma - sigma^2/2,
   * whose smaller root is taken (the larger one gives a p99 below the median's scale).
   */
  static fromMeanP99(mean: number, p99: number, u: Uniform): LogNormal {
    if (!(mean > 0) || !(p99 > mean)) throw new RangeError(`lognormal: need 0 < mean < p99, got mean=${mean}, p99=${p99}`);
    const d = Z99 * Z99 - 2 * Math.log(p99 / mean);
    if (d < 0) {
      const maxP99 = mean * Math.exp((Z99 * Z99) / 2);
      throw new RangeError(`lognormal: p99 ${p99} is too far above mean ${mean} (at most ${maxP99.toPrecision(4)})`);
    }
    const sigma = Z99 - Math.sqrt(d);
    return new LogNormal(Math.log(mean) - (sigma * sigma) / 2, sigma, u);
  }
  get mean(): number { return Math.exp(this.mu + (this.sigma * this.sigma) / 2); }
  sample(): number { return Math.exp(this.mu + this.sigma * this.normal.standard()); }
  describe(): string { return `lognormal(mu=${this.mu}, sigma=${this.sigma})`; }
}

/** Draws uniformly from a list of observed values. */
export class EmpiricalValues implements Distribution {
  private readonly values: Float64Array;
  readonly mean: number;
  constructor(values: readonly number[], private readonly u: Uniform) {
    if (values.length === 0) throw new RangeError('empirical: values must not be empty');
    this.values = Float64Array.from(values);
    this.mean = values.reduce((a, b) => a + b, 0) / values.length;
  }
  sample(): number { return this.values[Math.floor(this.u() * this.values.length)]; }
  describe(): string { return `empirical(${this.values.length} values)`; }
}

/**
 * Inverse-CDF sampling through (cumulative probability, value) points with linear interpolation
 * between them. Points must start at probability 0 and end at 1, both increasing.
 */
export class EmpiricalPercentiles implements Distribution {
  private readonly p: Float64Array;
  private readonly v: Float64Array;
  readonly mean: number;
  constructor(points: ReadonlyArray<readonly [number, number]>, private readonly u: Uniform) {
    const pts = [...points].sort((a, b) => a[0] - b[0]);
    if (pts.length < 2 || pts[0][0] !== 0 || pts[pts.length - 1][0] !== 1) {
      throw new RangeError('empirical percentiles must include p0 (the minimum) and p100 (the maximum)');
    }
    for (let i = 1; i < pts.length; i++) {
      if (pts[i][1] < pts[i - 1][1]) throw new RangeError(`empirical percentiles must not decrease: p${pts[i][0] * 100} < p${pts[i - 1][0] * 100}`);
    }
    this.p = Float64Array.from(pts.map((x) => x[0]));
    this.v = Float64Array.from(pts.map((x) => x[1]));
    let m = 0;
    for (let i = 1; i < pts.length; i++) m += (this.p[i] - this.p[i - 1]) * (this.v[i] + this.v[i - 1]) / 2;
    this.mean = m;
  }
  sample(): number {
    const x = this.u();
    const p = this.p;
    let i = 1;
    while (p[i] < x) i++; // few points: a scan beats a binary search
    const w = p[i] - p[i - 1];
    const f = w > 0 ? (x - p[i - 1]) / w : 1;
    return this.v[i - 1] + f * (this.v[i] - this.v[i - 1]);
  }
  describe(): string { return `empirical(${this.p.length} percentiles)`; }
}

/** Standard normal CDF from Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** A distribution as plain data (seconds), so that a run's whole input can be posted to a worker. */
export type DistributionSpec =
  | { kind: 'constant'; value: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'uniform'; min: number; max: number }
  /** Clamped at zero. */
  | { kind: 'normal'; mean: number; stddev: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'lognormal'; mean: number; p99: number }
  | { kind: 'empirical'; values: number[] }
  /** (cumulative probability, value) points, from probability 0 to 1. */
  | { kind: 'empirical'; percentiles: Array<[number, number]> };

/** The sampler a spec describes, drawing from `u`. Throws RangeError when its parameters are inconsistent. */
export function createDistribution(spec: DistributionSpec, u: Uniform): Distribution {
  switch (spec.kind) {
    case 'constant': return new Constant(spec.value);
    case 'exponential': return new Exponential(spec.mean, u);
    case 'uniform': return new UniformRange(spec.min, spec.max, u);
    case 'normal': return new NonNegative(new Normal(spec.mean, spec.stddev, u));
    case 'lognormal': return 'mu' in spec ? new LogNormal(spec.mu, spec.sigma, u) : LogNormal.fromMeanP99(spec.mean, spec.p99, u);
    case 'empirical': return 'values' in spec ? new EmpiricalValues(spec.values, u) : new EmpiricalPercentiles(spec.percentiles, u);
  }
}
